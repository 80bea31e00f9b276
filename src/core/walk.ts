/**
 * Post-order traversal of an expression DAG, with memoisation by node: recursive
 * for the first few levels, iterative (an explicit stack) below. Every
 * whole-expression pass (differentiation, printing, evaluation, substitution,
 * analysis) goes through here, so none of them recurses on the depth of its
 * input: sin(sin(…x)) 100,000 deep is as safe as x.
 * Shared subexpressions are visited once.
 */
import { type Expr, children } from './node.js';

/**
 * Computes f(node, results of its children) bottom-up for every node reachable
 * from `root`, each node once, and returns f(root). `kidsOf` chooses which
 * children to descend into (default: all of them).
 */
export function foldDag<R>(
  root: Expr,
  f: (node: Expr, kids: readonly R[]) => R,
  memo: Map<Expr, R> = new Map(),
  kidsOf: (node: Expr) => readonly Expr[] = children,
): R {
  const hit = memo.get(root);
  if (hit !== undefined || memo.has(root)) return hit as R;
  return visit(root, f, memo, kidsOf, 0);
}

/**
 * Levels walked by plain recursion before the explicit stack takes over. Most expressions are a
 * few levels deep, and there a call is cheaper than stack bookkeeping; the call stack still never
 * holds more than this many frames per walk, however deep the input.
 */
const SHALLOW = 48;

/** foldDag below `node` (not yet in memo), in the same post-order as foldIterative. */
function visit<R>(
  node: Expr,
  f: (node: Expr, kids: readonly R[]) => R,
  memo: Map<Expr, R>,
  kidsOf: (node: Expr) => readonly Expr[],
  depth: number,
): R {
  if (depth >= SHALLOW) return foldIterative(node, f, memo, kidsOf);
  const kids = kidsOf(node);
  let result: R;
  if (kids.length === 0) result = f(node, NO_RESULTS as readonly R[]);
  else {
    const results = new Array<R>(kids.length);
    for (let i = 0; i < kids.length; i++) {
      const kid = kids[i]!;
      const known = memo.get(kid);
      results[i] = known !== undefined || memo.has(kid) ? (known as R) : visit(kid, f, memo, kidsOf, depth + 1);
    }
    result = f(node, results);
  }
  memo.set(node, result);
  return result;
}

/** The same walk with an explicit stack, for any depth. */
function foldIterative<R>(
  root: Expr,
  f: (node: Expr, kids: readonly R[]) => R,
  memo: Map<Expr, R>,
  kidsOf: (node: Expr) => readonly Expr[],
): R {
  const nodes: Expr[] = [root];
  // The children chosen for each node on the stack once it is expanded (kidsOf is called once per node).
  const kidLists: (readonly Expr[] | undefined)[] = [undefined];
  while (nodes.length > 0) {
    const top = nodes.length - 1;
    const node = nodes[top]!;
    const chosen = kidLists[top];
    if (chosen === undefined) {
      // A node can be on the stack twice (two parents pushed it) and done by the time its second entry comes up.
      if (memo.has(node)) {
        nodes.pop();
        kidLists.pop();
        continue;
      }
      const kids = kidsOf(node);
      if (kids.length > 0) {
        kidLists[top] = kids;
        for (let i = kids.length - 1; i >= 0; i--) {
          if (!memo.has(kids[i]!)) {
            nodes.push(kids[i]!);
            kidLists.push(undefined);
          }
        }
        continue;
      }
      // A leaf is done at once (its children are none).
      nodes.pop();
      kidLists.pop();
      memo.set(node, f(node, NO_RESULTS as readonly R[]));
      continue;
    }
    // An expanded entry is never done already: anything pushed above it is its own descendant.
    nodes.pop();
    kidLists.pop();
    const results = new Array<R>(chosen.length);
    for (let i = 0; i < chosen.length; i++) results[i] = memo.get(chosen[i]!) as R;
    memo.set(node, f(node, results));
  }
  return memo.get(root) as R;
}

const NO_RESULTS: readonly never[] = Object.freeze([]);
