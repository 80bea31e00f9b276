/**
 * Common denominators: a sum of quotients as one quotient, with the factors that the numerator
 * and the denominator share cancelled (SymPy's together + cancel, restricted to what quotient-rule
 * results need).
 *
 *   1/(x + 3) − x/(x + 3)²      →  3/(x + 3)²
 *   cos/(1 − cos) − sin²/(1 − cos)²  →  (cos − cos² − sin²)/(1 − cos)²  →  (cos − 1)/(1 − cos)²  →  −1/(1 − cos)
 *
 * The denominator is the product of every base that some term divides by, to the largest power any
 * term has; the numerator is expanded (within a budget), simplified by the caller (identities such
 * as sin² + cos² = 1 fire there), then divided exactly by each denominator base as often as it goes,
 * treating the parts that are not sums, products or powers as polynomial variables.
 */
import { type Expr, type Add, add, mul, pow, num, splitCoefficient } from '../core/expr.js';
import { baseAndExponent } from './pattern.js';
import { expand } from './expand.js';
import { addAll } from '../bulk.js';
import { Generators, toPoly, fromPoly, divideExactly, divideWithRemainder } from './polynomial.js';
import { type Rational, isNegative, isInteger, negQ } from '../core/rational.js';

interface Quotient {
  readonly coefficient: Rational;
  /** The factors that are not denominators. */
  readonly numerator: readonly Expr[];
  /** Base and the positive integer exponent it divides by: a pair or two (made for every term of a long sum, so no Map). */
  readonly denominator: readonly (readonly [Expr, bigint])[];
}

const NONE: readonly never[] = [];

function splitQuotient(term: Expr): Quotient {
  const [coefficient, rest] = splitCoefficient(term);
  let numerator: Expr[] | undefined;
  let denominator: [Expr, bigint][] | undefined;
  for (const f of rest.kind === 'mul' ? rest.factors : rest.kind === 'num' ? NONE : [rest]) {
    if (f.kind === 'pow' && f.exp.kind === 'num' && f.exp.value.n < 0n && f.exp.value.d === 1n) (denominator ??= []).push([f.base, -f.exp.value.n]);
    else (numerator ??= []).push(f);
  }
  return { coefficient, numerator: numerator ?? NONE, denominator: denominator ?? NONE };
}

/** The power of base that a term divides by (0n when none). */
function dividesBy(p: Quotient, base: Expr): bigint {
  for (const [b, k] of p.denominator) if (b === base) return k;
  return 0n;
}

/**
 * The sum as numerator·denominator^(−1) with common factors cancelled, or undefined when no term
 * has a denominator or the numerator's expansion would exceed maxTerms terms. `tidy` simplifies
 * the expanded numerator before cancelling.
 */
export function together(sum: Add, maxTerms: number, tidy: (e: Expr) => Expr): Expr | undefined {
  return togetherParts(sum, maxTerms, tidy)?.combined;
}

/**
 * The sum over its common denominator (as `together`) and, when that denominator is a single sum D,
 * also split as quotient + remainder/D (the numerator divided by D with remainder):
 * (1 − y − y·e^(−z))/(1 + e^(−z)) = 1/(1 + e^(−z)) − y.
 */
export function togetherForms(sum: Add, maxTerms: number, tidy: (e: Expr) => Expr): Expr[] {
  const parts = togetherParts(sum, maxTerms, tidy);
  if (parts === undefined) return [];
  const out = [parts.combined];
  const { numerator, denominator } = parts;
  if (denominator.length === 1 && denominator[0]!.kind === 'pow') {
    const d = denominator[0]!;
    if (d.exp.kind === 'num' && d.exp.value.n === -1n && d.base.kind === 'add') {
      const gens = new Generators();
      const p = toPoly(numerator, gens, maxTerms);
      const b = toPoly(d.base, gens, maxTerms);
      const split = p === undefined || b === undefined ? undefined : divideWithRemainder(p, b);
      if (split !== undefined && split.quotient.length > 0)
        out.push(add(fromPoly(split.quotient, gens), mul(fromPoly(split.remainder, gens), d)));
    }
  }
  return out;
}

