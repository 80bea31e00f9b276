/**
 * Exact rational numbers on bigint: n/d with d > 0 and gcd(n, d) = 1.
 * Values are plain frozen objects, compared with `eqQ`. Every operation
 * returns a normalised value. Powers are bounded by `MAX_POW_BITS` so that
 * folding `2^(10^9)` refuses instead of building a billion-bit integer.
 */
import { DerivError } from '../errors.js';

export interface Rational {
  readonly n: bigint;
  readonly d: bigint;
}

/** Largest result (in bits) an exact power may produce before we refuse to fold it. */
export const MAX_POW_BITS = 4096;

/** Greatest common divisor of |a| and |b| (0 when both are 0). */
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** gcd of two non-negative integers below 2^53, on doubles (exact there). */
function gcdOfSafeIntegers(x: number, y: number): number {
  while (y !== 0) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  // Most values are small: Euclid on doubles is exact below 2^53 and far cheaper than on bigints.
  if (a <= SAFE && b <= SAFE) return BigInt(gcdOfSafeIntegers(Number(a), Number(b)));
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

export function q(n: bigint | number, d: bigint | number = 1n): Rational {
  let nn = typeof n === 'bigint' ? n : BigInt(n);
  let dd = typeof d === 'bigint' ? d : BigInt(d);
  // Integers (the common case) need no gcd.
  if (dd === 1n) return Object.freeze({ n: nn, d: 1n });
  if (dd === 0n) throw new RangeError('rational with zero denominator');
  if (dd < 0n) {
    nn = -nn;
    dd = -dd;
  }
  const g = gcd(nn, dd);
  if (g > 1n) {
    nn /= g;
    dd /= g;
  }
  return Object.freeze({ n: nn, d: dd });
}

export const ZERO = q(0n);
export const ONE = q(1n);
export const MINUS_ONE = q(-1n);

export const isZero = (a: Rational): boolean => a.n === 0n;
export const isOne = (a: Rational): boolean => a.n === 1n && a.d === 1n;
export const isInteger = (a: Rational): boolean => a.d === 1n;
export const isNegative = (a: Rational): boolean => a.n < 0n;
export const eqQ = (a: Rational, b: Rational): boolean => a.n === b.n && a.d === b.d;

// Values are immutable, so an operand can be the result: x + 0 and 1·x need no new value.
export const addQ = (a: Rational, b: Rational): Rational =>
  b.n === 0n ? a : a.n === 0n ? b : a.d === b.d ? q(a.n + b.n, a.d) : q(a.n * b.d + b.n * a.d, a.d * b.d);
export const subQ = (a: Rational, b: Rational): Rational => addQ(a, negQ(b));
export const mulQ = (a: Rational, b: Rational): Rational =>
  a.n === 1n && a.d === 1n ? b : b.n === 1n && b.d === 1n ? a : q(a.n * b.n, a.d * b.d);
export const negQ = (a: Rational): Rational => Object.freeze({ n: -a.n, d: a.d });
export const absQ = (a: Rational): Rational => (a.n < 0n ? negQ(a) : a);
export function invQ(a: Rational): Rational {
  if (a.n === 0n) throw new RangeError('division by zero');
  return q(a.d, a.n);
}
export const divQ = (a: Rational, b: Rational): Rational => mulQ(a, invQ(b));
export function cmpQ(a: Rational, b: Rational): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

function bitLength(x: bigint): number {
  if (x < 0n) x = -x;
  return x === 0n ? 0 : x.toString(2).length;
}

/**
 * a^k for an integer k, or undefined when the result would exceed MAX_POW_BITS
 * (or when 0 is raised to a negative power, which is left for the caller).
 */
export function powQInt(a: Rational, k: bigint): Rational | undefined {
  if (k === 0n) return ONE;
  if (a.n === 0n) return k > 0n ? ZERO : undefined;
  if (isOne(a)) return ONE;
  if (a.n === -1n && a.d === 1n) return k % 2n === 0n ? ONE : MINUS_ONE;
  const e = k < 0n ? -k : k;
  const bits = Math.max(bitLength(a.n), bitLength(a.d));
  // a^±1 is never larger than a: only a real power is bounded (1/10^2000 must fold to a number, as it printed).
  if (e > 1n && Number(e) * Math.max(bits - 1, 1) > MAX_POW_BITS) return undefined;
  const r = q(a.n ** e, a.d ** e);
  return k < 0n ? invQ(r) : r;
}

/** Exact integer k-th root of a non-negative bigint, or undefined if not a perfect power. */
function exactRoot(x: bigint, k: bigint): bigint | undefined {
  if (x < 0n) return undefined;
  if (x < 2n) return x;
  if (k > 4096n) return undefined;
  // Newton's method on bigints, starting from a float estimate.
  // Beyond a double's range (about 2^1024) the estimate is a power of two at or above the root.
  const asFloat = Number(x);
  const approx = Number.isFinite(asFloat)
    ? BigInt(Math.round(Math.pow(asFloat, 1 / Number(k))))
    : 1n << BigInt(Math.ceil(bitLength(x) / Number(k)));
  for (const c of [approx - 1n, approx, approx + 1n]) if (c >= 0n && c ** k === x) return c;
  if (bitLength(x) < 900) return undefined; // the float estimate was exact enough
  let r = approx > 0n ? approx : 1n;
  for (let i = 0; i < 200; i++) {
    const next = ((k - 1n) * r + x / r ** (k - 1n)) / k;
    if (next >= r && i > 0) break;
    r = next;
  }
  for (const c of [r - 1n, r, r + 1n]) if (c >= 0n && c ** k === x) return c;
  return undefined;
}

/**
 * a^(p/q) exactly when the result is rational (4^(1/2) = 2, (8/27)^(2/3) = 4/9),
 * else undefined. A negative base with a non-integer exponent has no real value
 * (the pow row's `real` in rules/functions.ts; as JavaScript, C and NumPy compute it):
 * undefined here, so (−8)^(1/3) stays a power whose value is undefined, as (−7)^(1/3) is.
 */
export function powQ(a: Rational, e: Rational): Rational | undefined {
  if (e.d === 1n) return powQInt(a, e.n);
  if (a.n === 0n) return e.n > 0n ? ZERO : undefined;
  if (a.n < 0n) return undefined;
  const rn = exactRoot(a.n, e.d);
  const rd = exactRoot(a.d, e.d);
  if (rn === undefined || rd === undefined) return undefined;
  return powQInt(q(rn, rd), e.n);
}

/** Significant bits kept of each side of a quotient too large for doubles (a double has 53). */
const KEPT_BITS = 64;

/**
 * The nearest double (to within rounding) of a. Numerator and denominator beyond the double range
 * (the coefficients of Π(x + k/200) multiplied out have 500 digits over 480) are each cut to their
 * leading bits first, and the power of two put back at the end: Number(n) / Number(d) would be ∞/∞.
 */
export function toNumber(a: Rational): number {
  if (a.d === 1n) return Number(a.n);
  const x = Number(a.n) / Number(a.d);
  if (Number.isFinite(x) && (x !== 0 || a.n === 0n)) return x;
  const n = a.n < 0n ? -a.n : a.n;
  const cutN = Math.max(0, n.toString(2).length - KEPT_BITS);
  const cutD = Math.max(0, a.d.toString(2).length - KEPT_BITS);
  let y = Number(n >> BigInt(cutN)) / Number(a.d >> BigInt(cutD));
  // y · 2^(cutN − cutD), in steps that stay within the exponent range of a double.
  for (let e = cutN - cutD; e !== 0 && y !== 0 && Number.isFinite(y); ) {
    const step = Math.max(-1000, Math.min(1000, e));
    y *= 2 ** step;
    e -= step;
  }
  return a.n < 0n ? -y : y;
}

/** Largest decimal exponent a literal may carry (1e10000): 1e999999999 would be a billion-digit integer. */
export const MAX_DECIMAL_EXPONENT = 10_000;

/**
 * Parse a decimal literal (`12`, `0.5`, `1e-3`, `.25`) exactly. Throws
 * DerivError TOO_LARGE for an exponent beyond ±MAX_DECIMAL_EXPONENT.
 */
/** Plain digits, with at most one decimal point (no exponent): most literals, read without a regular expression. */
const PLAIN_DECIMAL = /^\d+(\.\d*)?$/;

export function parseDecimal(text: string): Rational {
  if (text.length <= 15 && PLAIN_DECIMAL.test(text)) {
    // Under 16 characters the digits fit a double exactly: scale and reduce as doubles.
    const dot = text.indexOf('.');
    if (dot < 0) return q(BigInt(text));
    const n = Number(text.slice(0, dot) + text.slice(dot + 1));
    const d = 10 ** (text.length - dot - 1);
    const g = gcdOfSafeIntegers(n, d);
    return Object.freeze({ n: BigInt(n / g), d: BigInt(d / g) });
  }
  const m = /^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) throw new RangeError(`not a decimal literal: ${text}`);
  const intPart = m[1] ?? '';
  const frac = m[2] ?? '';
  const exp = Number(m[3] ?? '0');
  if (!(Math.abs(exp) <= MAX_DECIMAL_EXPONENT))
    throw new DerivError('TOO_LARGE', `the number ${text.length > 40 ? `${text.slice(0, 40)}…` : text} has an exponent beyond ±${MAX_DECIMAL_EXPONENT}`, {
      hint: 'exact arithmetic would build a number with that many digits; write 10^k to keep a large power symbolic',
    });
  let n = BigInt((intPart + frac) || '0');
  let d = 10n ** BigInt(frac.length);
  if (exp > 0) n *= 10n ** BigInt(exp);
  else if (exp < 0) d *= 10n ** BigInt(-exp);
  return q(n, d);
}

/** Exact conversion of a finite JS number: the shortest decimal that round-trips, as a person typed it. */
export function fromNumber(x: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  if (Number.isInteger(x) && Math.abs(x) <= Number.MAX_SAFE_INTEGER) return q(BigInt(x));
  const r = parseDecimal(String(Math.abs(x)).replace('e+', 'e'));
  return x < 0 ? negQ(r) : r;
}

export function formatQ(a: Rational): string {
  return a.d === 1n ? a.n.toString() : `${a.n}/${a.d}`;
}
