/**
 * GiNaC (C++) as a benchmark peer: bench/ginac/worker.cc, compiled with `g++ -O2 … -lginac -lcln` on first use
 * (Debian: `apt-get install libginac-dev`); when it does not build the bench says so and goes on without it.
 * Timed inside the worker with a steady clock: ex::diff(symbol) per partial on the already-parsed f (GiNaC's
 * automatic canonicalisation included; parsing and printing not, as for SymPy and Maxima), after an untimed
 * warm-up. One process per case (a fresh worker each time), so nothing one case leaves behind helps the next.
 * The worker also reports `parseMs`, its first (cold) parse of f.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from './worker-pool.mjs';
import { checkedVariables } from './check.mjs';

/** f as GiNaC's parser reads it: the peers' text (sigmoid spelled out), with pi and e as GiNaC spells them. */
const ginacText = (c) => c.peerText.replace(/\bpi\b(?!\s*\()/g, 'Pi').replace(/\be\b(?!\s*\()/g, 'exp(1)');

/** One case as the worker's tab-separated line (bench/ginac/worker.cc). */
export function ginacLine(c) {
  const point = Object.entries(c.point).map(([v, x]) => `${v}=${String(x)}`);
  return `${c.wantTexts === true ? 1 : 0}\t${c.wrt.join(',')}\t${checkedVariables(c).join(',')}\t${point.join(';')}\t${ginacText(c)}\n`;
}

/**
 * The compiled worker's path, built once per source version into the temp directory; { error } when g++ or
 * libginac-dev is missing (the message is g++'s first line).
 */
export function buildGinacWorker(root) {
  const source = path.join(root, 'bench/ginac/worker.cc');
  const tag = createHash('sha1').update(readFileSync(source)).digest('hex').slice(0, 12);
  const binary = path.join(os.tmpdir(), `deriv-bench-ginac-${tag}`);
  if (existsSync(binary)) return { binary };
  const r = spawnSync('g++', ['-O2', '-o', binary, source, '-lginac', '-lcln'], { encoding: 'utf8' });
  if (r.status !== 0) return { error: (r.error?.message ?? r.stderr.split('\n').find((l) => l.trim() !== '') ?? `g++ exit ${r.status}`).slice(0, 160) };
  return { binary };
}

/** GiNaC's version as the installed package names it (dpkg), or 'GiNaC'. */
export function ginacVersion() {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Version}', 'libginac-dev'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() !== '' ? `GiNaC ${r.stdout.trim()}` : 'GiNaC';
}

/** A worker with the pool's interface that starts a fresh GiNaC process for every case. */
export function ginacWorker(binary, root) {
  return {
    async ask(c, limitMs) {
      const worker = new Worker(binary, [], root, { encode: ginacLine });
      try {
        return await worker.ask(c, limitMs);
      } finally {
        worker.close();
      }
    },
    close() {},
  };
}
