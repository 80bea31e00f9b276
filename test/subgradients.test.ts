/**
 * Derivatives at kinks (docs/functions.md): random piecewise expressions evaluated exactly at their kink,
 * against one-sided finite differences L (from the left) and R (from the right).
 *
 * - Built from max, min and abs of smooth pieces that tie at the point (each kink one level deep: no kink
 *   inside another at the same point), combined by sums, products and smooth functions: the derivative is
 *   the midpoint (L + R)/2 — so it lies in the subdifferential, and where the function is differentiable
 *   (L = R: ELU written as max(0, x) + min(0, exp(x) − 1)) it is the derivative. A tie splits ½/½ and sign(0) = 0,
 *   and the midpoint of one-sided derivatives is linear, so sums and products keep it.
 * - One of PyTorch's own rows (relu, leaky_relu, elu, clamp, hardtanh, …) at its kink, inside smooth
 *   functions: the derivative is PyTorch's one-sided choice, so it lies between L and R (inclusive).
 *   (Two such rows that disagree on sides can leave that interval — relu(x) − clamp(x, 0, 1) at 0 gives −1
 *   where L = R = 0 — as in PyTorch, whose values these are.)
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { derivative, evaluate, parse } from '../src/index.js';
import { runs } from './helpers/run-seed.js';

const RUNS = runs(200);

/** The kink point: x0, where every piece below is 0 exactly (t = x − x0 is exactly 0 in doubles). */
const X0 = fc.constantFrom(0, 0.5, -1, 2);
const coefficient = fc.constantFrom(-3, -2, -1, 1, 2, 3, 0.5);
/** A smooth piece of t that is exactly 0 at t = 0. */
const vanishing = fc.oneof(
  coefficient.map((c) => `${c}*t`),
  fc.tuple(coefficient, coefficient).map(([c, d]) => `${c}*t + ${d}*t^2`),
  coefficient.map((c) => `${c}*t^2`),
  coefficient.map((c) => `sin(${c}*t)`),
  coefficient.map((c) => `(exp(${c}*t) - 1)`),
  coefficient.map((c) => `tanh(${c}*t)`),
  coefficient.map((c) => `${c}*t^3`),
);
/** max, min and abs of pieces that tie at t = 0. */
const symmetricKink = fc.oneof(
  fc.tuple(vanishing, vanishing).map(([a, b]) => `max(${a}, ${b})`),
  fc.tuple(vanishing, vanishing).map(([a, b]) => `min(${a}, ${b})`),
  vanishing.map((a) => `max(0, ${a})`),
  vanishing.map((a) => `min(0, ${a})`),
  vanishing.map((a) => `abs(${a})`),
);
/** A term around a kink: scaled, times a smooth factor, or inside a smooth function. */
const term = (kink: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.oneof(
    fc.tuple(coefficient, kink).map(([w, k]) => `${w}*${k}`),
    fc.tuple(kink, fc.constantFrom('(2 + sin(x))', 'exp(x/3)', '(1 + x^2)')).map(([k, s]) => `${k}*${s}`),
    fc.tuple(fc.constantFrom('exp', 'sin', 'tanh', 'sigmoid'), kink).map(([f, k]) => `${f}(${k})`),
    kink.map((k) => `(${k})^2`),
    fc.tuple(kink, kink).map(([a, b]) => `${a}*${b}`),
  );
const symmetricExpression = fc.tuple(fc.array(term(symmetricKink), { minLength: 1, maxLength: 3 }), vanishing).map(([terms, smooth]) => [...terms, smooth].join(' + '));

/** PyTorch's rows at their kinks (the argument shifted so that t = 0 is the kink). */
const torchKink = fc.oneof(
  fc.tuple(fc.constantFrom('relu', 'leaky_relu', 'elu', 'celu', 'selu', 'relu6', 'softsign'), vanishing).map(([f, a]) => `${f}(${a})`),
  fc.tuple(fc.constantFrom('leaky_relu(#, 0.3)', 'elu(#, 2)', 'celu(#, 0.5)', 'hardtanh(# + 1)', 'hardtanh(# - 1)', 'relu6(# + 6)', 'hardsigmoid(# + 3)', 'hardsigmoid(# - 3)', 'hardswish(# + 3)', 'hardswish(# - 3)'), vanishing).map(
    ([f, a]) => f.replace('#', a),
  ),
  fc.tuple(vanishing, vanishing).map(([a, b]) => `clamp(${a}, ${b}, 1)`),
  fc.tuple(vanishing, vanishing).map(([a, b]) => `clamp(${a}, -1, ${b})`),
);
const torchExpression = fc.tuple(term(torchKink), vanishing).map(([k, smooth]) => `${k} + ${smooth}`);

/**
 * One-sided derivatives of f at x0 by Richardson-extrapolated forward (and backward) differences, and
 * whether two step sizes agree (else another switch of the pieces is too close to judge).
 */
function oneSided(f: (x: number) => number, x0: number): { left: number; right: number; stable: boolean } {
  const side = (s: 1 | -1, h: number): number => {
    const d = (k: number): number => (f(x0 + s * k) - f(x0)) / (s * k);
    return 2 * d(h / 2) - d(h);
  };
  const [right, right2, left, left2] = [side(1, 1e-4), side(1, 2e-4), side(-1, 1e-4), side(-1, 2e-4)];
  const agree = (a: number, b: number): boolean => Number.isFinite(a) && Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a));
  return { left, right, stable: agree(right, right2) && agree(left, left2) };
}

