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
import { isNegative, isInteger, negQ } from '../core/rational.js';

interface Quotient {
  readonly numerator: Expr[];
  /** Base → positive integer exponent it divides by. */
  readonly denominator: Map<Expr, bigint>;
}

function splitQuotient(term: Expr): Quotient {
  const [c, rest] = splitCoefficient(term);
  const numerator: Expr[] = [num(c)];
  const denominator = new Map<Expr, bigint>();
  for (const f of rest.kind === 'mul' ? rest.factors : [rest]) {
    const [base, k] = baseAndExponent(f);
    if (isNegative(k) && isInteger(k)) denominator.set(base, -k.n);
    else numerator.push(f);
  }
  return { numerator, denominator };
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
      const factors = [...p.numerator];
      for (const [base, k] of common) {
        const missing = k - (p.denominator.get(base) ?? 0n);
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
 * Whether expanding the common numerator must pass maxTerms monomials, decided from the terms' denominators
 * before any numerator term is built (`numeratorOf`). Building them is the costly part of a common denominator that cannot
 * be had: each term is multiplied by every base it lacks, n terms × n bases, so Σ 1/(x + k) over 4,000 terms
 * built 16 million factors (seconds, hundreds of MB) only for `expand` to give up.
 *
 * Contract: true only when `expand(numeratorOf(…), maxTerms)` would be undefined, so the answer is
 * the same, only found sooner. Why that holds: a term i lacking m ≥ 2 of the sum bases that `expand`
 * multiplies out (powers 1 to 8) has a numerator term with those m sums as distinct factors, which
 * distributes into at least 2^m monomials (each sum has 2 terms or more). That numerator term is a product,
 * so it is not flattened into the numerator sum, and nothing there can cancel it: the numerator terms of
 * two distinct terms are the terms' distinct rests times one common multiple, so they differ (a product's
 * canonical form is its base → exponent map; multiplying by the common multiple changes only the exponents
 * of its bases, none of which the constructors rewrite, unless a base is a square root: then no answer);
 * and a flattened numerator term c·S, with S a sum factor of a numerator or a denominator base, can meet
 * it only through a term of S with a sum factor in it (no such S: no answer either). `expand` fails once
 * its count of monomials, before like ones meet, passes maxTerms: the sum of those 2^m passes it too.
 */
function surelyTooLong({ parts, common }: OverCommonDenominator, maxTerms: number): boolean {
  // The sum bases that expand multiplies out wherever a term lacks them.
  let expanded = 0;
  for (const [base, k] of common) {
    if (base.kind === 'call' && base.fn === 'sqrt') return false;
    if (base.kind !== 'add') continue;
    if (sumHasSumInATerm(base)) return false;
    if (k <= MAX_EXPANDED_POWER) expanded++;
  }
  if (expanded < 2) return false;
  // Every term is read (a numerator sum with a sum in a term, however late, undoes the argument); the count
  // stops growing once past maxTerms.
  let monomials = 0;
  for (const p of parts) {
    let present = 0;
    for (const [base] of p.denominator) if (isExpandedBase(base, common)) present++;
    for (const f of p.numerator) {
      if (f.kind === 'add' && sumHasSumInATerm(f)) return false;
      if (isExpandedBase(f.kind === 'pow' ? f.base : f, common)) present++;
    }
    const lacking = expanded - present;
    if (lacking >= 2 && monomials <= maxTerms) monomials += 2 ** Math.min(lacking, 31);
  }
  return monomials > maxTerms;
}

function isExpandedBase(base: Expr, common: ReadonlyMap<Expr, bigint>): boolean {
  if (base.kind !== 'add') return false;
  const k = common.get(base);
  return k !== undefined && k <= MAX_EXPANDED_POWER;
}

/** Whether some term of the sum has a sum, or a power of one, among its factors (memoised per node). */
function sumHasSumInATerm(sum: Add): boolean {
  let known = sumInATermMemo.get(sum);
  if (known === undefined) {
    known = false;
    for (const t of sum.terms) {
      for (const f of t.kind === 'mul' ? t.factors : [t]) if (f.kind === 'add' || (f.kind === 'pow' && f.base.kind === 'add')) known = true;
      if (known) break;
    }
    sumInATermMemo.set(sum, known);
  }
  return known;
}
const sumInATermMemo = new WeakMap<Add, boolean>();

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
