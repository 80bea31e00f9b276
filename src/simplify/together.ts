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
  const parts = sum.terms.map(splitQuotient);
  const common = new Map<Expr, bigint>();
  for (const p of parts)
    for (const [base, k] of p.denominator) if ((common.get(base) ?? 0n) < k) common.set(base, k);
  if (common.size === 0) return undefined;
  const numeratorTerms = parts.map((p) => {
    const factors = [...p.numerator];
    for (const [base, k] of common) {
      const missing = k - (p.denominator.get(base) ?? 0n);
      if (missing > 0n) factors.push(pow(base, num(missing)));
    }
    return mul(...factors);
  });
  const expanded = expand(addAll(numeratorTerms), maxTerms);
  if (expanded === undefined) return undefined;
  let numerator = tidy(expanded);
  const left = cancel(numerator, common, maxTerms);
  numerator = left.numerator;
  const denominator: Expr[] = [];
  for (const [base, k] of left.denominator) if (k > 0n) denominator.push(pow(base, num(negQ({ n: k, d: 1n }))));
  return { combined: mul(numerator, ...denominator), numerator, denominator };
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
