/**
 * Text in, answer out, in one synchronous loop (issue 26): `derivative(text, name).toString()` on seed-size
 * formulas with fresh names, `(y17 - (x*w17 + b17))^2 + sin(x*w17)` d/dw17, never yielding to the event loop, as a
 * program that calls the library in a plain loop does. Reports µs per formula and the process's peak RSS; a second
 * row repeats one text (fresh process each). Runs alone (`node bench/loop.mjs [count]`, after `npm run build`) and
 * from `npm run bench`.
 * Child mode (`node bench/loop.mjs --child fresh|same count`): one measurement, printed as JSON.
 * Targets: ≤ 20 µs per formula and ≤ 150 MB peak RSS with fresh names.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { markdownTable } from './table.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const formula = (i) => [`(y${i} - (x*w${i} + b${i}))^2 + sin(x*w${i})`, `w${i}`];

async function child(mode, count) {
  const { derivative } = await import('../dist/index.js');
  // Warm the JIT on formulas of the same shape (names the loop does not use), as the bench's workers do.
  for (let i = 0; i < 2000; i++) derivative(...formula(1_000_000 + i)).toString();
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  let chars = 0;
  for (let i = 0; i < count; i++) chars += derivative(...formula(mode === 'fresh' ? i : 0)).toString().length;
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  // CPU time (all threads: V8's GC helpers too) beside wall time: on a shared machine the wall clock counts waiting.
  const cpuUsPer = (cpu.user + cpu.system) / count;
  process.stdout.write(JSON.stringify({ usPer: (ms * 1000) / count, cpuUsPer, maxRssMb: process.resourceUsage().maxRSS / 1024, chars }) + '\n');
}

function measure(mode, count) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode, String(count)], { encoding: 'utf8', cwd: root });
  if (r.status !== 0) throw new Error(`bench/loop.mjs child failed: ${r.stderr.split('\n')[0]}`);
  return JSON.parse(r.stdout);
}

if (process.argv[2] === '--child') await child(process.argv[3], Number(process.argv[4]));
else {
  const count = Number(process.argv[2] ?? 30_000);
  const runs = 3;
  const rows = [];
  const verdicts = [];
  for (const [mode, label] of [['fresh', 'fresh names per formula'], ['same', 'the same text every time']]) {
    const ms = Array.from({ length: runs }, () => measure(mode, count)).sort((a, b) => a.usPer - b.usPer);
    const mid = ms[Math.floor(runs / 2)];
    const peak = Math.max(...ms.map((m) => m.maxRssMb));
    const cpuMid = ms.map((m) => m.cpuUsPer).sort((a, b) => a - b)[Math.floor(runs / 2)];
    rows.push([label, String(count), `${mid.usPer.toFixed(1)} µs`, `${cpuMid.toFixed(1)} µs`, `${Math.round(peak)} MB`]);
    if (mode === 'fresh') verdicts.push(['≤ 20 µs per formula, fresh names', mid.usPer <= 20, `${mid.usPer.toFixed(1)} µs`], ['≤ 150 MB peak RSS, fresh names', peak <= 150, `${Math.round(peak)} MB`]);
  }
  console.log('\n## Text in, answer out, in one synchronous loop (issue 26)\n');
  console.log(`\`derivative(text, name).toString()\`, no yielding; median of ${runs} processes (peak RSS: the largest).\n`);
  console.log(markdownTable(['formulas', 'count', 'per formula (wall)', 'CPU per formula', 'peak RSS'], rows));
  console.log('\n' + markdownTable(['target', 'met', 'measured'], verdicts.map(([t, ok, m]) => [t, ok ? 'yes' : '**no**', m])));
}
