/**
 * Printing matrix results the way seeds 002/003 write them:
 *   text   2/n*X'*(X*w + b - y)        (re-readable by the matrix language)
 *   LaTeX  \frac{2}{n} X^{\top} \left(X w + b - y\right)
 * Linear-algebra nodes are printed here; element-wise blocks go through the
 * scalar printers with the nodes as atoms. Entry-wise products of two
 * non-scalar factors are `.*` in text and \odot in LaTeX.
 */
import { type Expr, mul } from '../core/expr.js';
import { toText } from '../print/text.js';
import { PREC } from '../print/notation.js';
import { printWith } from '../print/core.js';
import { codeNotation } from '../code/notations.js';
import { toLatex, latexName } from '../print/latex.js';
import { freeVariables } from '../analysis.js';
import { type MNode, MatrixContext, isAtomName } from './node.js';
import { isScalar, type Shape } from './shape.js';
import { MATRIX_FUNCTION } from './functions.js';

interface Out {
  readonly s: string;
  readonly prec: number;
}
type Syntax = 'text' | 'latex' | 'numpy';

/** Text and LaTeX printers share these precedence numbers. */
const P = PREC;

/**
 * `symbols`: how to spell given symbols, printed as atoms (the adjoints ∂L/∂Z of a program in LaTeX; in
 * NumPy, the identifiers of the variables and sizes, src/code/matrix.ts).
 */
export function printMatrix(n: MNode, ctx: MatrixContext, syntax: Syntax, order: readonly string[] = [], symbols?: ReadonlyMap<string, string>): string {
  return print(n, ctx, syntax, displayOrder(n, ctx, order), 0, symbols).s;
}

/**
 * The variable order extended with atoms: each atom ranks just after the
 * first variable it contains, so X·w + b − y keeps the order it was written in.
 */
function displayOrder(root: MNode, ctx: MatrixContext, order: readonly string[]): string[] {
  const out = [...order];
  const atoms = new Set<string>();
  const collect = (n: MNode, depth: number): void => {
    if (depth > 400) return;
    if (n.k === 'ew') {
      for (const v of freeVariables(n.expr))
        if (isAtomName(v) && !atoms.has(v)) {
          atoms.add(v);
          collect(ctx.atomNode(v), depth + 1);
        }
    } else if (n.k === 'matmul' || n.k === 'dot') {
      collect(n.a, depth + 1);
      collect(n.b, depth + 1);
    } else if (n.k === 'transpose' || n.k === 'reduce') collect(n.a, depth + 1);
    else if (n.k === 'fn') for (const a of n.args) collect(a, depth + 1);
  };
  collect(root, 0);
  for (const a of atoms) {
    const vars = ctx.variablesOf(ctx.atomNode(a));
    const first = out.findIndex((v) => vars.has(v));
    if (first >= 0) out.splice(first + 1, 0, a);
    else out.push(a);
  }
  return out;
}

