/**
 * Matrix expressions. Two kinds of node:
 * - element-wise blocks (`ew`): a scalar Expr applied entry by entry. Its
 *   symbols are declared variables (scalars broadcast) or *atoms*: names
 *   standing for linear-algebra nodes. All element-wise algebra — collecting,
 *   cancelling σ·(1−σ)/σ, folding 2/n — is done by the scalar engine.
 * - linear-algebra nodes: matrix product, transpose, sum, mean, trace, norm2,
 *   dot, identity. They are not element-wise, so they live outside the Expr.
 * A `MatrixContext` owns the shapes of the variables and interns atoms, so
 * equal linear-algebra nodes get the same atom (and cancel as scalars would).
 */
import { DerivError } from '../errors.js';
import { type Expr, sym, mul, pow, num, add, MINUS_ONE_EXPR, splitCoefficient } from '../core/expr.js';
import { isNegative } from '../core/rational.js';
import { freeVariables } from '../analysis.js';
import { type Shape, SCALAR, isScalar, sameShape, formatShape, transposeShape, countOf, dimExpr, type Dim } from './shape.js';
import { type FnNode, type FnName, MATRIX_FUNCTION } from './functions.js';

export type ReduceOp = 'sum' | 'mean' | 'trace' | 'norm2';
export type MNode =
  | { readonly k: 'ew'; readonly expr: Expr; readonly shape: Shape }
  | { readonly k: 'matmul'; readonly a: MNode; readonly b: MNode; readonly shape: Shape }
  | { readonly k: 'transpose'; readonly a: MNode; readonly shape: Shape }
  | { readonly k: 'reduce'; readonly op: ReduceOp; readonly a: MNode; readonly shape: Shape }
  | { readonly k: 'dot'; readonly a: MNode; readonly b: MNode; readonly shape: Shape }
  | { readonly k: 'identity'; readonly shape: Shape }
  | FnNode;

const ATOM_PREFIX = '@';

/** Whether a vector of shape v (or a 1×cols row) is broadcast over the rows of the matrix shape m. */
const fitsRows = (v: Shape, m: Shape): boolean =>
  !isScalar(m) && m.cols !== 1 && m.rows !== 1 && !sameShape(v, m) && ((v.cols === 1 && v.rows === m.cols) || (v.rows === 1 && v.cols === m.cols));
export const isAtomName = (name: string): boolean => name.startsWith(ATOM_PREFIX);

export class MatrixContext {
  readonly shapes: ReadonlyMap<string, Shape>;
  private readonly atomByKey = new Map<string, string>();
  private readonly nodeByAtom = new Map<string, MNode>();
  private readonly keys = new WeakMap<MNode, string>();

  constructor(shapes: ReadonlyMap<string, Shape>) {
    this.shapes = shapes;
  }

  // ------------------------------------------------------------ identity of nodes

  key(n: MNode): string {
    let k = this.keys.get(n);
    if (k !== undefined) return k;
    switch (n.k) {
      case 'ew':
        k = `e${n.expr.id}:${n.shape.rows}x${n.shape.cols}`;
        break;
      case 'matmul':
      case 'dot':
        k = `${n.k}(${this.key(n.a)},${this.key(n.b)})`;
        break;
      case 'transpose':
        k = `t(${this.key(n.a)})`;
        break;
      case 'reduce':
        k = `${n.op}(${this.key(n.a)})`;
        break;
      case 'identity':
        k = `I${n.shape.rows}`;
        break;
      case 'fn':
        k = `${n.name}:${n.shape.rows}x${n.shape.cols}(${n.args.map((a) => this.key(a)).join(',')})`;
        break;
    }
    this.keys.set(n, k);
    return k;
  }

