/**
 * The terms of a sum that depend on a variable, without scanning every term:
 * large sums get an index variable → terms, built once per node (nodes are
 * immutable and shared) from the terms' free variables. A gradient of
 * Σᵢ vᵢ·tanh(wᵢ·x + bᵢ) then costs O(size) in all instead of O(size) per
 * variable.
 */
import type { Add, Expr } from './core/expr.js';
import { dependsOn, freeVariables } from './analysis.js';

/** Below this many terms a scan is cheaper than an index. */
const INDEX_FROM = 24;
const NONE: readonly Expr[] = [];
const indexMemo = new WeakMap<Add, Map<string, Expr[]>>();

function indexOf(sum: Add): Map<string, Expr[]> {
  let index = indexMemo.get(sum);
  if (index === undefined) {
    index = new Map();
    for (const t of sum.terms) {
      for (const v of freeVariables(t)) {
        const list = index.get(v);
        if (list === undefined) index.set(v, [t]);
        else list.push(t);
      }
    }
    indexMemo.set(sum, index);
  }
  return index;
}

/** The terms of `sum` that depend on x, in canonical order. */
export function dependentTerms(sum: Add, x: string): readonly Expr[] {
  const terms = sum.terms;
  if (terms.length < INDEX_FROM) {
    // A scan; the usual answers (every term, or none) allocate nothing.
    let count = 0;
    for (let i = 0; i < terms.length; i++) if (dependsOn(terms[i]!, x)) count++;
    if (count === terms.length) return terms;
    if (count === 0) return NONE;
    const out: Expr[] = [];
    for (let i = 0; i < terms.length; i++) if (dependsOn(terms[i]!, x)) out.push(terms[i]!);
    return out;
  }
  return indexOf(sum).get(x) ?? NONE;
}