function print(n: MNode, ctx: MatrixContext, syntax: Syntax, order: readonly string[], depth: number, symbols?: ReadonlyMap<string, string>): Out {
  const sub = (m: MNode): Out => print(m, ctx, syntax, order, depth + 1, symbols);
  const tex = syntax === 'latex';
  const wrap = (o: Out, min: number): string => (o.prec >= min ? o.s : tex ? `\\left(${o.s}\\right)` : `(${o.s})`);
  if (syntax === 'numpy') return printNumpy(n, sub, wrap, ctx, order, depth, symbols);
  switch (n.k) {
    case 'identity':
      return { s: tex ? 'I' : `identity(${n.shape.rows})`, prec: P.ATOM };
    case 'transpose': {
      // (A⁻¹)ᵀ is A^{-⊤} in LaTeX (A^{-1}^{⊤} does not parse).
      if (tex && n.a.k === 'fn' && n.a.name === 'inv') return { s: `${wrap(sub(n.a.args[0]!), P.ATOM)}^{-\\top}`, prec: P.ATOM };
      const a = sub(n.a);
      return { s: tex ? `${wrap(a, P.ATOM)}^{\\top}` : `${wrap(a, P.ATOM)}'`, prec: P.ATOM };
    }
    case 'matmul': {
      const a = sub(n.a);
      const b = sub(n.b);
      // A chain A·B·C needs no inner parentheses (the product is associative); sums do.
      return { s: tex ? `${wrap(a, P.MUL)} ${wrap(b, P.MUL)}` : `${wrap(a, P.MUL)}*${wrap(b, P.MUL)}`, prec: P.MUL };
    }
    case 'dot': {
      const a = sub(n.a);
      const b = sub(n.b);
      return { s: tex ? `${wrap(a, P.ATOM)}^{\\top} ${wrap(b, P.MUL)}` : `dot(${a.s}, ${b.s})`, prec: tex ? P.MUL : P.ATOM };
    }
    case 'reduce': {
      const a = sub(n.a);
      if (tex) {
        if (n.op === 'norm2') return { s: `\\left\\lVert ${a.s} \\right\\rVert_{2}`, prec: P.ATOM };
        const name = n.op === 'trace' ? '\\operatorname{tr}' : `\\operatorname{${n.op}}`;
        return { s: `${name}\\left(${a.s}\\right)`, prec: P.ATOM };
      }
      return { s: `${n.op}(${a.s})`, prec: P.ATOM };
    }
    case 'fn': {
      const args = n.args.map(sub);
      if (n.name === 'rows' && !tex) return args[0]!;
      if (tex) return { s: MATRIX_FUNCTION.get(n.name)!.latex(args.map((a) => a.s), args.map((a) => wrap(a, P.ATOM)), n), prec: n.name === 'rows' ? P.MUL : P.ATOM };
      return { s: `${n.name}(${args.map((a) => a.s).join(', ')})`, prec: P.ATOM };
    }
    case 'ew':
      return printBlock(n.expr, n.shape, ctx, syntax, order, depth, symbols);
  }
}

/**
 * NumPy: `X.T`, `X @ w`, `np.dot`, `np.sum`/`np.mean`/`np.trace`/`np.linalg.norm`, element-wise
 * blocks through the code printer's NumPy notation. `*`, `/` and `@` share one precedence in
 * Python (left to right), so a product right of `@` is parenthesised (`X @ 2*v` would be (X @ 2)*v).
 */
function printNumpy(
  n: MNode,
  sub: (m: MNode) => Out,
  wrap: (o: Out, min: number) => string,
  ctx: MatrixContext,
  order: readonly string[],
  depth: number,
  symbols?: ReadonlyMap<string, string>,
): Out {
  switch (n.k) {
    case 'identity':
      return { s: `np.eye(${dimName(n.shape.rows, symbols)})`, prec: P.ATOM };
    case 'transpose':
      return { s: `${wrap(sub(n.a), P.ATOM)}.T`, prec: P.ATOM };
    case 'matmul':
      // Vectors are 1-D arrays, for which `u @ v.T` is the inner product: a column times a row is np.outer.
      if (n.a.shape.cols === 1 && n.a.shape.rows !== 1 && n.b.shape.rows === 1 && n.b.shape.cols !== 1)
        // (a 1-D array's .T is itself in NumPy, and deprecated on tensors: the row's vector is printed as it is)
        return { s: `np.outer(${sub(n.a).s}, ${sub(n.b.k === 'transpose' && n.b.a.shape.cols === 1 ? n.b.a : n.b).s})`, prec: P.ATOM };
      return { s: `${wrap(sub(n.a), P.MUL)} @ ${wrap(sub(n.b), P.MUL + 1)}`, prec: P.MUL };
    case 'dot':
      return { s: `np.dot(${sub(n.a).s}, ${sub(n.b).s})`, prec: P.ATOM };
    case 'reduce': {
      const name = n.op === 'norm2' ? 'np.linalg.norm' : `np.${n.op}`;
      return { s: `${name}(${sub(n.a).s})`, prec: P.ATOM };
    }
    case 'fn': {
      const args = n.args.map(sub);
      if (n.name === 'rows') return args[0]!;
      return { s: MATRIX_FUNCTION.get(n.name)!.numpy(args.map((a) => a.s)), prec: P.ATOM };
    }
    case 'ew':
      return printBlock(n.expr, n.shape, ctx, 'numpy', order, depth, symbols);
  }
}

