/**
 * Issue 26: a program that calls the library in one synchronous loop (never yielding to the event loop) keeps only
 * what is live. The intern table's WeakRefs pin every node they touch until the job ends; src/core/kept-objects.ts
 * releases those pins mid-job. Asserted as live heap after a forced collection, in a child process started with
 * --expose-gc, against what the loop made: a bound with a wide margin, never a time (times are in bench/loop.mjs).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/** Live heap (MB) after `count` fresh-name formulas in one synchronous loop and a collection within the same job. */
function liveHeapAfterLoop(count: number): number {
  const script = `
    const { derivative } = await import(${JSON.stringify(path.join(root, 'dist/index.js'))});
    for (let i = 0; i < ${count}; i++) derivative('(y' + i + ' - (x*w' + i + ' + b' + i + '))^2 + sin(x*w' + i + ')', 'w' + i).toString();
    globalThis.gc();
    process.stdout.write(String(process.memoryUsage().heapUsed / 1048576));`;
  const r = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return Number(r.stdout);
}

describe('a synchronous loop over unrelated formulas', () => {
  it('leaves a live heap that does not grow with the number of formulas (collectable without yielding)', () => {
    // Pinned until the job ended, 12,000 formulas kept ~150 MB live; released, the heap stays near its size after 1,000.
    const small = liveHeapAfterLoop(1000);
    const large = liveHeapAfterLoop(12000);
    expect(large).toBeLessThan(small + 40);
  }, 60_000);
});
