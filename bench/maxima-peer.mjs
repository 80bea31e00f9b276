/**
 * Maxima as a benchmark peer: one long-lived `maxima` process (Debian's package; any Lisp) with
 * bench/maxima_worker.lisp preloaded, fed one Maxima statement per case on stdin. Two tools share this code:
 *   maxima          diff(f, v) per partial;
 *   maxima-ratsimp  ratsimp(diff(f, v)) per partial.
 * Timing happens inside Maxima (see maxima_worker.lisp); parsing f and printing the partials are not timed,
 * as for SymPy. When `maxima` is not installed the bench says so and goes on without it.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Worker } from './worker-pool.mjs';
import { checkedVariables } from './check.mjs';

export const MAXIMA_TOOLS = ['maxima', 'maxima-ratsimp'];

/** Maxima's version line, or undefined when `maxima --version` does not run. */
export function maximaVersion() {
  const r = spawnSync('maxima', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** A number as Maxima reads it: JavaScript's shortest round-trip form (`1e-7` is a float to Maxima too). */
const number = (x) => String(x);

/** f in Maxima's syntax: the peers' text (sigmoid already spelled out) reads as it is; e and pi are Maxima's %e, %pi. */
function maximaText(c) {
  if (c.nest) return `bench_nest(${c.nest.depth}, ${c.nest.inner})`;
  return c.peerText.replace(/\b(e|pi)\b(?!\s*\()/g, '%$1');
}

/**
 * The statements for one case: read f into %bench_f (emptied first, so an f that fails to parse never leaves the
 * previous case's f behind), report progress (the limit restarts: reading is not timed), then bench_case, which
 * answers a line starting with @@bench (maxima_worker.lisp).
 */
export function maximaStatement(c, ratsimp) {
  const checked = checkedVariables(c).map((v) => c.wrt.indexOf(v) + 1);
  const point = Object.entries(c.point).map(([v, x]) => `${v} = ${number(x)}`);
  return (
    `%bench_f: []$\n%bench_f: [${maximaText(c)}]$\nbench_progress()$\n` +
    `bench_emit(errcatch(bench_case(%bench_f, [${c.wrt.join(', ')}], [${checked.join(', ')}], [${point.join(', ')}], ${ratsimp}, ${c.wantTexts === true})))$\n`
  );
}

/** The answer in one `@@bench …` line, as the other workers give it; undefined for any other line. */
export function decodeMaximaLine(line, c, chatter) {
  if (line === '@@progress') return { progress: true };
  if (!line.startsWith('@@bench ')) return undefined;
  const fields = line.slice('@@bench '.length).trim().split(/\s+/);
  if (fields[0] === 'error') {
    const said = chatter.map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('@@'));
    return { error: `Maxima: ${said[0] ?? 'error'}`.slice(0, 120) };
  }
  const [firstMs, medianMs, runs, size, ...vals] = fields;
  const values = {};
  checkedVariables(c).forEach((v, i) => {
    values[v] = vals[i] === '?' || vals[i] === undefined ? 'no number (Maxima left the partial symbolic)' : Number(vals[i]);
  });
  return { firstMs: Number(firstMs), medianMs: Number(medianMs), runs: Number(runs), size: Number(size), values };
}

/**
 * A decoder for one worker: decodeMaximaLine, plus the `@@text <length> <text>` lines that precede a @@bench answer
 * when the case asked for texts (maxima_worker.lisp), handed over as the answer's `texts` when there is one per
 * partial and each has the length announced. Texts left over from a case that never answered are dropped at the
 * next case's @@progress.
 */
export function maximaDecoder() {
  let texts = [];
  let intact = true;
  return (line, c, chatter) => {
    if (line.startsWith('@@text ')) {
      const m = /^@@text (\d+) ([^]*)$/.exec(line);
      if (m !== null && m[2].length === Number(m[1])) texts.push(m[2]);
      else intact = false;
      return undefined;
    }
    const answer = decodeMaximaLine(line, c, chatter);
    if (answer === undefined) return undefined;
    if (!answer.progress && answer.error === undefined && intact && texts.length > 0 && texts.length === c?.wrt.length) answer.texts = texts;
    texts = [];
    intact = true;
    return answer;
  };
}

/** The worker for `maxima` or `maxima-ratsimp`. */
export function maximaWorker(tool, root) {
  const ratsimp = tool === 'maxima-ratsimp';
  return new Worker('maxima', ['--very-quiet', '-p', path.join(root, 'bench/maxima_worker.lisp')], root, {
    encode: (c) => maximaStatement(c, ratsimp),
    decode: maximaDecoder(),
  });
}