function togetherParts(
  sum: Add,
  maxTerms: number,
  tidy: (e: Expr) => Expr,
): { combined: Expr; numerator: Expr; denominator: Expr[] } | undefined {
  const over = overCommonDenominator(sum);
  if (over === undefined || surelyTooLong(over, maxTerms)) return undefined;
  const { common } = over;
  const expanded = expand(numeratorOf(over), maxTerms);
  if (expanded === undefined) return undefined;
  let numerator = tidy(expanded);
  const left = cancel(numerator, common, maxTerms);
  numerator = left.numerator;
  const denominator: Expr[] = [];
  for (const [base, k] of left.denominator) if (k > 0n) denominator.push(pow(base, num(negQ({ n: k, d: 1n }))));
  return { combined: mul(numerator, ...denominator), numerator, denominator };
}

/** A sum's terms as quotients, and their common denominator: each base to the largest power a term divides by. */
interface OverCommonDenominator {
  readonly parts: readonly Quotient[];
  readonly common: ReadonlyMap<Expr, bigint>;
}

function overCommonDenominator(sum: Add): OverCommonDenominator | undefined {
  const parts = sum.terms.map(splitQuotient);
  const common = new Map<Expr, bigint>();
  for (const p of parts)
    for (const [base, k] of p.denominator) if ((common.get(base) ?? 0n) < k) common.set(base, k);
  return common.size === 0 ? undefined : { parts, common };
}

/** The numerator over the common denominator, as built (each term times the powers of the bases it lacks), not expanded. */
function numeratorOf({ parts, common }: OverCommonDenominator): Expr {
  return addAll(
    parts.map((p) => {
      const factors = [num(p.coefficient), ...p.numerator];
      for (const [base, k] of common) {
        const missing = k - dividesBy(p, base);
        if (missing > 0n) factors.push(pow(base, num(missing)));
      }
      return mul(...factors);
    }),
  );
}

/**
 * The numerator of the sum over its common denominator, not expanded (undefined when no term has a
 * denominator), and whether `surelyTooLong` rules its expansion out: for the tests of that contract.
 */
export function commonNumerator(sum: Add, maxTerms: number): { readonly numerator: Expr; readonly surelyTooLong: boolean } | undefined {
  const over = overCommonDenominator(sum);
  return over === undefined ? undefined : { numerator: numeratorOf(over), surelyTooLong: surelyTooLong(over, maxTerms) };
}

/** A power of a sum that `expand` multiplies out: (a + b)^k for whole k from 1 to 8 (see ./expand.ts). */
const MAX_EXPANDED_POWER = 8n;

/**
 * Whether expanding the common numerator must pass maxTerms monomials, decided from the terms' factors before
 * any numerator term is built (`numeratorOf`). Building them is the costly part of a common denominator that
 * cannot be had: each term is multiplied by every base it lacks, n terms × n bases, so Σ 1/(x + k) over 4,000
 * terms built 16 million factors (seconds, hundreds of MB) only for `expand` to give up.
 *
 * Contract: true only when `expand(numeratorOf(…), maxTerms)` is undefined, so the answer is the same, found
 * sooner. Why: term i's numerator term is c·(term i's rest, each denominator base's exponent raised by its
 * power in the common denominator). When no denominator base is rewritten by `pow` at its new exponent (a
 * square root at an even power is; symbols, sums, constants and other functions never are), that product's
 * canonical form is the rest's base → exponent map shifted by one common map: the numerator terms of distinct
 * terms are distinct products, so none collects with or cancels another. A term lacking m ≥ 2 of the
 * denominator bases has those m powers as distinct factors: a product, not flattened into the numerator sum,
 * and `expand` distributes it into at least 2^s monomials, s the number of those bases that are sums it
 * multiplies out (each has 2 terms or more). The numerator terms that are flattened (c·S for a sum S: a
 * denominator base, or a sum in a numerator) could meet such a product only through a term of S (or of a sum
 * in S) with two or more denominator bases among its factors; where one exists, no answer. `expand` fails once
 * its count of monomials, before like ones meet, passes maxTerms: these products alone pass it.
 */