  /** The atom symbol standing for a linear-algebra node inside element-wise blocks. */
  atom(n: MNode): Expr {
    if (n.k === 'ew') return n.expr;
    const key = this.key(n);
    let name = this.atomByKey.get(key);
    if (name === undefined) {
      name = `${ATOM_PREFIX}${this.atomByKey.size + 1}`;
      this.atomByKey.set(key, name);
      this.nodeByAtom.set(name, n);
    }
    return sym(name);
  }
  atomNode(name: string): MNode {
    return this.nodeByAtom.get(name)!;
  }

  /** Shape of a symbol in an element-wise block: a declared variable, an atom, or a scalar. */
  shapeOfSymbol(name: string): Shape {
    if (isAtomName(name)) return this.atomNode(name).shape;
    return this.shapes.get(name) ?? SCALAR;
  }
  /** True when every symbol of e is scalar (so e is a coefficient, not an entry-wise quantity). */
  isScalarExpr(e: Expr): boolean {
    for (const v of freeVariables(e)) if (!isScalar(this.shapeOfSymbol(v))) return false;
    return true;
  }

  // ------------------------------------------------------------ constructors

  /** An element-wise block; a block that is just one atom of the same shape is that node. */
  ew(expr: Expr, shape: Shape): MNode {
    if (expr.kind === 'sym' && isAtomName(expr.name)) {
      const n = this.atomNode(expr.name);
      if (sameShape(n.shape, shape)) return n;
    }
    return { k: 'ew', expr, shape };
  }
  variable(name: string): MNode {
    return { k: 'ew', expr: sym(name), shape: this.shapes.get(name) ?? SCALAR };
  }

  /**
   * Broadcast shapes for an element-wise operation: scalars fit anything; a vector whose length is a
   * matrix's column count (or a 1×cols row) is added to each of its rows, as a bias over a batch in
   * PyTorch and NumPy (the trailing axis); other shapes must agree.
   */
  broadcast(shapes: readonly Shape[], what: string): Shape {
    let out = SCALAR;
    for (const s of shapes) {
      if (isScalar(s) || fitsRows(s, out)) continue;
      if (isScalar(out) || fitsRows(out, s)) out = s;
      else if (!sameShape(out, s))
        throw new DerivError('SHAPE', `cannot ${what} ${formatShape(out)} and ${formatShape(s)}`, {
          hint: 'element-wise operations need equal shapes (a scalar is broadcast, and a vector as long as a matrix is wide is added to each of its rows)',
        });
    }
    return out;
  }

  /** Combine nodes element-wise through a scalar operation on their entries. */
  elementwise(nodes: readonly MNode[], f: (xs: Expr[]) => Expr, what: string): MNode {
    const shape = this.broadcast(nodes.map((n) => n.shape), what);
    return this.ew(f(nodes.map((n) => this.atom(fitsRows(n.shape, shape) ? this.rows(n, shape) : n))), shape);
  }

  /** A vector (or row) repeated as each row of a matrix of `shape`: the bias of a batched layer. */
  rows(v: MNode, shape: Shape): MNode {
    return this.ew(this.atom({ k: 'fn', name: 'rows', args: [v], shape }), shape);
  }

  /** A matrix function of the table (src/matrix/functions.ts): softmax(A), det(A), … */
  fn(name: FnName, args: readonly MNode[]): MNode {
    if (name === 'rows') return this.rows(args[0]!, args[0]!.shape);
    const shape = MATRIX_FUNCTION.get(name)!.shape(args.map((a) => a.shape));
    return this.ew(this.atom({ k: 'fn', name, args, shape }), shape);
  }

  /** The same function of other operands (tidied ones): a broadcast bias keeps its shape. */
  refn(n: FnNode, args: readonly MNode[]): MNode {
    return n.name === 'rows' ? this.rows(args[0]!, n.shape) : this.fn(n.name, args);
  }

  /** A block of ones of a shape (ones(n), the row ones(1, k)). */
  ones(shape: Shape): MNode {
    return { k: 'ew', expr: num(1), shape };
  }
  /** A size as an expression (n, or a number). */
  dim(d: Dim): Expr {
    return dimExpr(d);
  }

