/**
 * Facts about expressions, memoised per node (nodes are immutable and shared,
 * so a fact computed once holds for every later use).
 */
import { type Expr, children, factsOf } from './core/expr.js';
import { foldDag } from './core/walk.js';
import { DerivError } from './errors.js';

/**
 * Most set entries one freeVariables call may copy. Every node keeps its own
 * set, so n distinct variables nested n deep (sin(a1*sin(a2*…))) would hold
 * n²/2 entries: 10,000 deep is 50 million (1.5 GB). Past this budget the
 * expression is TOO_LARGE instead.
 */
export const MAX_VARIABLE_SET_WORK = 4_000_000;

const EMPTY: ReadonlySet<string> = new Set();
const NO_KIDS: readonly Expr[] = [];

/** The variable names an expression depends on. O(1) after the first call on a node. */
export function freeVariables(e: Expr): ReadonlySet<string> {
  const cached = factsOf(e).free;
  if (cached !== undefined) return cached;
  const local = new Map<Expr, ReadonlySet<string>>();
  let copied = 0;
  return foldDag<ReadonlySet<string>>(
    e,
    (node, kids) => {
      const known = factsOf(node).free;
      if (known !== undefined) return known;
      let out: ReadonlySet<string>;
      if (node.kind === 'sym') out = new Set([node.name]);
      else if (kids.length === 0) out = EMPTY;
      else {
        // Reuse a child's set when it already holds everything (the common case).
        let largest = kids[0]!;
        for (const k of kids) if (k.size > largest.size) largest = k;
        let merged: Set<string> | undefined;
        for (const k of kids) {
          if (k === largest) continue;
          for (const v of k) {
            if (!largest.has(v) && !(merged?.has(v) ?? false)) {
              if (merged === undefined) {
                copied += largest.size;
                if (copied > MAX_VARIABLE_SET_WORK)
                  throw new DerivError('TOO_LARGE', 'the expression nests too many distinct variables too deeply', {
                    hint: `its subexpressions would hold more than ${MAX_VARIABLE_SET_WORK} variable names in all`,
                  });
                merged = new Set(largest);
              }
              merged.add(v);
            }
          }
        }
        out = merged ?? largest;
      }
      factsOf(node).free = out;
      return out;
    },
    local,
    // A node whose set is already known is a leaf here: the walk never re-enters a cached subtree.
    (node) => (factsOf(node).free !== undefined ? NO_KIDS : children(node)),
  );
}

export const dependsOn = (e: Expr, x: string): boolean => freeVariables(e).has(x);

/**
 * Variables in a stable order: first appearance in a depth-first, left-to-right
 * reading of the canonical form. Used when the caller has no input text to
 * take the order from.
 */
export function variablesInOrder(e: Expr): string[] {
  return [...freeVariables(e)].sort();
}

/** Number of distinct nodes (the DAG's size). */
export function dagSize(e: Expr): number {
  const memo = new Map<Expr, number>();
  foldDag<number>(e, () => 1, memo);
  return memo.size;
}

/**
 * Size of the expression written out as a tree (every shared subterm counted
 * each time it occurs), saturating at 2^53. Memoised per node, so the
 * simplifier can compare candidate forms cheaply.
 */
export function treeSize(e: Expr, cap = Number.MAX_SAFE_INTEGER): number {
  const cached = factsOf(e).size;
  if (cached !== undefined) return Math.min(cached, cap);
  const size = foldDag<number>(e, (node, kids) => {
    const known = factsOf(node).size;
    if (known !== undefined) return known;
    let s = 1;
    for (const k of kids) s = Math.min(Number.MAX_SAFE_INTEGER, s + k);
    factsOf(node).size = s;
    return s;
  }, new Map(), (node) => (factsOf(node).size !== undefined ? NO_KIDS : children(node)));
  return Math.min(size, cap);
}
