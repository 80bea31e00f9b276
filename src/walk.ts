/**
 * Iterative post-order traversal of an expression DAG, with memoisation by node.
 * Every whole-expression pass (differentiation, printing, evaluation,
 * substitution, analysis) goes through here, so none of them recurses on the
 * depth of its input: sin(sin(…x)) 100,000 deep is as safe as x.
 * Shared subexpressions are visited once.
 */
import { type Expr, children } from './expr.js';

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
  const nodes: Expr[] = [root];
  const expanded: boolean[] = [false];
  while (nodes.length > 0) {
    const top = nodes.length - 1;
    const node = nodes[top]!;
    if (memo.has(node)) {
      nodes.pop();
      expanded.pop();
      continue;
    }
    const kids = kidsOf(node);
    if (!expanded[top]) {
      expanded[top] = true;
      for (let i = kids.length - 1; i >= 0; i--) {
        if (!memo.has(kids[i]!)) {
          nodes.push(kids[i]!);
          expanded.push(false);
        }
      }
      continue;
    }
    nodes.pop();
    expanded.pop();
    memo.set(node, f(node, kids.map((k) => memo.get(k) as R)));
  }
  return memo.get(root) as R;
}
