/**
 * `deriv --batch` throughput, through the real command (bin/deriv.cjs → dist/cli.cjs, worker threads from
 * dist/batch-worker.cjs): requests per second from spawn to exit, start-up included, with the input written
 * as the command reads it (a pipe, never a file read at once) and every answer checked (one per request, in
 * order, no error). Peak memory is the process's maxRSS (all threads). Prints Markdown; `npm run bench` runs
 * it after the other sections, and it runs alone:
 *   node bench/batch-throughput.mjs            (BENCH_QUICK=1: fewer requests)
 * Workloads:
 *   seeds    the seed examples of bench/workloads.mjs with all their wrt (x*w^2+b^2 wrt w,b; (y-(x*w+b))^2 wrt w,b;
 *            1/(1+exp(-x)) wrt x; …), cycled;
 *            (after its first request, each formula comes from the batch's cache of recent formulas);
 *   new text the same requests, each formula's text made new (spaces before and after it, up to 64 each, so
 *            4096 spellings per seed): the batch's cache of recent formulas never answers, every request is
 *            parsed, differentiated, simplified and printed; the expressions are the seeds' own, so what the
 *            library keeps on expression nodes (free variables, sizes) still helps, as for any program that asks
 *            about the same quantities in new words;
 *   renamed  the same requests with the variables renamed per request (x_17, w_17, …): the same work, but no two
 *            requests share an expression, so nothing deriv remembers from one request helps the next.
 */
import { spawn, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import { SEEDS } from './workloads.mjs';
import { markdownTable } from './table.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const BIN = path.join(root, 'bin/deriv.cjs');
const quick = process.env.BENCH_QUICK === '1';
const TARGET = 40_000;

if (!existsSync(path.join(root, 'dist/batch-worker.cjs'))) execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });

const FUNCTIONS = new Set(['exp', 'log', 'max', 'sin', 'sigmoid']);
/** Request i of a workload, as a JSON line. */
const WORKLOADS = {
  seeds: (i) => {
    const [expr, ...wrt] = SEEDS[i % SEEDS.length];
    return JSON.stringify({ expr, wrt });
  },
  'new text': (i) => {
    const [expr, ...wrt] = SEEDS[i % SEEDS.length];
    const k = Math.floor(i / SEEDS.length);
    return JSON.stringify({ expr: ' '.repeat(k % 64) + expr + ' '.repeat(Math.floor(k / 64) % 64), wrt });
  },
  renamed: (i) => {
    const [f, ...wrt] = SEEDS[i % SEEDS.length];
    const rename = (name) => (FUNCTIONS.has(name) ? name : `${name}_${i}`);
    return JSON.stringify({ expr: f.replace(/[a-z][a-z0-9]*/g, rename), wrt: wrt.map(rename) });
  },
};

/** Runs the command on n requests of a workload; resolves with time, answers checked, and peak memory. */
function runBatch(workload, n, args) {
  return new Promise((resolve, reject) => {
    // maxRSS (kB, every thread) reported on exit by a wrapper that then runs the command as `deriv` would.
    const wrapper = `process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('\\n@maxrss ' + u.maxRSS + ' @cpu ' + (u.userCPUTime + u.systemCPUTime) + '\\n'); }); process.argv.splice(1, 0, ${JSON.stringify(BIN)}); require(${JSON.stringify(BIN)});`;
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, ['-e', wrapper, '--', '--batch', ...args], { stdio: 'pipe' });
    let stderr = '';
    let rest = '';
    let answered = 0;
    let bad = '';
    child.stderr.setEncoding('utf8').on('data', (s) => (stderr += s));
    child.stdout.setEncoding('utf8').on('data', (s) => {
      const lines = (rest + s).split('\n');
      rest = lines.pop();
      for (const line of lines) {
        answered++;
        // Cheap checks on every answer: its line number (order) and no error.
        if (bad === '' && (!line.startsWith(`{"line":${answered},`) || line.includes('"error":'))) bad = `answer ${answered}: ${line.slice(0, 120)}`;
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const rss = /@maxrss (\d+) @cpu (\d+)/.exec(stderr);
      if (answered !== n && bad === '') bad = `${answered} answers for ${n} requests`;
      resolve({ seconds, rate: n / seconds, maxRssMb: rss ? Number(rss[1]) / 1024 : undefined, cpuSeconds: rss ? Number(rss[2]) / 1e6 : undefined, code, bad, stderr: stderr.replace(/\n?@maxrss .*\n/, '').trim() });
    });
    // Write the input as the command takes it: generated in blocks, waiting whenever the pipe is full.
    let i = 0;
    const feed = () => {
      while (i < n) {
        const block = [];
        for (const end = Math.min(n, i + 1000); i < end; i++) block.push(WORKLOADS[workload](i));
        if (!child.stdin.write(`${block.join('\n')}\n`)) return void child.stdin.once('drain', feed);
      }
      child.stdin.end();
    };
    feed();
  });
}