  /** Split an element-wise node into scalar coefficient × rest: (2/n)·(X·w + b − y) → [2/n, X·w + b − y]. */
  splitScalar(n: MNode): [Expr, MNode] {
    if (n.k !== 'ew' || isScalar(n.shape)) return [num(1), n];
    const factors = n.expr.kind === 'mul' ? n.expr.factors : [n.expr];
    const scalar: Expr[] = [];
    const rest: Expr[] = [];
    for (const f of factors) (this.isScalarExpr(f) ? scalar : rest).push(f);
    if (scalar.length === 0 || rest.length === 0) return [num(1), n];
    return [mul(...scalar), this.ew(mul(...rest), n.shape)];
  }

  /** The declared variables a node depends on, in no particular order. */
  variablesOf(n: MNode): Set<string> {
    const out = new Set<string>();
    const visit = (m: MNode, depth: number): void => {
      if (depth > 400) return;
      if (m.k === 'ew') {
        for (const v of freeVariables(m.expr)) {
          if (isAtomName(v)) visit(this.atomNode(v), depth + 1);
          else out.add(v);
        }
      } else if (m.k === 'matmul' || m.k === 'dot') {
        visit(m.a, depth + 1);
        visit(m.b, depth + 1);
      } else if (m.k === 'transpose' || m.k === 'reduce') visit(m.a, depth + 1);
      else if (m.k === 'fn') for (const a of m.args) visit(a, depth + 1);
    };
    visit(n, 0);
    return out;
  }

  /**
   * c·f(rest) with c negative and rest a mostly negative sum reads better as
   * (−c)·f(−rest): −(1/n)·Xᵀ(y − σ) → (1/n)·Xᵀ(σ − y). f must be linear in rest.
   */
  private absorbSign(c: Expr, rest: MNode): [Expr, MNode] {
    const [k] = splitCoefficient(c);
    if (!isNegative(k) || rest.k !== 'ew' || rest.expr.kind !== 'add') return [c, rest];
    const negatives = rest.expr.terms.filter((t) => isNegative(splitCoefficient(t)[0])).length;
    if (negatives * 2 < rest.expr.terms.length) return [c, rest];
    return [mul(MINUS_ONE_EXPR, c), this.ew(add(...rest.expr.terms.map((t) => mul(MINUS_ONE_EXPR, t))), rest.shape)];
  }

  /** c · node for a scalar expression c. */
  scale(c: Expr, n: MNode): MNode {
    return this.ew(mul(c, this.atom(n)), n.shape);
  }

  matmul(a: MNode, b: MNode): MNode {
    if (isScalar(a.shape) || isScalar(b.shape)) return this.elementwise([a, b], (xs) => mul(...xs), 'multiply');
    if (a.shape.cols !== b.shape.rows)
      throw new DerivError('SHAPE', `cannot multiply ${formatShape(a.shape)} by ${formatShape(b.shape)}: inner sizes ${a.shape.cols} and ${b.shape.rows} differ`, {
        hint: 'for an inner product of vectors write dot(u, v) or u\'*v; for an element-wise product use .*',
      });
    if (a.k === 'identity') return b;
    if (b.k === 'identity') return a;
    // Blocks constant over their entries multiply to one: (c·1)(d·1ᵀ) = c·d·1 1ᵀ, times the inner size.
    if (a.k === 'ew' && b.k === 'ew' && this.isScalarExpr(a.expr) && this.isScalarExpr(b.expr))
      return this.ew(mul(a.expr, b.expr, dimExpr(a.shape.cols)), { rows: a.shape.rows, cols: b.shape.cols });
    const [ca, ra0] = this.splitScalar(a);
    const [cb0, rb0] = this.splitScalar(b);
    const [cb, rb] = this.absorbSign(mul(ca, cb0), rb0);
    const [c, ra] = this.absorbSign(cb, ra0);
    const product: MNode = { k: 'matmul', a: ra, b: rb, shape: { rows: a.shape.rows, cols: b.shape.cols } };
    if (isScalar(product.shape)) return this.ew(mul(c, this.atom(product)), SCALAR);
    return c.kind === 'num' && c.value.n === 1n && c.value.d === 1n ? product : this.scale(c, product);
  }

