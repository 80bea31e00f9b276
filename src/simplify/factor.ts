/**
 * Pulling common factors out of a sum: x·y + x·z → x·(y + z), x^x + x^x·ln x → x^x·(1 + ln x).
 * Only factors with a positive numeric exponent common to every term are taken
 * (so 1/x + 1/x² is left alone: that would be `together`, a different transform),
 * and a numeric content only comes along with a symbolic factor (2x + 2 stays).
 */
import { type Expr, type Add, add, mul, pow, num, splitCoefficient, canonicalCompare, MINUS_ONE_EXPR } from '../core/expr.js';
import { type Rational, q, cmpQ, isNegative, ZERO, subQ, addQ, gcd } from '../core/rational.js';

/**
 * Of a sum S and −S, one chosen the same way from either, and the sign that takes S to it, so that
 * (σ − 1)·σ + (1 − σ)² sees (1 − σ) in both terms: the one with fewer negative terms (the spelling a
 * result then shows, x² + 1 rather than −x² − 1), on a tie the one first in canonical order. Counting
 * signs needs no −S: it is built only when it is the one chosen or the tie needs it.
 */
function signless(sum: Expr): { readonly base: Expr; readonly flipped: boolean } {
  if (sum.kind !== 'add') return { base: sum, flipped: false };
  let known = signlessMemo.get(sum);
  if (known === undefined) {
    let negatives = 0;
    for (const t of sum.terms) if (isNegative(splitCoefficient(t)[0])) negatives++;
    const flipped =
      negatives * 2 === sum.terms.length ? canonicalCompare(negatedSum(sum), sum) < 0 : negatives * 2 > sum.terms.length;
    known = flipped ? { base: negatedSum(sum), flipped: true } : { base: sum, flipped: false };
    signlessMemo.set(sum, known);
  }
  return known;
}

/** −S for a sum S (memoised per node, as the facts below). */
export function negatedSum(sum: Add): Expr {
  let negated = negatedMemo.get(sum);
  if (negated === undefined) {
    negated = add(...sum.terms.map((t) => mul(MINUS_ONE_EXPR, t)));
    negatedMemo.set(sum, negated);
  }
  return negated;
}
const negatedMemo = new WeakMap<Add, Expr>();

/*
 * These facts are pure functions of an immutable node, memoised per node: every sum the simplifier
 * meets is factored, and the same terms come back in the expanded candidate and in enclosing sums.
 * Callers only read them.
 */
const signlessMemo = new WeakMap<Expr, { readonly base: Expr; readonly flipped: boolean }>();
const factorsMemo = new WeakMap<Expr, Factored>();

interface Factored {
  readonly coefficient: Rational;
  readonly powers: ReadonlyMap<Expr, Rational>;
}

function factorsOf(term: Expr): Factored {
  let known = factorsMemo.get(term);
  if (known === undefined) {
    known = computeFactors(term);
    factorsMemo.set(term, known);
  }
  return known;
}

/** A term as coefficient and base → numeric exponent (non-numeric powers count as bases of exponent 1). */
function computeFactors(term: Expr): Factored {
  let [coefficient, rest] = splitCoefficient(term);
  const powers = new Map<Expr, Rational>();
  const list = rest.kind === 'mul' ? rest.factors : rest.kind === 'num' ? [] : [rest];
  for (const f of list) {
    const [b, e] = f.kind === 'pow' && f.exp.kind === 'num' ? [f.base, f.exp.value] : [f, q(1n)];
    // (−S)^k = (−1)^k·S^k for integer k: sums are taken with one sign, the rest goes to the coefficient.
    const { base, flipped } = e.d === 1n ? signless(b) : { base: b, flipped: false };
    if (flipped && e.n % 2n !== 0n) coefficient = q(-coefficient.n, coefficient.d);
    powers.set(base, addQ(powers.get(base) ?? ZERO, e));
  }
  return { coefficient, powers };
}

export function factorCommon(sum: Add): Expr {
  const common = new Map<Expr, Rational>();
  for (const [base, e] of factorsOf(sum.terms[0]!).powers) if (!isNegative(e) && cmpQ(e, ZERO) > 0) common.set(base, e);
  if (common.size === 0) return sum;
  // Terms are taken apart only while a common factor is still possible (most sums have none).
  for (let i = 1; i < sum.terms.length; i++) {
    const part = factorsOf(sum.terms[i]!);
    for (const [base, e] of common) {
      const other = part.powers.get(base);
      if (other === undefined || cmpQ(other, ZERO) <= 0) common.delete(base);
      else if (cmpQ(other, e) < 0) common.set(base, other);
    }
    if (common.size === 0) return sum;
  }
  if (common.size === 0) return sum;
  const parts = sum.terms.map(factorsOf);
  // Numeric content: gcd of integer coefficients, negative when every term is.
  let content = 0n;
  let allInteger = true;
  for (const p of parts) {
    if (p.coefficient.d !== 1n) allInteger = false;
    content = gcd(content, p.coefficient.n);
  }
  const allNegative = parts.every((p) => isNegative(p.coefficient));
  const c = allInteger && content > 0n ? q(allNegative ? -content : content) : q(allNegative ? -1n : 1n);
  const inner = sum.terms.map((_, i) => {
    const { coefficient, powers } = parts[i]!;
    const factors: Expr[] = [num(q(coefficient.n * c.d, coefficient.d * c.n))];
    for (const [base, e] of powers) {
      const left = common.has(base) ? subQ(e, common.get(base)!) : e;
      factors.push(pow(base, num(left)));
    }
    return mul(...factors);
  });
  const outside: Expr[] = [num(c)];
  for (const [base, e] of common) outside.push(pow(base, num(e)));
  return mul(...outside, add(...inner));
}