function surelyTooLong({ parts, common }: OverCommonDenominator, maxTerms: number): boolean {
  if (common.size < 2) return false;
  for (const [base, k] of common) if (!keepsItsBase(base) || (isSqrt(base) && k % 2n === 0n)) return false;
  // A square root the numerator would raise to an even power becomes a power of its radicand.
  for (const p of parts)
    for (const f of p.numerator) {
      const [base, e] = baseAndExponent(f);
      const k = common.get(base);
      if (k !== undefined && isSqrt(base) && isInteger(e) && (e.n + k) % 2n === 0n && e.n + k !== 0n) return false;
    }
  for (const p of parts)
    for (const [base, k] of p.denominator) {
      const left = common.get(base)! - k;
      if (isSqrt(base) && left !== 0n && left % 2n === 0n) return false;
    }

  const seen = new Set<Add>();
  let sums = 0;
  for (const [base, k] of common) {
    if (base.kind !== 'add') continue;
    if (mayMeetAProduct(base, common, seen)) return false;
    if (k <= MAX_EXPANDED_POWER) sums++;
  }
  for (const p of parts) for (const f of p.numerator) if (f.kind === 'add' && mayMeetAProduct(f, common, seen)) return false;

  let monomials = 0;
  for (const p of parts) {
    let present = p.denominator.length;
    let presentSums = 0;
    for (const [base] of p.denominator) if (isExpandedSum(base, common)) presentSums++;
    for (const f of p.numerator) {
      const base = f.kind === 'pow' ? f.base : f;
      if (!common.has(base)) continue;
      present++;
      if (isExpandedSum(base, common)) presentSums++;
    }
    const lacking = common.size - present;
    if (lacking >= 2 && monomials <= maxTerms) monomials += 2 ** Math.min(sums - presentSums, 31);
  }
  return monomials > maxTerms;
}

const isSqrt = (e: Expr): boolean => e.kind === 'call' && e.fn === 'sqrt';

/** A base that `pow` keeps at any exponent it can get here (a square root only at odd ones; checked apart). */
const keepsItsBase = (e: Expr): boolean =>
  e.kind === 'sym' || e.kind === 'add' || (e.kind === 'const' && e.name !== 'e') || (e.kind === 'call' && e.fn !== 'exp');

function isExpandedSum(base: Expr, common: ReadonlyMap<Expr, bigint>): boolean {
  if (base.kind !== 'add') return false;
  const k = common.get(base);
  return k !== undefined && k <= MAX_EXPANDED_POWER;
}

/** Whether a term of the sum, or of a sum a term distributes into, has two or more denominator bases among its factors. */
function mayMeetAProduct(sum: Add, common: ReadonlyMap<Expr, bigint>, seen: Set<Add>): boolean {
  if (seen.has(sum)) return false;
  seen.add(sum);
  for (const t of sum.terms) {
    const rest = splitCoefficient(t)[1];
    if (rest.kind === 'add') {
      if (mayMeetAProduct(rest, common, seen)) return true;
      continue;
    }
    let bases = 0;
    for (const f of rest.kind === 'mul' ? rest.factors : [rest]) if (common.has(f.kind === 'pow' ? f.base : f)) bases++;
    if (bases >= 2) return true;
  }
  return false;
}

/** Divides the numerator by each denominator base as often as it goes exactly. */
function cancel(
  numerator: Expr,
  denominator: ReadonlyMap<Expr, bigint>,
  maxTerms: number,
): { numerator: Expr; denominator: Map<Expr, bigint> } {
  const left = new Map(denominator);
  const gens = new Generators();
  let p = toPoly(numerator, gens, maxTerms);
  if (p === undefined || p.length === 0) return { numerator, denominator: left };
  let changed = false;
  for (const [base, k] of denominator) {
    const d = toPoly(base, gens, maxTerms);
    if (d === undefined || d.length === 0) continue;
    let times = k;
    while (times > 0n) {
      const quotient = divideExactly(p, d);
      if (quotient === undefined) break;
      p = quotient;
      times--;
      changed = true;
    }
    left.set(base, times);
  }
  return { numerator: changed ? fromPoly(p, gens) : numerator, denominator: left };
}

/**
 * A product's sum factors raised to negative powers, each sum taken over its common denominator
 * (−2·x^(−2)·(1 + 4·x^(−2))^(−1) → −2·(x² + 4)^(−1)); undefined when no such factor has one.
 */
export function togetherInProduct(product: Expr, maxTerms: number, tidy: (e: Expr) => Expr): Expr | undefined {
  if (product.kind !== 'mul' && product.kind !== 'pow') return undefined;
  let changed = false;
  const factors = (product.kind === 'mul' ? product.factors : [product]).map((f) => {
    if (f.kind !== 'pow' || f.base.kind !== 'add' || f.exp.kind !== 'num' || !isNegative(f.exp.value)) return f;
    if (!isInteger(f.exp.value)) return f;
    const combined = together(f.base, maxTerms, tidy);
    if (combined === undefined) return f;
    changed = true;
    return pow(combined, f.exp);
  });
  return changed ? mul(...factors) : undefined;
}
