/**
 * The variables a function passes as cross_entropy's targets: the rule Z ← (softmax(Z) − Y)/n holds when
 * Y's rows sum to 1, so a check at random points (--format torch) draws those variables one-hot.
 */
import { freeVariables } from '../analysis.js';
import { type MNode, type MatrixContext, isAtomName } from './node.js';

export function crossEntropyTargets(root: MNode, ctx: MatrixContext): string[] {
  const out = new Set<string>();
  const seen = new Set<string>();
  const stack: MNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    const key = ctx.key(n);
    if (seen.has(key)) continue;
    seen.add(key);
    if (n.k === 'fn' && n.name === 'cross_entropy') {
      const target = n.args[1]!;
      if (target.k === 'ew' && target.expr.kind === 'sym' && !isAtomName(target.expr.name)) out.add(target.expr.name);
    }
    if (n.k === 'ew') for (const v of freeVariables(n.expr)) if (isAtomName(v)) stack.push(ctx.atomNode(v));
    if (n.k === 'matmul' || n.k === 'dot') stack.push(n.a, n.b);
    if (n.k === 'transpose' || n.k === 'reduce') stack.push(n.a);
    if (n.k === 'fn') stack.push(...n.args);
  }
  return [...out];
}
