/**
 * Checking a claimed derivative.
 *
 * Contract of `check(f, wrt, claim, options)`:
 * - Without a point: symbolic first — the claim is correct when
 *   simplify(derivative − claim) is 0. Otherwise both are compared at
 *   reproducible pseudo-random points (small integers first, then two-decimal
 *   points in [−3, 3], exact rationals either way) where the function, the
 *   derivative and the claim are finite reals
 *   and no kink (abs/relu/max/… at its switch point) is hit; the first point where
 *   they differ is the counterexample. Agreement at every point is `correct`
 *   with method 'numeric' (strong evidence, not a proof). Too few usable points
 *   is an UNDEFINED error rather than a verdict.
 * - With `at`: the claim (a number, or an expression in the point's variables)
 *   is compared with the derivative's value at that point only.
 * Values compare exactly when both are exact, or when their simplified difference
 * evaluates exactly at the point; else to a relative 1e-9, with an absolute floor of a few
 * times their rounding bounds at that point (PointValue.error): scaled to the size of what was
 * computed there, so 1e-10·cos(x) is not −1e-10·cos(x), and two forms of one value whose large
 * terms cancel in doubles still agree. A random point whose rounding bounds exceed 1e-3 of the values,
 * or where a value underflowed, cannot judge and is skipped; at a given point an underflowed value is
 * UNDEFINED, not a verdict.
 * Both are evaluated for the function as written (`domain`, the parser's guards): where it has no
 * value, neither has its derivative or the claim.
 */
import { withInspect, withToString } from '../inspect.js';
import { checkText } from '../print/check-text.js';
import { textHeading } from '../print/heading.js';
import { type Expr, sub } from '../core/expr.js';
import { derivative, parse, simplify, type Derivative } from '../api.js';
import { freeVariables } from '../analysis.js';
import { DerivError } from '../errors.js';
import { eqQ, isZero, q } from '../core/rational.js';
import { type Point, PointValue, valueAt, kinksAt, pointText, type Kink, type Within } from './exact-eval.js';
import type { DomainGuard } from '../parse/domain.js';
import { toText } from '../print/text.js';
import { type PointInput, toPoint } from './point.js';

export interface CheckOptions {
  /** Check the claim at this point only (a claimed number, typically). */
  readonly at?: PointInput;
  /** How many usable random points must agree (default 24). */
  readonly samples?: number;
  /** Seed of the point generator (default 1): the same seed gives the same points. */
  readonly seed?: number;
  /** Relative tolerance for values that are not both exact (default 1e-9). */
  readonly tolerance?: number;
  /** The domain guards of the input when it is given as an Expr read from text (readExpression's `domain`). */
  readonly domain?: readonly DomainGuard[];
}

export interface Counterexample {
  readonly point: Point;
  /** The true derivative's value there. */
  readonly derivative: PointValue;
  /** The claim's value there. */
  readonly claim: PointValue;
}

export interface CheckResult {
  readonly correct: boolean;
  /** How the verdict was reached. */
  readonly method: 'symbolic' | 'numeric' | 'point';
  /** The derivative the claim was compared with. */
  readonly derivative: Derivative;
  readonly claim: Expr;
  /** Points compared (numeric and point methods). */
  readonly points: number;
  readonly counterexample?: Counterexample;
  /** Kinks hit at the given point (the derivative there follows heaviside(0) = 0). */
  readonly kinks?: readonly Kink[];
  /** The CLI's verdict: `wrong: at x=10, y=50, w=4, b=5, ∂/∂w = x*(w*x + b - y) = -50, but the claim is -5` (src/print/check-text.ts). */
  toString(): string;
}

/** Small, fast, seeded generator (mulberry32): reproducible counterexamples. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How many times their rounding bounds two values may differ by and still be one value. */
const ROUNDING_SLACK = 8;
/**
 * A random point says something only where rounding leaves the values resolved to this relative precision:
 * sin((2x + 1e8)^2) has an argument near 1e16, whose last bit is worth more than a period, so its doubles
 * agree with any claim of their size. Such a point is skipped, as one where a value is not finite.
 */
const RESOLUTION = 1e-3;

/**
 * Equal as exact rationals, or relatively within `tolerance`, or within a few times their rounding
 * bounds (the absolute floor: far below the values themselves unless their terms cancelled).
 */
export function sameValue(a: PointValue, b: PointValue, tolerance = 1e-9): boolean {
  const ea = a.exact;
  const eb = b.exact;
  if (ea !== undefined && eb !== undefined) return eqQ(ea, eb);
  const bound = (v: PointValue): number => (Number.isFinite(v.error) ? v.error : 0);
  const floor = ROUNDING_SLACK * (bound(a) + bound(b));
  return Math.abs(a.number - b.number) <= Math.max(tolerance * Math.max(Math.abs(a.number), Math.abs(b.number)), floor);
}

/** The values of both at p, or undefined where either is not a usable finite real. */
function valuesAt(p: Point, d: Derivative, claim: Expr): { derivative: PointValue; claim: PointValue } | undefined {
  try {
    if (kinksAt(d.input, p).length > 0 || kinksAt(claim, p).length > 0) return undefined;
    // Only where the function itself is defined: log(u)' = u'/u means nothing where u < 0.
    const within = withinOf(d);
    if (!valueAt(d.input, p, [], within).finite) return undefined;
    const dv = valueAt(d.expr, p, [], within);
    const cv = valueAt(claim, p, [], within);
    const usable = (v: PointValue): boolean => v.finite && !v.underflowed && Math.abs(v.number) < 1e15;
    const bound = (v: PointValue): number => (Number.isFinite(v.error) ? v.error : Infinity);
    const resolved = ROUNDING_SLACK * (bound(dv) + bound(cv)) <= RESOLUTION * Math.max(Math.abs(dv.number), Math.abs(cv.number));
    return usable(dv) && usable(cv) && (resolved || (dv.exact !== undefined && cv.exact !== undefined)) ? { derivative: dv, claim: cv } : undefined;
  } catch (e) {
    if (e instanceof DerivError && e.code === 'UNDEFINED') return undefined;
    throw e;
  }
}

