/**
 * Final form of matrix results: each element-wise block simplified by the
 * scalar simplifier (so (1/n)·2·r and σ·(1−σ)/σ come out as a textbook has
 * them), and sums of products with a common operand factored:
 * A·x + Aᵀ·x → (A + Aᵀ)·x, A·x + A·y → A·(x + y).
 */
import { type Expr, add, mul, num, splitCoefficient } from '../core/expr.js';
import { freeVariables } from '../analysis.js';
import { simplify } from '../simplify/simplify.js';
import { substitute } from '../templates.js';
import { type MNode, MatrixContext, isAtomName } from './node.js';

/** Groups terms c·(L·R) that share R (side 'right') or L (side 'left') into one product. */
function collectProducts(expr: Expr, ctx: MatrixContext, side: 'left' | 'right'): Expr {
  if (expr.kind !== 'add') return expr;
  interface Member { readonly term: Expr; readonly coefficient: Expr; readonly other: MNode }
  const groups = new Map<string, { shared: MNode; members: Member[] }>();
  const rest: Expr[] = [];
  for (const term of expr.terms) {
    const [c, core] = splitCoefficient(term);
    const factors = core.kind === 'mul' ? core.factors : [core];
    const matrix = factors.filter((f) => !ctx.isScalarExpr(f));
    const only = matrix.length === 1 ? matrix[0]! : undefined;
    const node = only?.kind === 'sym' && isAtomName(only.name) ? ctx.atomNode(only.name) : undefined;
    if (node?.k !== 'matmul') {
      rest.push(term);
      continue;
    }
    const shared = side === 'right' ? node.b : node.a;
    const other = side === 'right' ? node.a : node.b;
    const coefficient = mul(num(c), ...factors.filter((f) => ctx.isScalarExpr(f)));
    const key = ctx.key(shared);
    const group = groups.get(key) ?? { shared, members: [] };
    group.members.push({ term, coefficient, other });
    groups.set(key, group);
  }
  if (![...groups.values()].some((g) => g.members.length > 1)) return expr;
  const out = [...rest];
  for (const { shared, members } of groups.values()) {
    if (members.length === 1) {
      out.push(members[0]!.term);
      continue;
    }
    const summed = ctx.ew(add(...members.map((m) => mul(m.coefficient, ctx.atom(m.other)))), members[0]!.other.shape);
    out.push(ctx.atom(side === 'right' ? ctx.matmul(summed, shared) : ctx.matmul(shared, summed)));
  }
  return add(...out);
}

const freeAtoms = (e: Expr): string[] => [...freeVariables(e)].filter(isAtomName);

/** Rebuild a result bottom-up in final form. */
export function tidy(n: MNode, ctx: MatrixContext, depth = 0): MNode {
  if (depth > 200) return n;
  switch (n.k) {
    case 'ew': {
      const atoms = freeAtoms(n.expr);
      const bindings = new Map<string, Expr>();
      for (const a of atoms) {
        const t = tidy(ctx.atomNode(a), ctx, depth + 1);
        bindings.set(a, ctx.atom(t));
      }
      let expr = simplify(bindings.size > 0 ? substitute(n.expr, bindings) : n.expr);
      expr = simplify(collectProducts(collectProducts(expr, ctx, 'right'), ctx, 'left'));
      return ctx.ew(expr, n.shape);
    }
    case 'matmul':
      return ctx.matmul(tidy(n.a, ctx, depth + 1), tidy(n.b, ctx, depth + 1));
    case 'transpose':
      return ctx.transpose(tidy(n.a, ctx, depth + 1));
    case 'reduce':
      return ctx.reduce(n.op, tidy(n.a, ctx, depth + 1));
    case 'dot':
      return ctx.dot(tidy(n.a, ctx, depth + 1), tidy(n.b, ctx, depth + 1));
    case 'identity':
      return n;
    case 'fn':
      return ctx.refn(n, n.args.map((a) => tidy(a, ctx, depth + 1)));
  }
}
