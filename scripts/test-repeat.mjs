// npm run test:repeat -- [N] [vitest arguments…]
//
// Runs the test suite N times (default 10), each with a fresh run seed (DERIV_TEST_SEED, see
// test/helpers/run-seed.ts), one line per run. A test whose verdict depends on the seed for a correct
// program shows up here; the first failing run prints its output and the seed that reproduces it, and
// the script exits non-zero. Arguments after N go to vitest (files, -t 'name'), so one property can be
// soaked alone: npm run test:repeat -- 50 test/properties.test.ts
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const times = /^\d+$/.test(args[0] ?? '') ? Number(args.shift()) : 10;
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const scratch = mkdtempSync(path.join(tmpdir(), 'deriv-test-repeat-'));

/** One run of vitest with `seed`: its exit code, its output and the JSON report's counts. */
function runOnce(seed, report) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [vitest, 'run', '--reporter=dot', '--reporter=json', `--outputFile.json=${report}`, ...args], {
      cwd: root,
      env: { ...process.env, DERIV_TEST_SEED: String(seed) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

let failed = 0;
const started = Date.now();
for (let i = 1; i <= times; i++) {
  const seed = randomInt(2 ** 31);
  const report = path.join(scratch, `run-${i}.json`);
  const t0 = Date.now();
  const { code, output } = await runOnce(seed, report);
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  let counts = '';
  try {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    counts = `${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped, ${r.numTotalTestSuites} suites`;
  } catch {
    counts = 'no report';
  }
  console.log(`run ${String(i).padStart(String(times).length)}/${times}  DERIV_TEST_SEED=${String(seed).padEnd(10)} ${code === 0 ? 'passed' : 'FAILED'}  ${counts}  ${seconds} s`);
  if (code !== 0) {
    failed++;
    console.log(output.trimEnd());
    console.log(`\nreproduce: DERIV_TEST_SEED=${seed} npx vitest run ${args.join(' ')}`.trimEnd());
    break;
  }
}
rmSync(scratch, { recursive: true, force: true });
console.log(`${failed === 0 ? 'all' : 'not all'} ${times} runs passed${failed === 0 ? '' : ' (stopped at the first failure)'} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exit(failed === 0 ? 0 : 1);
