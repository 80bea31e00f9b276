/**
 * Hessians in matrix form (--hessian with --shape), as matrixcalculus.org gives them:
 *   mean((X*w - y).^2)                    ∇²w = 2/n*X'*X
 *   logistic regression's mean loss       ∇²w = X'*diag(sigmoid(X*w).*(1 - sigmoid(X*w)))*X/n
 * How: the Hessian H of f at w is the matrix of the linear map v ↦ H·v = ∇w (∇w f · v), so reverse mode
 * runs twice — once for g = ∇w f, once more on the scalar dot(g, v) with a probe vector v — and the
 * result, linear in v, is read back as a matrix: M·v → M, s ⊙ (M·v) → diag(s)·M, c·(M·v) → c·M, sums
 * term by term. A scalar variable's entry is ∂²f/∂b². One block per variable (the diagonal blocks);
 * a matrix variable's Hessian is a 4-index tensor, refused.
 */
import { DerivError } from '../errors.js';
import { type Expr, mul, num } from '../core/expr.js';
import { freeVariables } from '../analysis.js';
import { checkVariableName } from '../names.js';
import { MatrixContext, type MNode, isAtomName } from './node.js';
import { buildMatrix } from './build.js';
import { backprop } from './backprop.js';
import { tidy } from './tidy.js';
import { isScalar, formatShape, checkSizesApart, type Shape } from './shape.js';
import { MatrixDerivative, toShapeMap, type MatrixOptions } from './api.js';
import { MatrixGradient } from './gradient.js';

/** The probe's name: no text the matrix language reads can spell it. */
const PROBE = '·v';

export function matrixHessian(text: string, wrt: readonly string[] | undefined, options: MatrixOptions): MatrixGradient {
  const shapes = toShapeMap(options.shapes);
  const ctx = new MatrixContext(shapes);
  const { node, variables } = buildMatrix(text, ctx);
  // Without --wrt: every vector and scalar variable (a matrix's Hessian has four indices; matrices are data here).
  const names = (wrt ?? variables.filter((v) => ctx.shapeOfSymbol(v).cols === 1)).map((v) => checkVariableName(v));
  if (names.length === 0) throw new DerivError('BAD_VARIABLE', 'the expression has no variables to differentiate with respect to');
  checkSizesApart(ctx.shapes, [...variables, ...names], typeof options.shapes === 'string' ? options.shapes : undefined);
  const gradients = backprop(node, ctx);
  return MatrixGradient.fromDerivatives(
    names.map((name) => {
      const shape = ctx.shapeOfSymbol(name);
      const g = gradients.get(name);
      const hessianShape: Shape = { rows: shape.rows, cols: shape.rows };
      const h = g === undefined ? ctx.ew(num(0), hessianShape) : tidy(secondDerivative(g, name, shape, shapes), ctx);
      return new MatrixDerivative(name, hessianShape, h, ctx, node, variables, 'hessian');
    }),
  );

  /** ∂g/∂name for g = ∇name f: a vector's Hessian through the probe, a scalar's by differentiating again. */
  function secondDerivative(g: MNode, name: string, shape: Shape, declared: Map<string, Shape>): MNode {
    if (isScalar(shape)) return backprop(tidy(g, ctx), ctx).get(name) ?? ctx.ew(num(0), shape);
    if (shape.cols !== 1)
      throw new DerivError('UNSUPPORTED', `the Hessian with respect to the ${formatShape(shape)} '${name}' has four indices`, {
        hint: 'ask for the Hessian with respect to a vector (or scalar) variable',
      });
    declared.set(PROBE, shape);
    const probe = ctx.variable(PROBE);
    const hv = backprop(ctx.dot(tidy(g, ctx), probe), ctx).get(name);
    if (hv === undefined) return ctx.ew(num(0), { rows: shape.rows, cols: shape.rows });
    const m = linearIn(tidy(hv, ctx), ctx, shape);
    if (m === undefined) throw new DerivError('UNSUPPORTED', `the Hessian with respect to '${name}' has no matrix form here`, { hint: 'name the entries as scalars and use --hessian without --shape' });
    return m;
  }
}

/** M with n = M·v for the probe v of shape d×1 (n a vector or a scalar), or undefined when n is not of that form. */
function linearIn(n: MNode, ctx: MatrixContext, probe: Shape): MNode | undefined {
  const has = (m: MNode): boolean => ctx.variablesOf(m).has(PROBE);
  const result = { rows: n.shape.rows, cols: probe.rows };
  if (!has(n)) return ctx.ew(num(0), result);
  switch (n.k) {
    case 'ew': {
      const terms = n.expr.kind === 'add' ? n.expr.terms : [n.expr];
      const parts: MNode[] = [];
      for (const term of terms) {
        const factors = term.kind === 'mul' ? term.factors : [term];
        const depends = (f: Expr): boolean => [...freeVariables(f)].some((s) => s === PROBE || (isAtomName(s) && has(ctx.atomNode(s))));
        const linear = factors.filter(depends);
        const only = linear.length === 1 ? linear[0]! : undefined;
        if (only?.kind !== 'sym') return undefined;
        const inner = only.name === PROBE ? ctx.identity({ rows: probe.rows, cols: probe.rows }) : linearIn(ctx.atomNode(only.name), ctx, probe);
        if (inner === undefined) return undefined;
        const rest = factors.filter((f) => f !== only);
        const scalar = mul(...rest.filter((f) => ctx.isScalarExpr(f)));
        const entrywise = rest.filter((f) => !ctx.isScalarExpr(f));
        let part = inner;
        if (entrywise.length > 0) {
          const s = ctx.ew(mul(...entrywise), n.shape);
          // s ⊙ (M·v) = diag(s)·M·v; a scalar (1×d row) times s: (s·row)·v.
          part = isScalar(inner.shape) || inner.shape.rows === 1 ? ctx.matmul(s, inner) : ctx.matmul(ctx.fn('diag', [s]), inner);
        }
        parts.push(ctx.scale(scalar, part));
      }
      return ctx.sum(parts, result);
    }
    case 'matmul': {
      if (has(n.a)) return undefined;
      const m = linearIn(n.b, ctx, probe);
      return m === undefined ? undefined : ctx.matmul(n.a, m);
    }
    case 'dot': {
      const [fixed, moving] = has(n.a) ? [n.b, n.a] : [n.a, n.b];
      if (has(fixed)) return undefined;
      const m = linearIn(moving, ctx, probe);
      return m === undefined ? undefined : ctx.matmul(ctx.transpose(fixed), m);
    }
    case 'reduce': {
      if (n.op !== 'sum' || n.a.shape.cols !== 1) return undefined;
      const m = linearIn(n.a, ctx, probe);
      return m === undefined ? undefined : ctx.matmul(ctx.ones({ rows: 1, cols: n.a.shape.rows }), m);
    }
    default:
      return undefined;
  }
}
