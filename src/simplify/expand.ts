/**
 * Distributing products over sums, within a budget: (a + b)·c → a·c + b·c, (a + b)² → a² + 2·a·b + b².
 * Used by the simplifier to find cancellations a factored form hides (the
 * logistic-regression gradient), never applied for its own sake. Returns
 * undefined when the expansion would exceed `maxTerms` monomials.
 */
import { type Expr, add, mul, ONE_EXPR } from '../core/expr.js';

/** (a + b)^k is multiplied out for whole k from 2 to 8. */
const isSmallPower = (k: Expr): boolean => k.kind === 'num' && k.value.d === 1n && k.value.n >= 2n && k.value.n <= 8n;

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
  if (e.kind === 'pow' && e.base.kind === 'add' && isSmallPower(e.exp)) {
    const parts = expandTerms(e.base, maxTerms, depth + 1);
    if (parts === undefined) return undefined;
    let monomials: Expr[] = [ONE_EXPR];
    for (let i = 0n; i < (e.exp as { value: { n: bigint } }).value.n; i++) {
      if (monomials.length * parts.length > maxTerms) return undefined;
      const next: Expr[] = [];
      for (const m of monomials) for (const p of parts) next.push(mul(m, p));
      monomials = next;
    }
    return monomials;
  }
  if (e.kind === 'mul') {
    let monomials: Expr[] = [ONE_EXPR];
    for (const f of e.factors) {
      const parts = f.kind === 'add' || (f.kind === 'pow' && f.base.kind === 'add' && isSmallPower(f.exp)) ? expandTerms(f, maxTerms, depth + 1) : [f];
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
