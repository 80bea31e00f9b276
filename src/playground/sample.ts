/**
 * Sampling f and ∂f/∂x for the plot, honestly: a value that is not finite is a gap, and so is a jump
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

/** Halvings tried before a jump is called a discontinuity. */
const HALVINGS = 24;

/**
 * True when f jumps between a and b: after halving the interval HALVINGS times, always keeping the half
 * with the larger change, the change is still more than half the original. (A continuous f's change
 * shrinks towards 0; a jump's stays.) A non-finite value met on the way is a gap too.
 */
export function jumps(f: Fn, a: number, b: number, fa: number, fb: number): boolean {
  const original = Math.abs(fb - fa);
  let lo = a, hi = b, flo = fa, fhi = fb;
  for (let i = 0; i < HALVINGS; i++) {
    const mid = (lo + hi) / 2;
    if (mid <= lo || mid >= hi) break; // the doubles between lo and hi are exhausted
    const fm = f(mid);
    if (!Number.isFinite(fm)) return true;
    if (Math.abs(fm - flo) >= Math.abs(fhi - fm)) { hi = mid; fhi = fm; } else { lo = mid; flo = fm; }
  }
  return Math.abs(fhi - flo) > original / 2;
}

export interface Sampled {
  readonly xs: readonly number[];
  /** f at each x; NaN where it is not a finite real number. */
  readonly ys: readonly number[];
  /** Indices i where the line is broken between sample i − 1 and sample i. */
  readonly breaks: readonly number[];
}

/**
 * Samples f on the grid and finds where the line must break. A jump is only examined when it is large
 * against `span` (the visible height; a twentieth of it), so smooth curves cost no extra evaluations.
 */
export function sample(f: Fn, xs: readonly number[], span?: number): Sampled {
  const ys = xs.map((x) => {
    const y = f(x);
    return Number.isFinite(y) ? y : NaN;
  });
  const height = span ?? visibleSpan(ys);
  const breaks: number[] = [];
  for (let i = 1; i < xs.length; i++) {
    const a = ys[i - 1]!, b = ys[i]!;
    if (Number.isNaN(a) || Number.isNaN(b)) continue; // a gap already
    if (Math.abs(b - a) > height / 20 && jumps(f, xs[i - 1]!, xs[i]!, a, b)) breaks.push(i);
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
