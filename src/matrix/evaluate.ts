/**
 * Values of matrix expressions. Entries are scalar Exprs, so evaluation with
 * exact inputs stays exact (the constructors fold numbers: seed 003's ∇w is
 * exactly (177, 201, 225)), and evaluation with symbolic entries expands a
 * matrix formula into scalars (used by the tests to check every matrix rule
 * against the scalar engine).
 */
import { DerivError } from '../errors.js';
import { type Expr, add, mul, pow, num, ZERO_EXPR, ONE_EXPR } from '../core/expr.js';
import { addAll } from '../bulk.js';
import { freeVariables } from '../analysis.js';
import { substitute } from '../templates.js';
import { q } from '../core/rational.js';
import { type MNode, MatrixContext, isAtomName } from './node.js';
import { MATRIX_FUNCTION } from './functions.js';
import { type Dim, type Shape, formatShape } from './shape.js';

/** rows × cols entries; a scalar is 1×1, a vector n×1. */
export type MatrixValue = readonly (readonly Expr[])[];

export function evaluateMatrix(root: MNode, ctx: MatrixContext, values: ReadonlyMap<string, MatrixValue>): MatrixValue {
  const dims = bindDims(ctx, values);
  // A size no given value fixes (a gradient of 0 for a vector the point does not give) cannot be laid out.
  const size = (d: Dim): number => {
    if (typeof d === 'number') return d;
    const n = dims.get(d);
    if (n === undefined) throw new DerivError('BAD_VARIABLE', `the point gives no value of size ${d}, so ${d} is not known`, { hint: `give a value for a variable whose shape uses ${d}` });
    return n;
  };
  const memo = new Map<string, MatrixValue>();
  const at = (m: MatrixValue, i: number, j: number): Expr => m[m.length === 1 ? 0 : i]![m[0]!.length === 1 ? 0 : j]!;
  const table = (shape: Shape, f: (i: number, j: number) => Expr): MatrixValue =>
    Array.from({ length: size(shape.rows) }, (_, i) => Array.from({ length: size(shape.cols) }, (_, j) => f(i, j)));
  const value = (n: MNode, depth: number): MatrixValue => {
    if (depth > 400) throw new DerivError('TOO_LARGE', 'matrix expression nested too deeply to evaluate');
    const key = ctx.key(n);
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let out: MatrixValue;
    switch (n.k) {
      case 'ew': {
        const names = [...freeVariables(n.expr)];
        const sources = new Map<string, MatrixValue>();
        for (const s of names) {
          if (isAtomName(s)) sources.set(s, value(ctx.atomNode(s), depth + 1));
          else if (values.has(s)) sources.set(s, values.get(s)!);
          else if (dims.has(s)) sources.set(s, [[num(dims.get(s)!)]]);
          else throw new DerivError('BAD_VARIABLE', `no value given for the variable '${s}'`, { hint: `add ${s}=… to --at` });
        }
        out = table(n.shape, (i, j) => substitute(n.expr, new Map(names.map((s) => [s, at(sources.get(s)!, i, j)]))));
        break;
      }
      case 'matmul': {
        const a = value(n.a, depth + 1);
        const b = value(n.b, depth + 1);
        out = table(n.shape, (i, j) => addAll(a[i]!.map((aik, k) => mul(aik, b[k]![j]!))));
        break;
      }
      case 'transpose': {
        const a = value(n.a, depth + 1);
        out = table(n.shape, (i, j) => a[j]![i]!);
        break;
      }
      case 'dot': {
        const a = value(n.a, depth + 1);
        const b = value(n.b, depth + 1);
        out = [[addAll(a.map((row, i) => mul(row[0]!, b[i]![0]!)))]];
        break;
      }
      case 'identity':
        out = table(n.shape, (i, j) => (i === j ? ONE_EXPR : ZERO_EXPR));
        break;
      case 'fn': {
        const args = n.args.map((a) => value(a, depth + 1));
        out = MATRIX_FUNCTION.get(n.name)!.value(args, { rows: size(n.shape.rows), cols: size(n.shape.cols) });
        break;
      }
      case 'reduce': {
        const a = value(n.a, depth + 1);
        const all = a.flat();
        if (n.op === 'sum') out = [[addAll(all)]];
        else if (n.op === 'mean') out = [[mul(addAll(all), pow(num(all.length), num(-1)))]];
        else if (n.op === 'trace') out = [[addAll(a.map((row, i) => row[i]!))]];
        else out = [[pow(addAll(all.map((x) => pow(x, num(2)))), num(q(1n, 2n)))]];
        break;
      }
    }
    memo.set(key, out);
    return out;
  };
  return value(root, 0);
}

/** Sizes n, d… from the values given for declared variables; inconsistent sizes are an error. */
function bindDims(ctx: MatrixContext, values: ReadonlyMap<string, MatrixValue>): Map<string, number> {
  const dims = new Map<string, number>();
  for (const [name, shape] of ctx.shapes) {
    const v = values.get(name);
    if (v === undefined) continue;
    const actual: [number, number] = [v.length, v[0]?.length ?? 0];
    ([shape.rows, shape.cols] as const).forEach((d, axis) => {
      const got = actual[axis]!;
      if (typeof d === 'number') {
        if (d !== got)
          throw new DerivError('SHAPE', `${name} is declared as ${formatShape(shape)} but its value is ${actual[0]}×${actual[1]}`);
      } else if (dims.has(d) && dims.get(d) !== got)
        throw new DerivError('SHAPE', `size ${d} is ${dims.get(d)} from an earlier value but ${got} from ${name}`);
      else dims.set(d, got);
    });
  }
  return dims;
}