const runs = [
  ['seeds', quick ? 50_000 : 200_000, ['--workers', '0'], 'in-process (--workers 0)'],
  ['seeds', quick ? 50_000 : 200_000, [], `worker threads (default: ${Math.max(1, os.availableParallelism() - 1)} + the main thread, past 2000 lines)`],
  ['new text', quick ? 50_000 : 200_000, ['--workers', '0'], 'in-process (--workers 0)'],
  ['new text', quick ? 50_000 : 200_000, [], 'worker threads (default)'],
  ['renamed', quick ? 10_000 : 40_000, ['--workers', '0'], 'in-process (--workers 0)'],
  ['renamed', quick ? 10_000 : 40_000, [], 'worker threads (default)'],
];
const rows = [];
const results = [];
for (const [workload, n, args, mode] of runs) {
  const r = await runBatch(workload, n, args);
  results.push({ workload, args, ...r });
  process.stderr.write(`  batch ${workload} ${mode}: ${Math.round(r.rate)} requests/s${r.bad ? ` (${r.bad})` : ''}\n`);
  rows.push([
    workload,
    String(n),
    mode,
    r.bad ? `**failed**: ${r.bad}${r.stderr ? `; ${r.stderr.split('\n')[0]}` : ''}` : `${Math.round(r.rate).toLocaleString('en-US')}`,
    r.seconds.toFixed(2),
    r.cpuSeconds === undefined ? '' : `${r.cpuSeconds.toFixed(2)} (${Math.round(n / r.cpuSeconds).toLocaleString('en-US')}/s)`,
    r.maxRssMb === undefined ? '' : r.maxRssMb.toFixed(0),
  ]);
}

console.log('\n## Batch mode (`deriv --batch`, JSON lines through bin/deriv.cjs)\n');
console.log(`Requests/s from spawn to exit (start-up included), ${os.availableParallelism()} cores, load average ${os.loadavg()[0].toFixed(1)} at the end; input piped as the command reads it; every answer checked (in order, no error). CPU s = user + system time of all its threads (requests per CPU-second: what one core does when the machine is shared). peak MB = maxRSS of the process, all threads.\n`);
console.log(markdownTable(['workload', 'requests', 'mode', 'requests/s', 'seconds', 'CPU s', 'peak MB'], rows));
// The target is judged on requests the batch has not answered before (new text): a repeated formula comes from
// the cache of recent formulas, which says little about deriv. Both are shown.
const rateOf = (workload) => {
  const runs = results.filter((r) => r.workload === workload && r.bad === '');
  return runs.length === 0 ? undefined : Math.max(...runs.map((r) => r.rate));
};
const fresh = rateOf('new text');
const cached = rateOf('seeds');
const met = fresh !== undefined && fresh >= TARGET;
const fmt = (r) => (r === undefined ? 'not run' : `${Math.round(r).toLocaleString('en-US')} requests/s`);
console.log(`\n## Targets (issue 13, batch)\n`);
console.log(markdownTable(['target', 'met', 'measured'], [[`≥ ${TARGET.toLocaleString('en-US')} seed-size requests/s (\`deriv --batch\`), on formulas not answered before (new text; the better of in-process and workers)`, met ? 'yes' : '**no**', `${fmt(fresh)} (the same seeds repeated, from the cache: ${fmt(cached)})`]]));