  transpose(a: MNode): MNode {
    if (isScalar(a.shape)) return a;
    switch (a.k) {
      case 'transpose':
        return a.a;
      case 'identity':
        return a;
      case 'matmul':
        return this.matmul(this.transpose(a.b), this.transpose(a.a));
      case 'ew': {
        if (this.isScalarExpr(a.expr)) return this.ew(a.expr, transposeShape(a.shape)); // c·1 transposed is c·1
        // (A + c·B')' = A' + c·B: a sum of scaled variables and transposes transposes term by term (the Hessian of x'*A*x is A + A').
        if (a.expr.kind === 'add') {
          const terms = a.expr.terms.map((t) => this.splitScalar(this.ew(t, a.shape)));
          if (terms.every(([, rest]) => rest.k === 'transpose' || (rest.k === 'ew' && rest.expr.kind === 'sym')))
            return this.ew(add(...terms.map(([c, rest]) => mul(c, this.atom(this.transpose(rest))))), transposeShape(a.shape));
        }
        const [c, rest] = this.splitScalar(a);
        if (rest !== a) return this.scale(c, this.transpose(rest));
        return { k: 'transpose', a, shape: transposeShape(a.shape) };
      }
      default:
        return { k: 'transpose', a, shape: transposeShape(a.shape) };
    }
  }

  reduce(op: ReduceOp, a: MNode): MNode {
    if (op === 'trace' && a.shape.rows !== a.shape.cols)
      throw new DerivError('SHAPE', `trace needs a square matrix, got ${formatShape(a.shape)}`);
    if (op === 'norm2' && a.shape.cols !== 1)
      throw new DerivError('SHAPE', `norm2 needs a vector, got ${formatShape(a.shape)}`);
    if (isScalar(a.shape)) return op === 'norm2' ? this.ew(this.absOf(a), SCALAR) : a;
    if (op === 'sum' || op === 'mean') {
      const [c, rest] = this.splitScalar(a);
      // A block with no entry-wise part is constant over the entries: sum = value × count.
      if (rest.k === 'ew' && this.isScalarExpr(rest.expr)) {
        const total = mul(c, rest.expr, countOf(a.shape));
        return this.ew(op === 'sum' ? total : mul(total, pow(countOf(a.shape), MINUS_ONE_EXPR)), SCALAR);
      }
      if (rest !== a) {
        const [c2, rest2] = this.absorbSign(c, rest);
        return this.scale(c2, this.reduce(op, rest2));
      }
    }
    return this.ew(this.atom({ k: 'reduce', op, a, shape: SCALAR }), SCALAR);
  }
  private absOf(a: MNode): Expr {
    return pow(pow(this.atom(a), num(2)), num({ n: 1n, d: 2n }));
  }

  dot(a: MNode, b: MNode): MNode {
    if (a.shape.cols !== 1 || b.shape.cols !== 1 || a.shape.rows !== b.shape.rows)
      throw new DerivError('SHAPE', `dot needs two vectors of the same length, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
    const [ca, ra] = this.splitScalar(a);
    const [cb, rb] = this.splitScalar(b);
    return this.ew(mul(ca, cb, this.atom({ k: 'dot', a: ra, b: rb, shape: SCALAR })), SCALAR);
  }

  identity(shape: Shape): MNode {
    return { k: 'identity', shape };
  }

  /** Sum of nodes of one shape (adjoint accumulation). */
  sum(nodes: readonly MNode[], shape: Shape): MNode {
    if (nodes.length === 0) return this.ew(num(0), shape);
    if (nodes.length === 1) return nodes[0]!;
    return this.ew(add(...nodes.map((n) => this.atom(n))), shape);
  }
}
