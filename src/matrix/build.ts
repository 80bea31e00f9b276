/**
 * Reads matrix-language text into matrix nodes, checking shapes as it goes.
 *
 * The syntax is deriv's, plus postfix ' (transpose) and the functions
 * transpose, sum, mean, trace (tr), norm2 (norm), dot, ones, and the matrix functions of
 * src/matrix/functions.ts (softmax, log_softmax, logsumexp, cross_entropy, det, logdet, inv, diag, norm1). `*` is the matrix product between
 * two non-scalars whose inner sizes agree; between two vectors of equal
 * length (and with a scalar on either side) it is element-wise, as `.*` always
 * is. `^` with a scalar exponent, `/` and every scalar function (exp, log,
 * tanh, sigmoid, relu, …) act entry by entry; scalars broadcast.
 */
import { DerivError } from '../errors.js';
import { type Expr, add, mul, pow, num, constant, call, MINUS_ONE_EXPR } from '../core/expr.js';
import { parseSyntax, type Syntax } from '../parse/parser.js';
import { parseDecimal } from '../core/rational.js';
import { resolveFunctionName } from '../function-table.js';
import { MatrixContext, type MNode } from './node.js';
import { isScalar, sameShape, type Dim } from './shape.js';
import { MATRIX_FUNCTION, MATRIX_FUNCTION_ROWS, type FnName } from './functions.js';

export const MATRIX_FUNCTIONS: ReadonlyMap<string, readonly number[]> = new Map([
  ['transpose', [1]],
  ['sum', [1]],
  ['mean', [1]],
  ['trace', [1]],
  ['norm2', [1]],
  ['dot', [2]],
  ['norm', [1]],
  ['tr', [1]],
  ['ones', [1, 2]],
  ...MATRIX_FUNCTION_ROWS.filter((r) => r.name !== 'rows').map((r): [string, number[]] => [r.name, [r.arity]]),
]);

/** Deepest nesting the matrix reader follows (matrix formulas are short; this keeps recursion bounded). */
const MAX_DEPTH = 400;

export function buildMatrix(text: string, ctx: MatrixContext): { node: MNode; variables: string[] } {
  const syntax = parseSyntax(text, { functions: MATRIX_FUNCTIONS, transpose: true });
  const variables: string[] = [];
  const fail = (pos: number, err: DerivError): never => {
    throw new DerivError(err.code, err.message, { position: pos, input: text, ...(err.hint === undefined ? {} : { hint: err.hint }) });
  };
  const visit = (s: Syntax, depth: number): MNode => {
    if (depth > MAX_DEPTH) throw new DerivError('TOO_LARGE', `matrix expressions may nest at most ${MAX_DEPTH} deep`, { position: s.pos, input: text });
    try {
      return build(s, depth);
    } catch (e) {
      if (e instanceof DerivError && e.position === undefined) return fail(s.pos, e);
      throw e;
    }
  };
  const build = (s: Syntax, depth: number): MNode => {
    switch (s.t) {
      case 'num':
        return ctx.ew(num(parseDecimal(s.text)), { rows: 1, cols: 1 });
      case 'name':
        if (s.name === 'e' || s.name === 'pi') return ctx.ew(constant(s.name), { rows: 1, cols: 1 });
        if (!variables.includes(s.name)) variables.push(s.name);
        return ctx.variable(s.name);
      case 'neg':
        return ctx.elementwise([visit(s.arg, depth + 1)], ([a]) => mul(MINUS_ONE_EXPR, a!), 'negate');
      case 'bin': {
        // X^T with X a declared matrix or vector (and T not declared): the transpose, as written on paper.
        if (s.op === '^' && s.right.t === 'name' && s.right.name === 'T' && isScalar(ctx.variable('T').shape)) {
          const base = visit(s.left, depth + 1);
          if (!isScalar(base.shape)) return ctx.transpose(base);
        }
        const a = visit(s.left, depth + 1);
        const b = visit(s.right, depth + 1);
        switch (s.op) {
          case '+':
            return ctx.elementwise([a, b], ([x, y]) => add(x!, y!), 'add');
          case '-':
            return ctx.elementwise([a, b], ([x, y]) => add(x!, mul(MINUS_ONE_EXPR, y!)), 'subtract');
          case '.*':
            return ctx.elementwise([a, b], ([x, y]) => mul(x!, y!), 'multiply element-wise');
          case '*':
            if (!isScalar(a.shape) && !isScalar(b.shape) && a.shape.cols === 1 && sameShape(a.shape, b.shape))
              return ctx.elementwise([a, b], ([x, y]) => mul(x!, y!), 'multiply');
            return ctx.matmul(a, b);
          case '\u00b7':
            // w·x as seed 004 writes it: between two vectors of the same length their dot product, otherwise *.
            if (a.shape.cols === 1 && !isScalar(a.shape) && sameShape(a.shape, b.shape)) return ctx.dot(a, b);
            if (!isScalar(a.shape) && !isScalar(b.shape)) return ctx.matmul(a, b);
            return ctx.elementwise([a, b], ([x, y]) => mul(x!, y!), 'multiply');
          case '@':
            // NumPy's @: the matrix product; between two vectors of the same length, their inner product.
            if (a.shape.cols === 1 && b.shape.cols === 1 && !isScalar(a.shape) && sameShape(a.shape, b.shape)) return ctx.dot(a, b);
            return ctx.matmul(a, b);
          case '/':
          case './':
            return ctx.elementwise([a, b], ([x, y]) => mul(x!, pow(y!, MINUS_ONE_EXPR)), 'divide');
          default: // ^ and .^
            if (!isScalar(b.shape))
              throw new DerivError('SHAPE', 'an exponent must be a scalar', { position: s.pos, input: text });
            return ctx.elementwise([a, b], ([x, y]) => pow(x!, y!), 'raise');
        }
      }
      case 'call': {
        // ones(n), ones(n, k): a block of ones of those sizes (as printed results write the sums over rows).
        if (s.name === 'ones') return ctx.ones({ rows: sizeArg(s.args[0]!), cols: s.args[1] === undefined ? 1 : sizeArg(s.args[1]) });
        const args = s.args.map((a) => visit(a, depth + 1));
        if (MATRIX_FUNCTION.get(s.name)?.arity === args.length) return ctx.fn(s.name as FnName, args);
        switch (s.name) {
          case 'transpose':
            return ctx.transpose(args[0]!);
          case 'sum':
          case 'mean':
          case 'trace':
          case 'norm2':
            return ctx.reduce(s.name, args[0]!);
          case 'tr':
            return ctx.reduce('trace', args[0]!);
          case 'norm':
            return ctx.reduce('norm2', args[0]!);
          case 'dot':
            return ctx.dot(args[0]!, args[1]!);
          default: {
            const fn = resolveFunctionName(s.name)!;
            const f = (xs: Expr[]): Expr => (fn === 'pow' ? pow(xs[0]!, xs[1]!) : call(fn, xs));
            return ctx.elementwise(args, f, `apply ${s.name} to`);
          }
        }
      }
    }
  };
  const sizeArg = (s: Syntax): Dim => {
    if (s.t === 'num' && /^[1-9]\d*$/.test(s.text)) return Number(s.text);
    if (s.t === 'name' && !ctx.shapes.has(s.name)) return s.name;
    throw new DerivError('SHAPE', 'ones takes sizes: ones(n) or ones(n, k)', { position: s.pos, input: text });
  };
  return { node: visit(syntax, 0), variables };
}
