/**
 * Sampling f and ∂f/∂x for the plot, honestly: a value that is not finite is a gap, and so is a change
 * between neighbouring samples that does not shrink when the interval is halved (a pole, the step of
 * a derivative at a kink). A steep but continuous stretch shrinks under halving and stays one line.
 *
 * Pure functions of a number → number map; no DOM. The sampled values are what the page exposes as
 * data attributes, so tests compare them with deriv's own values.
 */

export type Fn = (x: number) => number;

/** n + 1 evenly spaced points from lo to hi inclusive. */
export function grid(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n + 1 }, (_, i) => (i === n ? hi : lo + ((hi - lo) * i) / n));
}

/** How many times an interval is halved when looking for a jump or a pole (it shrinks 2^24 times). */
const HALVINGS = 24;

/**
 * True when f is discontinuous or unbounded between a and b (f(a) = fa, f(b) = fb), by two searches
 * that each follow one half at every halving:
 * - towards the larger change: for a continuous f the change shrinks towards 0; at a jump it stays,
 *   towards an odd pole (1/x) it grows. A jump: the last change is still above `visible`.
 * - towards the larger |f| (the quarter point nearer a pole is always the one in the pole's half): near
 *   an even pole (1/x², or log(x²)) |f| grows past both ends, while for a continuous f it exceeds them
 *   by no more than the curve bulges over a tiny interval. A pole: it exceeds them by more than `visible`.
 * A value that is not finite, met on the way, is a gap too.
 */
export function jumps(f: Fn, a: number, b: number, fa: number, fb: number, visible: number): boolean {
  let lo = a, hi = b, flo = fa, fhi = fb;
  for (let i = 0; i < HALVINGS; i++) {
    const mid = (lo + hi) / 2;
    if (mid <= lo || mid >= hi) break; // the doubles between lo and hi are exhausted
    const fm = f(mid);
    if (!Number.isFinite(fm)) return true;
    if (Math.abs(fm - flo) >= Math.abs(fhi - fm)) { hi = mid; fhi = fm; } else { lo = mid; flo = fm; }
  }
  if (Math.abs(fhi - flo) > visible) return true;
  const ends = Math.max(Math.abs(fa), Math.abs(fb));
  let peak = ends;
  lo = a;
  hi = b;
  for (let i = 0; i < HALVINGS; i++) {
    const mid = (lo + hi) / 2;
    if (mid <= lo || mid >= hi) break;
    const q1 = f((lo + mid) / 2), q2 = f((mid + hi) / 2);
    if (!Number.isFinite(q1) || !Number.isFinite(q2)) return true;
    if (Math.abs(q1) >= Math.abs(q2)) hi = mid; else lo = mid;
    peak = Math.max(peak, Math.abs(q1), Math.abs(q2));
  }
  return peak - ends > visible;
}

export interface Sampled {
  readonly xs: readonly number[];
  /** f at each x; NaN where it is not a finite real number. */
  readonly ys: readonly number[];
  /** Indices i where the line is broken between sample i − 1 and sample i. */
  readonly breaks: readonly number[];
}

/**
 * Samples f on the grid (or takes its `values` there, when already known) and finds where the line must break. An interval is examined when f changes
 * across it by more than a twentieth of `span` (the visible height), or its midpoint strays that far
 * from the chord (a pole of even order, 1/x², has equal values on both sides).
 */
export function sample(f: Fn, xs: readonly number[], span?: number, values?: readonly number[]): Sampled {
  const ys = (values ?? xs.map(f)).map((y) => (Number.isFinite(y) ? y : NaN));
  const visible = (span ?? visibleSpan(ys)) / 20;
  const breaks: number[] = [];
  for (let i = 1; i < xs.length; i++) {
    const a = ys[i - 1]!, b = ys[i]!;
    if (Number.isNaN(a) || Number.isNaN(b)) continue; // a gap already
    const mid = f((xs[i - 1]! + xs[i]!) / 2);
    const suspicious = Math.abs(b - a) > visible || !Number.isFinite(mid) || Math.abs(mid - (a + b) / 2) > visible;
    if (suspicious && jumps(f, xs[i - 1]!, xs[i]!, a, b, visible)) breaks.push(i);
  }
  return { xs, ys, breaks };
}

/** The height worth showing: the 2nd to 98th percentile of the finite values (a pole's spike does not flatten the rest). */
export function visibleRange(values: readonly number[]): [number, number] {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (finite.length === 0) return [-1, 1];
  const at = (q: number): number => finite[Math.min(finite.length - 1, Math.max(0, Math.round(q * (finite.length - 1))))]!;
  let lo = at(0.02), hi = at(0.98);
  if (hi - lo < 1e-12 * Math.max(1, Math.abs(hi))) {
    lo -= 1;
    hi += 1;
  }
  const pad = (hi - lo) * 0.08;
  return [lo - pad, hi + pad];
}

const visibleSpan = (ys: readonly number[]): number => {
  const [lo, hi] = visibleRange(ys);
  return hi - lo;
};