function printBlock(expr: Expr, shape: Shape, ctx: MatrixContext, syntax: Syntax, order: readonly string[], depth: number, symbols?: ReadonlyMap<string, string>): Out {
  const tex = syntax === 'latex';
  const atoms = [...freeVariables(expr)].filter(isAtomName);
  const printed = new Map<string, Out>();
  for (const a of atoms) printed.set(a, print(ctx.atomNode(a), ctx, syntax, order, depth + 1, symbols));
  for (const v of freeVariables(expr)) if (symbols?.has(v) === true) printed.set(v, { s: symbols.get(v)!, prec: P.ATOM });
  // A constant block of a vector or matrix shape: ones(n) (text), \mathbf{1} (LaTeX), times its value
  // (which may hold scalar nodes: dot(u, v)*ones(n)).
  if (!isScalar(shape) && ctx.isScalarExpr(expr)) {
    const np = syntax === 'numpy';
    const [rows, cols] = np ? [dimName(shape.rows, symbols), dimName(shape.cols, symbols)] : [shape.rows, shape.cols];
    const ones = tex ? '\\mathbf{1}' : shape.cols === 1 ? `${np ? 'np.' : ''}ones(${rows})` : np ? `np.ones((${rows}, ${cols}))` : `ones(${rows}, ${cols})`;
    if (expr.kind === 'num' && expr.value.n === 1n && expr.value.d === 1n) return { s: ones, prec: P.ATOM };
    const c = scalarWithAtoms(expr, printed, syntax, order, undefined, symbols);
    const factor = expr.kind === 'add' ? (tex ? `\\left(${c}\\right)` : `(${c})`) : c;
    return { s: tex ? `${factor} ${ones}` : `${factor}*${ones}`, prec: P.MUL };
  }

  // c · (one linear-algebra node): print the coefficient, then the node — 2/n*X'*(…), \frac{2}{n} X^{\top}(…).
  const factors = expr.kind === 'mul' ? expr.factors : [expr];
  const withAtoms = factors.filter((f) => [...freeVariables(f)].some(isAtomName));
  const single = withAtoms.length === 1 ? withAtoms[0]! : undefined;
  if (single !== undefined && single.kind === 'sym' && isAtomName(single.name) && factors.length > 1 && ctx.isScalarExpr(mul(...factors.filter((f) => f !== single)))) {
    const coefficient = factors.filter((f) => f !== single);
    const c = scalarText(coefficient, syntax, order, symbols);
    const node = printed.get(single.name)!;
    const body = node.prec >= P.MUL ? node.s : tex ? `\\left(${node.s}\\right)` : `(${node.s})`;
    if (c === '-1') return { s: `-${body}`, prec: P.MUL };
    return { s: tex ? `${c} ${body}` : `${c}*${body}`, prec: P.MUL };
  }
  // Otherwise the scalar printer, with linear-algebra nodes as atoms.
  return { s: scalarWithAtoms(expr, printed, syntax, order, (e) => !ctx.isScalarExpr(e), symbols), prec: precOf(expr, ctx) };
}

/**
 * The scalar printer with linear-algebra nodes as atoms. A product node inside a
 * product or under a power needs parentheses, so it is given the precedence of a sum.
 */
function scalarWithAtoms(
  expr: Expr,
  printed: ReadonlyMap<string, Out>,
  syntax: Syntax,
  order: readonly string[],
  entrywise?: (e: Expr) => boolean,
  symbols?: ReadonlyMap<string, string>,
): string {
  const atomPrec = (o: Out): number => (o.prec <= P.MUL ? P.ADD : o.prec);
  const options = entrywise === undefined ? { order } : { order, entrywise };
  if (syntax === 'latex') return toLatex(expr, { ...options, atoms: new Map([...printed].map(([k, o]) => [k, { tex: o.s, prec: atomPrec(o) }])) });
  if (syntax === 'numpy') return printWith(expr, numpyNotation(symbols), { order, atoms: new Map([...printed].map(([k, o]) => [k, { text: o.s, prec: atomPrec(o) }])) });
  return toText(expr, { ...options, atoms: new Map([...printed].map(([k, o]) => [k, { text: o.s, prec: atomPrec(o) }])) });
}

