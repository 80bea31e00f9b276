/**
 * Numeric implementations of the functions JavaScript's Math lacks.
 * Shared by the rule table, the evaluator and the mathjs oracle in tests.
 */

/** Unit step with H(0) = 0, so that relu'(0) = 0 as in PyTorch. */
export const heaviside = (x: number): number => (Number.isNaN(x) ? NaN : x > 0 ? 1 : 0);

export const relu = (x: number): number => (Number.isNaN(x) ? NaN : x > 0 ? x : 0);

/** Logistic sigmoid, computed without overflow for large |x|. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const ex = Math.exp(x);
  return ex / (1 + ex);
}

/** log(1 + e^x), computed without overflow for large x. */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/**
 * The real n-th root, as mathjs's nthRoot: a negative u with an odd integer n has the negative root; a
 * negative u with any other n has none (NaN — Math.pow(u, 1/n) would give a value for n = 1/2, u² ≥ 0,
 * which is no root of u).
 */
export function nthRoot(u: number, n = 2): number {
  if (n === 0) return NaN; // no 0-th root (mathjs refuses it): u^(1/0) would be 0^∞ or 1^∞
  if (u < 0) return Number.isInteger(n) && Math.abs(n) % 2 === 1 ? -Math.pow(-u, 1 / n) : NaN;
  return Math.pow(u, 1 / n);
}
