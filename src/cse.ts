/**
 * Common-subexpression elimination: shared pieces named once.
 *
 * Expressions are hash-consed DAGs, so "the same subexpression" is the same
 * node and finding repeats is counting parents: a compound node reached from
 * two or more places (within one expression or across several) becomes a
 * temporary t1, t2, … bound to its definition, and every use refers to the
 * name. Definitions come children-first, so each refers only to earlier names.
 * The result is linear in the DAG's size, whatever the written-out size: the
 * derivative of the logistic map iterated n times grows ~3ⁿ as text, its CSE
 * form ~n.
 *
 * A second stage (src/cse-products.ts) names sub-products shared between flat
 * products, so nested products stay linear too.
 *
 * Contract: substituting the bindings back (last to first, or `inlineCse`)
 * gives exactly the input expressions (the same hash-consed nodes).
 */
import { type Expr, sym, rebuild, children } from './core/expr.js';
import { foldDag } from './core/walk.js';
import { freeVariables } from './analysis.js';
import { substitute } from './templates.js';
import { shareProducts, renumber } from './cse-products.js';

export interface CseBinding {
  /** The temporary's name (t1, t2, … skipping names the expressions already use). */
  readonly name: string;
  /** Its definition, in terms of variables and earlier temporaries. */
  readonly expr: Expr;
}

export interface CseResult {
  readonly bindings: readonly CseBinding[];
  /** The input expressions, in order, in terms of the temporaries. */
  readonly exprs: readonly Expr[];
}

export interface CseOptions {
  /** Prefix of the temporaries' names (default 't'). */
  readonly prefix?: string;
}

/** Worth a name: compound, and more than a sign or a power of a single atom (x^2, -x, 1/x stay inline). */
function worthNaming(e: Expr): boolean {
  switch (e.kind) {
    case 'num':
    case 'const':
    case 'sym':
      return false;
    case 'pow':
      return !(children(e.base).length === 0 && e.exp.kind === 'num');
    case 'mul':
      return !(e.factors.length === 2 && e.factors[0]!.kind === 'num' && children(e.factors[1]!).length === 0);
    default:
      return true;
  }
}

/** Parents per node over the DAG of all roots (a root counts as one use of itself). */
export function useCounts(roots: readonly Expr[]): Map<Expr, number> {
  const uses = new Map<Expr, number>();
  const seen = new Set<Expr>();
  const stack: Expr[] = [];
  for (const r of roots) {
    uses.set(r, (uses.get(r) ?? 0) + 1);
    if (!seen.has(r)) {
      seen.add(r);
      stack.push(r);
    }
  }
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const k of children(node)) {
      uses.set(k, (uses.get(k) ?? 0) + 1);
      if (!seen.has(k)) {
        seen.add(k);
        stack.push(k);
      }
    }
  }
  return uses;
}

/** Names `prefix1, prefix2, …` that none of the expressions uses as a variable. */
function nameSource(roots: readonly Expr[], prefix: string): () => string {
  const taken = new Set<string>();
  for (const r of roots) for (const v of freeVariables(r)) taken.add(v);
  let i = 0;
  return () => {
    let name: string;
    do name = `${prefix}${++i}`;
    while (taken.has(name));
    return name;
  };
}

/** Names every compound subexpression used more than once. */
export function cse(exprs: readonly Expr[], options: CseOptions = {}): CseResult {
  const uses = useCounts(exprs);
  const nextName = nameSource(exprs, options.prefix ?? 't');
  const bindings: CseBinding[] = [];
  const memo = new Map<Expr, Expr>();
  const rewritten = (node: Expr, kids: readonly Expr[]): Expr => (kids.length === 0 ? node : rebuild(node, kids));
  const named = (node: Expr, kids: readonly Expr[]): Expr => {
    const body = rewritten(node, kids);
    if ((uses.get(node) ?? 0) < 2 || !worthNaming(node)) return body;
    const name = nextName();
    bindings.push({ name, expr: body });
    return sym(name);
  };
  // A result that is itself shared comes out as its temporary's name (∂/∂b = t1).
  const out = exprs.map((root) => foldDag<Expr>(root, named, memo));
  const first: CseResult = { bindings, exprs: out };
  const second = shareProducts(first, nextName);
  return second === first ? first : renumber(second, nameSource(exprs, options.prefix ?? 't'));
}

/** The bindings substituted back: the expressions cse was given. */
export function inlineCse(result: CseResult): Expr[] {
  const values = new Map<string, Expr>();
  for (const b of result.bindings) values.set(b.name, substitute(b.expr, values));
  return result.exprs.map((e) => substitute(e, values));
}
