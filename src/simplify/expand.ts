/**
 * Distributing products over sums, within a budget: (a + b)·c → a·c + b·c.
 * Used by the simplifier to find cancellations a factored form hides (the
 * logistic-regression gradient), never applied for its own sake. Returns
 * undefined when the expansion would exceed `maxTerms` monomials.
 */
import { type Expr, add, mul, ONE_EXPR } from '../expr.js';

/** Nesting of sums inside products that an expansion will descend (keeps recursion shallow). */
const MAX_DEPTH = 16;

export function expandTerms(e: Expr, maxTerms: number, depth = 0): Expr[] | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (e.kind === 'add') {
    const out: Expr[] = [];
    for (const t of e.terms) {
      const part = expandTerms(t, maxTerms, depth + 1);
      if (part === undefined || out.length + part.length > maxTerms) return undefined;
      out.push(...part);
    }
    return out;
  }
  if (e.kind === 'mul') {
    let monomials: Expr[] = [ONE_EXPR];
    for (const f of e.factors) {
      const parts = f.kind === 'add' ? expandTerms(f, maxTerms, depth + 1) : [f];
      if (parts === undefined || monomials.length * parts.length > maxTerms) return undefined;
      const next: Expr[] = [];
      for (const m of monomials) for (const p of parts) next.push(mul(m, p));
      monomials = next;
    }
    return monomials;
  }
  return [e];
}

/** The expanded sum, or undefined if over budget. */
export function expand(e: Expr, maxTerms = 64): Expr | undefined {
  const terms = expandTerms(e, maxTerms);
  return terms === undefined ? undefined : add(...terms);
}
