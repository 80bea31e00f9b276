/**
 * The second stage of CSE: shared sub-products. Products are flat (a·b·c is
 * one node), so the first stage cannot see that l·t1·t2 contains l·t1; nested
 * products (the logistic map's iterates 4ᵏ·l·t1⋯tₖ) would then be written out
 * in full in every temporary, O(n²). Here every product's factor set that is a
 * subset of a larger one is named once and the larger one refers to it
 * (p2 = p1·t2), so a chain of nested products costs O(n).
 *
 * Contract: same as cse — substituted back, every expression is unchanged
 * (the smart constructors flatten the named sub-product back into place).
 * Bounded: with more than `maxProducts` distinct factor sets the stage is skipped.
 */
import { type Expr, type Mul, mul, sym, rebuild } from './core/expr.js';
import { foldDag } from './core/walk.js';
import { freeVariables } from './analysis.js';
import { substitute } from './templates.js';
import type { CseBinding, CseResult } from './cse.js';

interface FactorSet {
  readonly key: string;
  readonly factors: readonly Expr[];
  /** The largest smaller set contained in this one, if any. */
  parent?: FactorSet;
  name?: string;
}

const symbolic = (m: Mul): readonly Expr[] => (m.factors[0]!.kind === 'num' ? m.factors.slice(1) : m.factors);
const keyOf = (factors: readonly Expr[]): string => factors.map((f) => f.id).join(',');

/** Every product node reachable from the roots. */
function products(roots: readonly Expr[]): Mul[] {
  const out: Mul[] = [];
  const memo = new Map<Expr, true>();
  for (const r of roots)
    foldDag<true>(r, (node) => {
      if (node.kind === 'mul') out.push(node);
      return true;
    }, memo);
  return out;
}

export function shareProducts(result: CseResult, nextName: () => string, maxProducts = 400): CseResult {
  const roots = [...result.bindings.map((b) => b.expr), ...result.exprs];
  const sets = new Map<string, FactorSet>();
  const setOf = new Map<Mul, FactorSet>();
  for (const m of products(roots)) {
    const factors = symbolic(m);
    if (factors.length < 2) continue;
    const key = keyOf(factors);
    let s = sets.get(key);
    if (s === undefined) sets.set(key, (s = { key, factors }));
    setOf.set(m, s);
  }
  if (sets.size === 0 || sets.size > maxProducts) return result;

  // Smallest first: each set's parent is the largest earlier set it contains.
  const ordered = [...sets.values()].sort((a, b) => a.factors.length - b.factors.length);
  ordered.forEach((s, i) => {
    const members = new Set(s.factors);
    for (let j = i - 1; j >= 0; j--) {
      const p = ordered[j]!;
      if (p.factors.length < s.factors.length && p.factors.every((f) => members.has(f))) {
        if (s.parent === undefined || p.factors.length > s.parent.factors.length) s.parent = p;
      }
    }
  });
  const parents = ordered.filter((s) => ordered.some((t) => t.parent === s));
  if (parents.length === 0) return result;

  const added: CseBinding[] = [];
  const memo = new Map<Expr, Expr>();
  const now = (f: Expr): Expr => memo.get(f) ?? f;
  /** The set's factors, rewritten, with its parent's factors replaced by the parent's name. */
  const factorsOf = (s: FactorSet): Expr[] => {
    if (s.parent === undefined) return s.factors.map(now);
    const inParent = new Set(s.parent.factors);
    return [nameOf(s.parent), ...s.factors.filter((f) => !inParent.has(f)).map(now)];
  };
  const nameOf = (s: FactorSet): Expr => {
    if (s.name === undefined) {
      const body = mul(...factorsOf(s));
      s.name = nextName();
      added.push({ name: s.name, expr: body });
    }
    return sym(s.name);
  };
  const isParent = new Set(parents);
  const rewrite = (node: Expr, kids: readonly Expr[]): Expr => {
    const s = node.kind === 'mul' ? setOf.get(node) : undefined;
    if (s === undefined || (s.parent === undefined && !isParent.has(s))) return kids.length === 0 ? node : rebuild(node, kids);
    const coefficient = (node as Mul).factors[0]!.kind === 'num' ? [(node as Mul).factors[0]!] : [];
    return mul(...coefficient, ...(isParent.has(s) ? [nameOf(s)] : factorsOf(s)));
  };
  const bindings = result.bindings.map((b) => ({ name: b.name, expr: foldDag<Expr>(b.expr, rewrite, memo) }));
  const exprs = result.exprs.map((e) => foldDag<Expr>(e, rewrite, memo));
  return { bindings: definitionOrder([...bindings, ...added]), exprs };
}

/** Bindings ordered so that each comes after the ones it uses (stable otherwise). */
export function definitionOrder(bindings: readonly CseBinding[]): CseBinding[] {
  const byName = new Map(bindings.map((b) => [b.name, b]));
  const out: CseBinding[] = [];
  const state = new Map<string, 'open' | 'done'>();
  for (const start of bindings) {
    // Iterative DFS: a binding is emitted after every binding its body mentions.
    const stack: { b: CseBinding; deps: string[] }[] = [];
    const push = (b: CseBinding): void => {
      state.set(b.name, 'open');
      stack.push({ b, deps: [...freeVariables(b.expr)].filter((v) => byName.has(v)) });
    };
    if (state.has(start.name)) continue;
    push(start);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const next = top.deps.shift();
      if (next === undefined) {
        stack.pop();
        state.set(top.b.name, 'done');
        out.push(top.b);
      } else if (!state.has(next)) push(byName.get(next)!);
    }
  }
  return out;
}

/** Renames the temporaries t1, t2, … in definition order (names from `fresh`). */
export function renumber(result: CseResult, fresh: () => string): CseResult {
  const renames = new Map<string, Expr>();
  for (const b of result.bindings) renames.set(b.name, sym(fresh()));
  const rename = (e: Expr): Expr => substitute(e, renames);
  return {
    bindings: result.bindings.map((b) => ({ name: (renames.get(b.name) as { name: string }).name, expr: rename(b.expr) })),
    exprs: result.exprs.map(rename),
  };
}
