/**
 * Independent checks for the tests:
 * - `math`: a mathjs instance that knows the rule table's functions mathjs lacks (relu, sigmoid, erfc, …,
 *   and step), deriv's own numeric rows, so deriv's text output can be parsed and
 *   evaluated by a second, unrelated implementation;
 * - `centralDifference`: a numeric derivative of any function of one variable,
 *   with a conditioning verdict (two step sizes must agree);
 * - `rng` / `randomPoint`: seeded, reproducible random points in a safe domain.
 */
import { create, all, type FactoryFunctionMap } from 'mathjs';
import { heaviside } from '../../src/numeric-functions.js';
import { FUNCTION_ROWS } from '../../rules/functions.js';
import { rowFor } from '../../src/function-table.js';
import { RUN_SEED } from './run-seed.js';

export const math = create(all as FactoryFunctionMap, {});
/** The rule table's names mathjs has no function for: the oracle borrows deriv's own (so it judges only the rest). */
export const mathjsLacks: ReadonlySet<string> = new Set(
  FUNCTION_ROWS.map((r) => r.name).filter((name) => name !== 'pow' && typeof (math as unknown as Record<string, unknown>)[name] !== 'function'),
);
math.import(
  Object.fromEntries([...mathjsLacks].map((name) => [name, (...xs: number[]): number => rowFor(name, xs.length)?.evaluate(...xs) ?? NaN])),
  { override: false },
);
math.import({ step: heaviside }, { override: false });

/** mathjs's value of `text` at `scope`, as a real number (NaN when mathjs gives anything else, e.g. a complex). */
export function mathjsEvaluate(text: string, scope: Readonly<Record<string, number>>): number {
  const value: unknown = math.evaluate(text, { ...scope });
  return typeof value === 'number' ? value : NaN;
}

/**
 * mathjs's value where it can judge; undefined where it cannot: a complex answer, or NaN or ±∞ — its own overflow
 * inside a formula whose value is an ordinary number (coth(1e6) computed as ∞/∞, where the value is 1), or a function
 * whose real domain is narrower in mathjs (lgamma below 0: log|Γ| in deriv and PyTorch). Callers compare only
 * finite values of their own, so a sample mathjs cannot evaluate is skipped, never judged; where deriv's own value
 * is undefined, the finite-difference and domain properties judge it.
 */
export function mathjsReal(text: string, scope: Readonly<Record<string, number>>): number | undefined {
  const value: unknown = math.evaluate(text, { ...scope });
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * f′(x) by the five-point central difference (error O(h⁴)), at two step sizes.
 * `value` is the estimate at the smaller step; `stable` says the two estimates
 * agree to `tolerance` (relative), i.e. the point is well-conditioned for f.
 * `span` is the interval the stencils sampled, [x − 2h, x + 2h]: where f has a
 * kink, a tie, a pole or a branch cut inside it, the estimate says nothing about
 * f′(x) even when `stable` holds, so a caller that knows where f changes pieces
 * checks the span too (and skips the sample, with `fc.pre`, rather than judge it).
 */
export function centralDifference(
  f: (x: number) => number,
  x: number,
  tolerance = 1e-7,
): { value: number; stable: boolean; span: readonly [number, number] } {
  const estimate = (h: number): number =>
    (-f(x + 2 * h) + 8 * f(x + h) - 8 * f(x - h) + f(x - 2 * h)) / (12 * h);
  const h = 1e-3 * Math.max(1, Math.abs(x));
  const coarse = estimate(h);
  const fine = estimate(h / 2);
  const stable =
    Number.isFinite(coarse) && Number.isFinite(fine) && Math.abs(coarse - fine) <= tolerance * Math.max(1, Math.abs(fine));
  return { value: fine, stable, span: [x - 2 * h, x + 2 * h] };
}

/** |a − b| within `tolerance` relative to max(1, |a|, |b|). */
export function close(a: number, b: number, tolerance = 1e-9): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  if (a === b) return true;
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * A seeded uniform generator on [0, 1) (mulberry32). `seed` tells a test's streams apart; the run seed
 * (test/helpers/run-seed.ts) is mixed in, so each run draws new points and DERIV_TEST_SEED repeats a run.
 */
export function rng(seed: number): () => number {
  let s = (seed + Math.imul(RUN_SEED, 0x9e3779b1)) >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** [lo, hi], or [lo, hi, minAbs]: values with |v| < minAbs are avoided (a kink at 0). */
export type Interval = readonly [number, number] | readonly [number, number, number];

/** A number drawn from the interval, at least minAbs away from 0 when given. */
/** A point for parameter i of a rule-table row: from its sample interval, a whole number for an `integer` parameter (polygamma's order). */
export function drawArgument(random: () => number, row: { readonly sample: readonly Interval[]; readonly integer?: readonly number[] }, i: number): number {
  const v = draw(random, row.sample[i]!);
  return row.integer?.includes(i) === true ? Math.round(v) : v;
}

export function draw(random: () => number, interval: Interval): number {
  const [lo, hi, minAbs = 0] = interval;
  for (let i = 0; i < 1000; i++) {
    const v = lo + (hi - lo) * random();
    if (Math.abs(v) >= minAbs) return v;
  }
  throw new Error(`no point of [${lo}, ${hi}] has |v| >= ${minAbs}`);
}

/**
 * A random point for the given variables. The default domain, [0.3, 2.5], is
 * safe for the seed examples: positive (logarithms, square roots), away from 0
 * (quotients) and small enough that exponentials stay well-conditioned.
 */
export function randomPoint(
  random: () => number,
  variables: readonly string[],
  interval: Interval = [0.3, 2.5],
): Record<string, number> {
  const point: Record<string, number> = {};
  for (const v of variables) point[v] = draw(random, interval);
  return point;
}