/** Whether the difference is nonzero at p, when it evaluates exactly there; else undefined. */
function exactGap(difference: Expr, p: Point): boolean | undefined {
  try {
    const v = valueAt(difference, p).exact;
    return v === undefined ? undefined : !isZero(v);
  } catch (e) {
    if (e instanceof DerivError && e.code === 'UNDEFINED') return undefined;
    throw e;
  }
}

const MAX_ATTEMPTS_PER_SAMPLE = 16;
const MIN_SAMPLES = 4;

export function check(input: string | Expr, wrt: string | readonly string[], claimInput: string | Expr, options: CheckOptions = {}): CheckResult {
  // Read once, before the check: the caller's object may change afterwards.
  const at = options.at === undefined ? undefined : toPoint(options.at);
  const r = checkClaim(input, wrt, claimInput, at === undefined ? options : { ...options, at });
  withToString(r, () => checkText(r, at));
  return withInspect(r, () => {
    const c = r.counterexample;
    const where = c === undefined ? '' : ` at ${pointText(c.point)}: derivative ${c.derivative.toString()}, claim ${c.claim.toString()}`;
    return `CheckResult ${r.correct ? 'correct' : 'wrong'} (${r.method}${r.points > 0 ? `, ${r.points} point${r.points === 1 ? '' : 's'}` : ''}): ${textHeading(r.derivative.variables)} = ${r.derivative.toString()}, claim ${toText(r.claim, { order: r.derivative.order })}${where}`;
  });
}

/** The function a derivative's values answer for: its input as written. */
const withinOf = (d: Derivative): Within => ({ input: d.input, guards: d.domain });

function checkClaim(input: string | Expr, wrt: string | readonly string[], claimInput: string | Expr, options: CheckOptions): CheckResult {
  const d = derivative(input, wrt, options.domain === undefined ? {} : { domain: options.domain });
  const claim = typeof claimInput === 'string' ? parse(claimInput) : claimInput;
  const tolerance = options.tolerance ?? 1e-9;

  if (options.at !== undefined) {
    const point = toPoint(options.at);
    const dv = valueAt(d.expr, point, d.order, withinOf(d));
    const cv = valueAt(claim, point, d.order, withinOf(d));
    if (!dv.finite)
      throw new DerivError('UNDEFINED', `the derivative is not a finite real number at this point (${dv.note ?? dv.toString()})`);
    for (const [what, v] of [['derivative', dv], ['claim', cv]] as const)
      if (v.underflowed) throw new DerivError('UNDEFINED', `the ${what} is ${v.note}, so the two cannot be compared here`, { hint: 'check at another point' });
    const kinks = kinksAt(d.input, point);
    const base = { method: 'point' as const, derivative: d, claim, points: 1, ...(kinks.length > 0 ? { kinks } : {}) };
    return sameValue(dv, cv, tolerance) ? { ...base, correct: true } : { ...base, correct: false, counterexample: { point, derivative: dv, claim: cv } };
  }

  const difference = simplify(sub(d.expr, claim));
  if (difference.kind === 'num' && isZero(difference.value)) return { correct: true, method: 'symbolic', derivative: d, claim, points: 0 };

  const free = new Set([...freeVariables(d.input), ...freeVariables(claim)]);
  const names = [...new Set([...d.order.filter((v) => free.has(v)), ...[...free].sort()])];
  const samples = options.samples ?? 24;
  if (!Number.isInteger(samples) || samples < 1 || samples > 10_000)
    throw new DerivError('BAD_OPTION', `samples must be a whole number from 1 to 10000, got ${String(options.samples)}`);
  const random = generator(options.seed ?? 1);
  let tested = 0;
  for (let attempt = 0; attempt < samples * MAX_ATTEMPTS_PER_SAMPLE && tested < samples; attempt++) {
    const point = new Map<string, PointValue>();
    for (const v of names) {
      // Small positive integers first (readable counterexamples), then k/100 in [−3, 3] (half of them positive).
      const k = attempt < 8 ? 1 + Math.floor(random() * 4) : attempt % 2 === 0 ? 10 + Math.floor(random() * 291) : Math.floor(random() * 601) - 300;
      point.set(v, PointValue.exact(attempt < 8 ? q(k) : q(k, 100)));
    }
    const values = valuesAt(point, d, claim);
    if (values === undefined) continue;
    tested++;
    // The simplified difference decides when it folds to an exact number there: d and d + 1 differ
    // even where both are 1e12 and a relative comparison could not tell them apart.
    const gap = exactGap(difference, point);
    if (gap !== undefined ? gap : !sameValue(values.derivative, values.claim, tolerance))
      return { correct: false, method: 'numeric', derivative: d, claim, points: tested, counterexample: { point, ...values } };
  }
  if (tested < Math.min(MIN_SAMPLES, samples))
    throw new DerivError('UNDEFINED', 'found too few points where both the derivative and the claim are finite real numbers to compare them', {
      hint: 'check the claim at a point of your choice with --at',
    });
  return { correct: true, method: 'numeric', derivative: d, claim, points: tested };
}
