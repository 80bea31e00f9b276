/**
 * Gradients of a scalar matrix expression by reverse mode over the node graph
 * ("symbolic backprop"): each node receives the adjoint G = ∂f/∂node (same
 * shape as the node) and passes on
 *   element-wise block E(s₁…):  G ⊙ ∂E/∂sᵢ  (∂E/∂sᵢ from the scalar engine; summed where sᵢ was broadcast)
 *   A·B:   A ← G·Bᵀ,  B ← Aᵀ·G          Aᵀ:      A ← Gᵀ
 *   sum A: A ← G·1                      mean A:  A ← G·1/count
 *   tr A:  A ← G·I                      ‖v‖₂:    v ← G·v/‖v‖₂
 *   dot(u, v): u ← G·v, v ← G·u
 * The gradient with respect to a variable has the variable's shape.
 */
import { DerivError } from '../errors.js';
import { mul, pow, MINUS_ONE_EXPR, num } from '../core/expr.js';
import { freeVariables } from '../analysis.js';
import { differentiate } from '../diff.js';
import { simplify } from '../simplify/simplify.js';
import { type MNode, MatrixContext, isAtomName } from './node.js';
import { SCALAR, isScalar, sameShape, formatShape, countOf } from './shape.js';
import type { MatrixStep, MatrixPass } from './steps.js';

function childrenOf(n: MNode, ctx: MatrixContext): MNode[] {
  switch (n.k) {
    case 'ew':
      return [...freeVariables(n.expr)].filter(isAtomName).map((a) => ctx.atomNode(a));
    case 'matmul':
    case 'dot':
      return [n.a, n.b];
    case 'transpose':
    case 'reduce':
      return [n.a];
    case 'identity':
      return [];
  }
}

/** Nodes reachable from root, each once (by structure), consumers before what they consume. */
function reverseTopological(root: MNode, ctx: MatrixContext): MNode[] {
  const seen = new Set<string>();
  const post: MNode[] = [];
  const stack: [MNode, boolean][] = [[root, false]];
  while (stack.length > 0) {
    const [n, expanded] = stack.pop()!;
    const key = ctx.key(n);
    if (expanded) {
      post.push(n);
      continue;
    }
    if (seen.has(key)) continue;
    seen.add(key);
    stack.push([n, true]);
    for (const c of childrenOf(n, ctx)) if (!seen.has(ctx.key(c))) stack.push([c, false]);
  }
  return post.reverse();
}

/**
 * ∂root/∂v for every declared variable v root depends on. `trace`, when given, receives one step
 * per node the adjoint passes through (consumers first), naming the rule and what went where.
 */
export function backprop(root: MNode, ctx: MatrixContext, trace?: (step: MatrixStep) => void, simplified = true): Map<string, MNode> {
  if (!isScalar(root.shape))
    throw new DerivError('SHAPE', `a gradient needs a scalar function, but this expression is ${formatShape(root.shape)}`, {
      hint: 'reduce it first, e.g. sum(…), mean(…) or norm2(…)^2',
    });
  const adjoints = new Map<string, MNode[]>();
  const variables = new Map<string, MNode[]>();
  // What the node being processed passes on, kept only when tracing.
  let passes: MatrixPass[] = [];
  const push = (target: Map<string, MNode[]>, key: string, g: MNode): void => {
    const list = target.get(key);
    if (list === undefined) target.set(key, [g]);
    else list.push(g);
  };
  /** G's share for an operand node, or (a name) for a declared variable. */
  const pass = (to: MNode | string, g: MNode, broadcast = false): void => {
    if (typeof to === 'string') push(variables, to, g);
    else push(adjoints, ctx.key(to), g);
    if (trace !== undefined) passes.push({ to, value: g, broadcast });
  };
  push(adjoints, ctx.key(root), ctx.ew(num(1), SCALAR)); // ∂f/∂f = 1
  for (const n of reverseTopological(root, ctx)) {
    const contributions = adjoints.get(ctx.key(n));
    if (contributions === undefined) continue;
    const G = ctx.sum(contributions, n.shape);
    const g = ctx.atom(G);
    passes = [];
    switch (n.k) {
      case 'ew':
        for (const s of freeVariables(n.expr)) {
          const raw = differentiate(n.expr, s);
          const partial = simplified ? simplify(raw) : raw;
          if (partial.kind === 'num' && partial.value.n === 0n) continue;
          let contribution = ctx.elementwise([G, ctx.ew(partial, n.shape)], ([a, b]) => mul(a!, b!), 'multiply');
          const targetShape = ctx.shapeOfSymbol(s);
          const broadcast = isScalar(targetShape) && !isScalar(n.shape);
          if (broadcast) contribution = ctx.reduce('sum', contribution);
          else if (!sameShape(targetShape, contribution.shape))
            throw new DerivError('UNSUPPORTED', `broadcasting ${formatShape(targetShape)} over ${formatShape(n.shape)} is not supported`);
          pass(isAtomName(s) ? ctx.atomNode(s) : s, contribution, broadcast);
        }
        break;
      case 'matmul':
        pass(n.a, ctx.matmul(G, ctx.transpose(n.b)));
        pass(n.b, ctx.matmul(ctx.transpose(n.a), G));
        break;
      case 'transpose':
        pass(n.a, ctx.transpose(G));
        break;
      case 'reduce': {
        const a = n.a;
        let down: MNode;
        if (n.op === 'sum') down = ctx.ew(g, a.shape);
        else if (n.op === 'mean') down = ctx.ew(mul(g, pow(countOf(a.shape), MINUS_ONE_EXPR)), a.shape);
        else if (n.op === 'trace') down = ctx.scale(g, ctx.identity(a.shape));
        else down = ctx.ew(mul(g, ctx.atom(a), pow(ctx.atom(n), MINUS_ONE_EXPR)), a.shape);
        pass(a, down);
        break;
      }
      case 'dot':
        pass(n.a, ctx.elementwise([G, n.b], ([x, y]) => mul(x!, y!), 'multiply'));
        pass(n.b, ctx.elementwise([G, n.a], ([x, y]) => mul(x!, y!), 'multiply'));
        break;
      case 'identity':
        break;
    }
    if (trace !== undefined && passes.length > 0) trace({ rule: ruleOf(n), node: n, adjoint: G, passes });
  }
  const out = new Map<string, MNode>();
  for (const [name, list] of variables) out.set(name, ctx.sum(list, ctx.shapeOfSymbol(name)));
  return out;
}

/** The rule of a node that passes something on (identity nodes pass nothing). */
const ruleOf = (n: MNode): MatrixStep['rule'] => (n.k === 'ew' || n.k === 'identity' ? 'elementwise' : n.k === 'reduce' ? n.op : n.k);

/** The zero gradient for a variable the function does not depend on. */
export const zeroOf = (ctx: MatrixContext, name: string): MNode => ctx.ew(num(0), ctx.shapeOfSymbol(name));

