/**
 * Runs one benchmark case on deriv in a loop, for profiling:
 *   node --cpu-prof --cpu-prof-dir=prof bench/profile.mjs "mse 100" [--wrt b] [--seconds 5]
 *   node bench/cpuprofile-top.mjs prof/<file>.cpuprofile
 * The case is a bench id ("mse 100", "tanh 1000", "seed (y-(x*w+b))^2"); --wrt differentiates with respect to
 * a subset of its variables (comma list). Each call is what the bench times: gradient(text, wrt), then toString()
 * of every partial. Prints the calls made and the mean time per call (profiling slows it; compare, do not quote).
 */
import { parseArgs } from 'node:util';
import { gradient } from '../dist/index.js';
import { seedCases, FAMILIES, logisticCase } from './workloads.mjs';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { wrt: { type: 'string' }, seconds: { type: 'string', default: '5' } } });
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
const budgetMs = Number(values.seconds) * 1000;
let calls = 0;
let chars = 0;
const t0 = performance.now();
while (performance.now() - t0 < budgetMs) {
  for (const d of gradient(c.text, wrt, { maxSize: 1e9 })) chars += d.toString().length;
  calls++;
}
const ms = performance.now() - t0;
console.log(`${c.id} wrt ${wrt.length > 3 ? `${wrt.length} vars` : wrt.join(',')}: ${calls} calls, ${((ms / calls) * 1000).toFixed(1)} µs per call (${chars / calls} chars)`);