/** f (in t = x − x0) as text in x, its derivative at x0, and the one-sided differences there. */
function atKink(text: string, x0: number): { value: number; left: number; right: number; stable: boolean } {
  const f = parse(text.replace(/\bt\b/g, `(x - ${x0})`));
  const value = derivative(f, 'x').evaluate({ x: x0 });
  return { value, ...oneSided((x) => evaluate(f, { x }), x0) };
}

const tolerance = (left: number, right: number): number => 1e-5 * Math.max(1, Math.abs(left), Math.abs(right));

describe('max, min and abs at a kink: the midpoint of the one-sided derivatives', () => {
  it('property: random sums, products and smooth functions of ties', () => {
    fc.assert(
      fc.property(symmetricExpression, X0, (text, x0) => {
        const { value, left, right, stable } = atKink(text, x0);
        fc.pre(stable);
        expect(Math.abs(value - (left + right) / 2), `${text} at x0 = ${x0}: ${value}, L = ${left}, R = ${right}`).toBeLessThanOrEqual(tolerance(left, right));
      }),
      { numRuns: RUNS },
    );
  });

  it.each([
    ['max(0, t) + min(0, exp(t) - 1)', 1], // ELU as PyTorch documents it: differentiable, derivative 1
    ['max(0, t) + min(0, 2*(exp(t/2) - 1))', 1], // CELU, α = 2
    ['max(t, -t)', 0], // |t|
    ['max(t, 2*t)', 1.5], // L = 1, R = 2
    ['min(t, t^2)', 0.5],
    ['max(t, 0)^2', 0],
  ])('%s at its kink -> %d', (text, want) => {
    const { value, left, right } = atKink(text, 0);
    expect(value).toBe(want);
    expect(Math.abs(value - (left + right) / 2)).toBeLessThanOrEqual(tolerance(left, right));
  });
});

describe("PyTorch's rows at a kink: PyTorch's one-sided value, inside the subdifferential", () => {
  it('property: one row at its kink, inside smooth functions', () => {
    fc.assert(
      fc.property(torchExpression, X0, (text, x0) => {
        const { value, left, right, stable } = atKink(text, x0);
        fc.pre(stable);
        const [lo, hi] = [Math.min(left, right), Math.max(left, right)];
        const tol = tolerance(left, right);
        expect(value >= lo - tol && value <= hi + tol, `${text} at x0 = ${x0}: ${value} outside [${lo}, ${hi}]`).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
