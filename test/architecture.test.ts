/**
 * The house: imports point one way. A cycle among src/ and rules/ modules (runtime imports;
 * `import type` does not count) fails this test and names the modules on it.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Runtime imports and re-exports of each module, as absolute paths. */
function importGraph(files: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const deps = [...text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'(\.[^']+)'/gms)].map((m) => path.resolve(path.dirname(f), m[1]!.replace(/\.js$/, '.ts')));
    graph.set(f, deps);
  }
  return graph;
}

function cycles(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const state = new Map<string, 'open' | 'done'>();
  const found: string[] = [];
  const visit = (f: string, stack: string[]): void => {
    state.set(f, 'open');
    stack.push(f);
    for (const d of graph.get(f) ?? []) {
      if (state.get(d) === 'open') found.push([...stack.slice(stack.indexOf(d)), d].map((x) => path.relative(ROOT, x)).join(' -> '));
      else if (!state.has(d)) visit(d, stack);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of graph.keys()) if (!state.has(f)) visit(f, []);
  return found;
}

describe('architecture', () => {
  const graph = importGraph([...sources(path.join(ROOT, 'src')), ...sources(path.join(ROOT, 'rules'))]);

  it('the import graph was read (core modules import each other)', () => {
    expect(graph.get(path.join(ROOT, 'src/core/collect.ts'))).toContain(path.join(ROOT, 'src/core/node.ts'));
    expect(cycles(new Map([['a', ['b']], ['b', ['a']]]))).toHaveLength(1);
  });

  it('no import cycles in src/ and rules/', () => {
    expect(cycles(graph)).toEqual([]);
  });
});
