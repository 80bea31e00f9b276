/**
 * Gradients as code (issue 13), measured on the built library (dist/; `npm run build` first).
 *
 * 1. Reverse-mode cost: for each scaling family at N (default 1000), the operations of the generated
 *    gradient code over the operations of the function itself (both straight-line programs with
 *    shared pieces named; a sum or product of k operands counts k − 1, a power or call 1), and
 *    the time to generate the code. Target (Baur–Strassen): ≤ 5×.
 * 2. compile() against hand-written JS on the ReLU-network loss, 4 partials at 10⁵ points:
 *    one call per point (object in, object out) and the batch form (Float64Array columns).
 *    Target: within 2× of hand-written.
 *
 * Runs alone: `node bench/code.mjs [N]`; bench/run.mjs runs it too.
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { FAMILIES, rng } from './workloads.mjs';
import { markdownTable, formatMs } from './table.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const deriv = await import(path.join(root, 'dist/index.js'));
const N = Number(process.argv[2] ?? 1000);

console.log(`\n## Gradients as code: operations of the gradient code / operations of the function (N = ${N})\n`);
const rows = [];
let worst = 0;
for (const [family, make] of Object.entries(FAMILIES)) {
  const c = make(N);
  const f = deriv.parse(c.text);
  const order = deriv.variablesOf(f);
  const t0 = performance.now();
  const code = deriv.gradientCode(f, c.wrt);
  const ms = performance.now() - t0;
  const fOps = deriv.countOps(deriv.valueProgram(f, order));
  const gOps = deriv.countOps(code);
  const ratio = gOps / fOps;
  worst = Math.max(worst, ratio);
  // The code computes what the symbolic derivatives give: checked at the case's point.
  const g = deriv.compile(code)(c.point);
  const wrong = c.wrt.find((v) => {
    const want = deriv.derivative(c.text, v, { maxSize: 1e9 }).evaluate(c.point);
    return !(Math.abs(g[v] - want) <= 1e-6 * Math.max(1, Math.abs(want)));
  });
  rows.push([family, String(c.wrt.length), String(fOps), String(gOps), `${ratio.toFixed(2)}×`, formatMs(ms), String(code.temps.length), wrong === undefined ? 'yes' : `**no** (${wrong})`]);
}
console.log(markdownTable(['family', 'partials', 'ops(function)', 'ops(gradient code)', 'ratio', 'generate', 'temporaries', 'values right'], rows));
console.log(`\nTarget ≤ 5× (reverse-mode cost): ${worst <= 5 ? 'met' : '**not met**'} (worst ${worst.toFixed(2)}×).`);

// ---------------------------------------------------------------- compile() vs hand-written JS
const POINTS = 100_000;
const LOSS = '1/2*(w2*max(0,w1*x+b1)+b2-y)^2';
const r = rng(42);
const cols = { x: new Float64Array(POINTS), y: new Float64Array(POINTS), w1: new Float64Array(POINTS), b1: new Float64Array(POINTS), w2: new Float64Array(POINTS), b2: new Float64Array(POINTS) };
for (let i = 0; i < POINTS; i++) for (const k of Object.keys(cols)) cols[k][i] = -2 + 4 * r();
const points = Array.from({ length: POINTS }, (_, i) => Object.fromEntries(Object.keys(cols).map((k) => [k, cols[k][i]])));

/** What a person writes by hand: the forward pass, then the four partials. */
function handPoint(p) {
  const z = p.w1 * p.x + p.b1;
  const h = z > 0 ? z : 0;
  const d = p.w2 * h + p.b2 - p.y;
  const dz = z > 0 ? p.w2 * d : 0;
  return { value: (d * d) / 2, w2: h * d, b2: d, w1: p.x * dz, b1: dz };
}
function handBatch(c) {
  const { x, y, w1, b1, w2, b2 } = c;
  const n = x.length;
  const value = new Float64Array(n), gw2 = new Float64Array(n), gb2 = new Float64Array(n), gw1 = new Float64Array(n), gb1 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const z = w1[i] * x[i] + b1[i];
    const h = z > 0 ? z : 0;
    const d = w2[i] * h + b2[i] - y[i];
    const dz = z > 0 ? w2[i] * d : 0;
    value[i] = (d * d) / 2;
    gw2[i] = h * d;
    gb2[i] = d;
    gw1[i] = x[i] * dz;
    gb1[i] = dz;
  }
  return { value, w2: gw2, b2: gb2, w1: gw1, b1: gb1 };
}
const g = deriv.compile(deriv.gradient(LOSS, ['w2', 'b2', 'w1', 'b1']));
const grad = deriv.gradient(LOSS, ['w2', 'b2', 'w1', 'b1']);

/**
 * Best of `runs` timings of fn, after three warm-up runs. The minimum, not the median: on a shared 2-core
 * machine other processes only ever add time, and the two sides are compared with each other.
 */
function time(fn, runs = 15) {
  for (let k = 0; k < 3; k++) fn();
  let best = Infinity;
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}
let sink = 0;
// Two separate loops: one shared call site would see both functions and be slower for whichever runs second.
const handOne = time(() => {
  for (let i = 0; i < POINTS; i++) sink += handPoint(points[i]).w1;
});
const compiledOne = time(() => {
  for (let i = 0; i < POINTS; i++) sink += g(points[i]).w1;
});
const handMany = time(() => (sink += handBatch(cols).w1[0]));
const compiledMany = time(() => (sink += g.batch(cols).w1[0]));
const evalTime = time(() => {
  for (let i = 0; i < 2000; i++) for (const d of grad) sink += d.evaluate(points[i]);
}, 3) * (POINTS / 2000);
// Same numbers from both.
const a = g(points[7]);
const b = handPoint(points[7]);
const agree = Object.keys(b).every((k) => Math.abs(a[k] - b[k]) <= 1e-12 * Math.max(1, Math.abs(b[k])));
console.log(`\n## compile() vs hand-written JS: \`${LOSS}\`, value + 4 partials at ${POINTS.toLocaleString('en')} points\n`);
console.log(
  markdownTable(
    ['form', 'hand-written', 'compile()', 'ratio'],
    [
      ['one call per point (object in, object out)', formatMs(handOne), formatMs(compiledOne), `${(compiledOne / handOne).toFixed(2)}×`],
      ['batch over Float64Array columns', formatMs(handMany), formatMs(compiledMany), `${(compiledMany / handMany).toFixed(2)}×`],
      ['Derivative.evaluate, 4 partials (for scale)', '', formatMs(evalTime), ''],
    ],
  ),
);
const within = compiledOne / handOne <= 2 && compiledMany / handMany <= 2;
console.log(`\nTarget within 2× of hand-written: ${within ? 'met' : '**not met**'}; same values: ${agree ? 'yes' : '**no**'}.${sink === 0.5 ? ' ' : ''}`);
