/**
 * The benchmark's workloads: the seed examples and five scaling families, as
 * plain data every tool reads the same way.
 *
 * A case is { id, family, n, text, peerText, wrt[], point{}, nest? }:
 *   text      what deriv parses;
 *   peerText  the same function for the peers (sigmoid(u) spelled 1/(1+exp(-(u))), which none of them knows);
 *   wrt       the variables differentiated with respect to (several = a gradient, one pass each for the peers);
 *   point     a random point (seeded, so every run checks the same place) where results are compared with
 *             central finite differences;
 *   nest      { fn, depth, inner } for sin(sin(…x)): SymPy builds it in a loop (Python's own parser stops at
 *             200 nested parentheses, which would say nothing about SymPy's differentiation).
 */

/** mulberry32: a small seeded generator, so the verification point is the same in every run. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const uniform = (r, lo, hi) => lo + (hi - lo) * r();
/** Two-decimal data values (exact in every tool: deriv and SymPy read them as rationals or floats alike). */
const datum = (r, lo, hi) => (Math.round(uniform(r, lo, hi) * 100) / 100).toFixed(2);

/** sigmoid(u) → 1/(1+exp(-(u))), for peers that lack sigmoid. */
export function expandSigmoid(text) {
  let out = text;
  for (;;) {
    const at = out.indexOf('sigmoid(');
    if (at < 0) return out;
    let depth = 0;
    let end = at + 'sigmoid'.length;
    for (; end < out.length; end++) {
      if (out[end] === '(') depth++;
      else if (out[end] === ')' && --depth === 0) break;
    }
    const arg = out.slice(at + 'sigmoid('.length, end);
    out = `${out.slice(0, at)}(1/(1+exp(-(${arg}))))${out.slice(end + 1)}`;
  }
}

/** The variables of a text (identifiers that are not function names), for drawing the point. */
function variablesOfText(text) {
  const names = new Set();
  for (const m of text.matchAll(/\b[A-Za-z_][A-Za-z_0-9]*\b(?!\s*\()/g)) if (m[0] !== 'e' && m[0] !== 'pi') names.add(m[0]);
  return [...names];
}

function makeCase(id, family, n, text, wrt, range, seed, extra = {}) {
  const r = rng(seed);
  const point = {};
  for (const v of variablesOfText(text)) point[v] = uniform(r, range[0], range[1]);
  return { id, family, n, text, peerText: expandSigmoid(text), wrt, point, ...extra };
}

/** The seed examples of examples.md: [f, wrt…]. */
export const SEEDS = [
  ['x*w^2+b^2', 'w', 'b'],
  ['x*exp(w)+exp(b)', 'w', 'b'],
  ['(y-(x*w+b))^2', 'w', 'b'],
  ['y*log(x*w+b)', 'w', 'b'],
  ['1/2*(w*x+b-y)^2', 'w', 'b'],
  ['1/2*(w2*max(0,w1*x+b1)+b2-y)^2', 'w2', 'b2', 'w1', 'b1'],
  ['3*x^2*y', 'x', 'y'],
  ['x+x^2', 'x'],
  ['sin(x^2)', 'x'],
  ['sin(x+x^2)', 'x'],
  ['1/(1+exp(-x))', 'x'],
  ['sigmoid(w*x+b)', 'w'],
  ['-(y*log(sigmoid(w*x+b))+(1-y)*log(1-sigmoid(w*x+b)))', 'w'],
];

export function seedCases() {
  return SEEDS.map(([f, ...wrt], i) => makeCase(`seed ${f}`, 'seed', 0, f, wrt, [0.5, 1.5], 100 + i));
}

const join = (parts, op) => parts.join(op);
const range = (n) => Array.from({ length: n }, (_, i) => i + 1);

/** The scaling families at size n. */
export const FAMILIES = {
  /** Σ k·x^k, wrt x. */
  poly: (n) => makeCase(`poly ${n}`, 'poly', n, join(range(n).map((k) => `${k}*x^${k}`), '+'), ['x'], [0.3, 0.9], n),
  /** sin(sin(…sin(x))), n deep, wrt x. */
  nest: (n) =>
    makeCase(`nest ${n}`, 'nest', n, `${'sin('.repeat(n)}x${')'.repeat(n)}`, ['x'], [0.5, 1.5], n, {
      nest: { fn: 'sin', depth: n, inner: 'x' },
    }),
  /** Π (x + k/n), wrt x: the factors stay in [x, x+1] so the product fits a double for the finite-difference check. */
  prod: (n) => makeCase(`prod ${n}`, 'prod', n, join(range(n).map((k) => `(x+${k}/${n})`), '*'), ['x'], [0.2, 0.8], n),
  /** Σ vᵢ·tanh(wᵢ·x + bᵢ), gradient wrt every vᵢ, wᵢ, bᵢ (3n partials). */
  tanh: (n) => {
    const text = join(range(n).map((i) => `v${i}*tanh(w${i}*x+b${i})`), '+');
    const wrt = range(n).flatMap((i) => [`v${i}`, `w${i}`, `b${i}`]);
    return makeCase(`tanh ${n}`, 'tanh', n, text, wrt, [-1, 1], n);
  },
  /** Σⱼ (w·xⱼ + b − yⱼ)² over n data points, gradient wrt w, b. */
  mse: (n) => {
    const r = rng(7 * n + 1);
    const text = join(range(n).map(() => `(${datum(r, -2, 2)}*w+b-${datum(r, 0, 3)})^2`), '+');
    return makeCase(`mse ${n}`, 'mse', n, text, ['w', 'b'], [-1, 1], n);
  },
};

/** The logistic map l ↦ 4l(1−l) iterated n times, written out as text (2ⁿ copies of l). */
export function logisticCase(n) {
  let text = 'l';
  for (let i = 0; i < n; i++) text = `4*(${text})*(1-(${text}))`;
  return makeCase(`logistic ${n}`, 'logistic', n, text, ['l'], [0.1, 0.9], 500 + n);
}