/** The coefficient of a block, printed as a scalar expression on its own. */
function scalarText(factors: readonly Expr[], syntax: Syntax, order: readonly string[], symbols?: ReadonlyMap<string, string>): string {
  const expr = mul(...factors);
  return syntax === 'latex' ? toLatex(expr, { order }) : syntax === 'numpy' ? printWith(expr, numpyNotation(symbols), { order }) : toText(expr, { order });
}

/** NumPy spelling of element-wise blocks: a name as `symbols` spells it (its identifier), else as written. */
const numpyNotation = (symbols?: ReadonlyMap<string, string>): ReturnType<typeof codeNotation> => codeNotation('numpy', (name) => symbols?.get(name) ?? name);
/** A size in NumPy: a number, or the identifier of a size name. */
const dimName = (d: string | number, symbols?: ReadonlyMap<string, string>): string => (typeof d === 'number' ? String(d) : symbols?.get(d) ?? d);

function precOf(e: Expr, ctx: MatrixContext): number {
  if (e.kind === 'add') return P.ADD;
  // An element-wise quotient by a vector or matrix is bracketed next to a matrix product as a sum is:
  // X'*1/(X*w + 3)^2 reads (X'*1)/(…)^2, and NumPy's X.T @ 1/v is (X.T @ 1)/v, which does not run.
  if (dividesByArray(e, ctx)) return P.ADD;
  // An entry-wise product (⊙) next to a matrix product must be bracketed: (δ ⊙ h) xᵀ.
  if (e.kind === 'mul') return e.factors.filter((f) => !ctx.isScalarExpr(f)).length > 1 ? P.ADD : P.MUL;
  if (e.kind === 'pow') return P.POW;
  if (e.kind === 'num' && (e.value.n < 0n || e.value.d !== 1n)) return P.MUL;
  return P.ATOM;
}

/** Whether e prints with a non-scalar denominator: a negative power of an array (1/v^2), alone or as a factor (u/v). */
function dividesByArray(e: Expr, ctx: MatrixContext): boolean {
  const negative = (x: Expr): boolean => (x.kind === 'num' ? x.value.n < 0n : x.kind === 'mul' && x.factors.some((f) => f.kind === 'num' && f.value.n < 0n));
  const reciprocal = (x: Expr): boolean => x.kind === 'pow' && x.exp.kind !== 'add' && negative(x.exp) && !ctx.isScalarExpr(x.base);
  return reciprocal(e) || (e.kind === 'mul' && e.factors.some(reciprocal));
}

/** Heading for a gradient (or a Hessian) with respect to a variable of a given shape. */
export function matrixHeading(name: string, variable: string, shape: { rows: unknown; cols: unknown }, syntax: 'text' | 'latex', kind: 'gradient' | 'hessian' = 'gradient'): string {
  if (kind === 'hessian') {
    const scalar = shape.rows === 1;
    if (syntax === 'latex')
      return scalar ? `\\frac{\\partial^{2} ${latexName(name)}}{\\partial ${latexName(variable)}^{2}}` : `\\nabla^{2}_{${latexName(variable)}} ${latexName(name)}`;
    return scalar ? `∂²/∂${variable}²` : `∇²${variable}`;
  }
  const scalar = isScalar(shape as never);
  if (syntax === 'latex')
    return scalar
      ? `\\frac{\\partial ${latexName(name)}}{\\partial ${latexName(variable)}}`
      : `\\nabla_{${latexName(variable)}} ${latexName(name)}`;
  return scalar ? `∂/∂${variable}` : `∇${variable}`;
}
