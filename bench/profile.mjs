/**
 * One benchmark case on deriv, for finding where its time goes:
 *   node bench/profile.mjs "mse 100" [--wrt b] --phases         medians of each phase, no profiler
 *   node --cpu-prof --cpu-prof-dir=prof bench/profile.mjs "mse 100" [--wrt b] [--seconds 5]
 *   node bench/cpuprofile-top.mjs prof/<file>.cpuprofile [25] [--total]
 * The case is a bench id ("mse 100", "tanh 1000", "seed (y-(x*w+b))^2"); --wrt differentiates with respect to
 * a subset of its variables (comma list). A call is what the bench times: gradient(text, wrt), then toString()
 * of every partial. Without --phases the call runs in a loop for --seconds and the mean is printed (profiling
 * slows it: compare, do not quote).
 */
import { parseArgs } from 'node:util';
import { gradient, parse } from '../dist/index.js';
import { seedCases, FAMILIES, logisticCase } from './workloads.mjs';
import { timeRuns } from './timing.mjs';
import { formatMs } from './table.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { wrt: { type: 'string' }, seconds: { type: 'string', default: '5' }, phases: { type: 'boolean', default: false } },
});
const id = positionals.join(' ');
const [family, n] = id.split(' ');
const c =
  family === 'seed'
    ? seedCases().find((s) => s.id === id)
    : family === 'logistic'
      ? logisticCase(Number(n))
      : FAMILIES[family]?.(Number(n));
if (c === undefined) {
  console.error(`profile: no case "${id}" (try "mse 100" or "seed x*w^2+b^2")`);
  process.exit(2);
}
const wrt = values.wrt === undefined ? c.wrt : values.wrt.split(',');
const label = `${c.id} wrt ${wrt.length > 3 ? `${wrt.length} vars` : wrt.join(',')}`;
const whole = () => gradient(c.text, wrt, { maxSize: 1e9 }).map((d) => d.toString());

if (values.phases) {
  // Each phase timed as the bench times a case (timing.mjs: first run, repeats for ~0.4 s, median), after a warm-up.
  const parsed = parse(c.text);
  const phases = [
    ['parse', () => parse(c.text)],
    ['differentiate (parsed input, simplify off)', () => gradient(parsed, wrt, { maxSize: 1e9, simplify: false })],
    ['differentiate + simplify (parsed input)', () => gradient(parsed, wrt, { maxSize: 1e9 })],
    ['whole bench call (text → printed partials)', whole],
  ];
  for (const [, fn] of phases) await timeRuns(fn);
  console.log(`${label}:`);
  for (const [name, fn] of phases) console.log(`  ${name.padEnd(44)} ${formatMs((await timeRuns(fn)).medianMs)}`);
} else {
  const budgetMs = Number(values.seconds) * 1000;
  let calls = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < budgetMs) {
    whole();
    calls++;
  }
  console.log(`${label}: ${calls} calls, ${formatMs((performance.now() - t0) / calls)} per call`);
}
