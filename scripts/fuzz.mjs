#!/usr/bin/env node
/**
 * Long fuzz runs: `npm run fuzz -- --minutes N [--seed S] [--out report.json]`.
 *
 * Bundles the laws of test/helpers/fuzz-inputs.ts (with the library sources)
 * using esbuild, then runs them in a worker thread for N minutes (default 1)
 * with fresh fast-check seeds: random strings, token soups and well-formed
 * expressions. Reports every broken law with its shrunk reproducing input,
 * every case slower than 2 s, and hangs: a watchdog ends the worker when one
 * input runs longer than 20 s, reports that input and carries on.
 * Exit code 1 when anything was found.
 */
import { build } from 'esbuild';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SLOW_MS = 2000;
const HANG_MS = 20_000;
const KINDS = ['randomText', 'tokenSoup', 'wellFormed'];
/** Long inputs and messages are shown shortened (the report file keeps them whole). */
const short = (s, n = 300) => (typeof s === 'string' && s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

function options(argv) {
  const get = (flag, fallback) => {
    const i = argv.indexOf(flag);
    return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
  };
  const minutes = Number(get('--minutes', '1'));
  if (!(minutes > 0)) throw new Error(`--minutes must be a positive number, got ${get('--minutes', '')}`);
  return { minutes, seed: Number(get('--seed', String(Date.now() % 2 ** 31))), out: get('--out', undefined) };
}

async function bundle() {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const dir = mkdtempSync(join(tmpdir(), 'deriv-fuzz-'));
  const outfile = join(dir, 'fuzz-inputs.mjs');
  await build({
    entryPoints: [join(root, 'test/helpers/fuzz-inputs.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'error',
  });
  return { lawsUrl: pathToFileURL(outfile).href };
}

// ---------------------------------------------------------------- worker

async function work({ lawsUrl, deadline, seed }) {
  const laws = await import(lawsUrl);
  const fc = (await import('fast-check')).default;
  const arbitraries = { randomText: laws.randomText(fc), tokenSoup: laws.tokenSoup(fc), wellFormed: laws.wellFormed(fc) };
  let round = 0;
  while (Date.now() < deadline) {
    for (const kind of KINDS) {
      const counts = {};
      const runSeed = (seed + round * 7919 + KINDS.indexOf(kind)) | 0;
      const result = fc.check(
        fc.property(arbitraries[kind], (input) => {
          parentPort.postMessage({ type: 'start', input, kind });
          const t = performance.now();
          let outcome;
          try {
            outcome = laws.exercise(input, kind === 'wellFormed');
          } finally {
            const ms = performance.now() - t;
            if (ms > SLOW_MS) parentPort.postMessage({ type: 'slow', input, kind, ms: Math.round(ms) });
          }
          counts[outcome] = (counts[outcome] ?? 0) + 1;
          if (kind === 'wellFormed' && !['ok', 'UNDEFINED', 'TOO_LARGE'].includes(outcome))
            throw new Error(`well-formed input stopped with ${outcome}`);
          return true;
        }),
        { numRuns: 500, seed: runSeed },
      );
      parentPort.postMessage({ type: 'round', kind, counts, runs: result.numRuns });
      if (result.failed) {
        const error = result.errorInstance;
        parentPort.postMessage({
          type: 'finding',
          kind,
          seed: runSeed,
          input: result.counterexample?.[0],
          message: error instanceof Error ? error.message : String(error),
        });
      }
      if (Date.now() >= deadline) break;
    }
    round++;
  }
  parentPort.postMessage({ type: 'done' });
}

// ---------------------------------------------------------------- main

async function main() {
  const opts = options(process.argv.slice(2));
  const urls = await bundle();
  const started = Date.now();
  const deadline = started + opts.minutes * 60_000;
  const totals = Object.fromEntries(KINDS.map((k) => [k, { runs: 0, outcomes: {} }]));
  const findings = [];
  const slow = [];
  let seed = opts.seed;
  console.log(`fuzzing for ${opts.minutes} minute(s), seed ${opts.seed}`);

  const runWorker = () =>
    new Promise((resolve) => {
      const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { ...urls, deadline, seed } });
      let current = { input: undefined, kind: undefined, since: Date.now() };
      const watchdog = setInterval(() => {
        if (Date.now() - current.since > HANG_MS) {
          findings.push({ kind: current.kind, input: current.input, message: `hang: no answer after ${HANG_MS / 1000} s` });
          console.log(`HANG (${current.kind}): ${JSON.stringify(current.input)}`);
          clearInterval(watchdog);
          void worker.terminate().then(() => resolve('restart'));
        }
      }, 1000);
      worker.on('message', (m) => {
        if (m.type === 'start') current = { input: m.input, kind: m.kind, since: Date.now() };
        else if (m.type === 'slow') slow.push(m);
        else if (m.type === 'round') {
          totals[m.kind].runs += m.runs;
          for (const [k, v] of Object.entries(m.counts)) totals[m.kind].outcomes[k] = (totals[m.kind].outcomes[k] ?? 0) + v;
        } else if (m.type === 'finding') {
          findings.push(m);
          console.log(`FOUND (${m.kind}, seed ${m.seed}): ${short(m.message)}\n  input: ${short(JSON.stringify(m.input))}`);
        } else if (m.type === 'done') {
          clearInterval(watchdog);
          resolve('done');
        }
      });
      worker.on('error', (e) => {
        clearInterval(watchdog);
        findings.push({ kind: current.kind, input: current.input, message: `worker crashed: ${e?.message ?? e}` });
        console.log(`CRASH (${current.kind}) ${e?.message ?? e}: ${JSON.stringify(current.input)}`);
        resolve('restart');
      });
    });

  while (Date.now() < deadline) {
    const how = await runWorker();
    if (how === 'done') break;
    seed += 104729; // a hang or crash: carry on with other inputs
  }

  const seconds = Math.round((Date.now() - started) / 1000);
  const report = { seconds, seed: opts.seed, totals, findings, slow };
  console.log(`\nran ${seconds} s`);
  for (const [kind, t] of Object.entries(totals)) console.log(`  ${kind}: ${t.runs} inputs, outcomes ${JSON.stringify(t.outcomes)}`);
  console.log(`findings: ${findings.length}`);
  for (const f of findings) console.log(`  [${f.kind}] ${short(f.message)}\n    input: ${short(JSON.stringify(f.input))}`);
  console.log(`slow cases (> ${SLOW_MS} ms): ${slow.length}`);
  for (const s of slow.slice(0, 20)) console.log(`  ${s.ms} ms [${s.kind}]: ${short(JSON.stringify(s.input))}`);
  if (opts.out !== undefined) writeFileSync(opts.out, JSON.stringify(report, null, 2));
  process.exitCode = findings.length > 0 || slow.length > 0 ? 1 : 0;
}

if (isMainThread) await main();
else await work(workerData);
