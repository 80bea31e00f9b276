/**
 * Gradient descent on matrix parameters, shared by matrix expressions and matrix programs:
 * P ← P − lr·∂L/∂P entry by entry, exact while the entries are; an entry past MAX_EXACT_BITS
 * continues as the rational of its double (so a long run does not grow fractions without bound).
 */
import { DerivError } from '../errors.js';
import { type Expr, add, mul, num, MINUS_ONE_EXPR } from '../core/expr.js';
import { fromNumber, toNumber } from '../core/rational.js';
import { evaluate } from '../evaluate.js';
import { MAX_EXACT_BITS } from '../numeric/exact-eval.js';
import { MAX_SGD_STEPS } from '../numeric/sgd.js';
import { parsePoint } from '../numeric/point.js';
import type { MatrixValue } from './evaluate.js';

const bits = (x: bigint): number => (x < 0n ? -x : x).toString(2).length;

/** An entry kept exact while it is small; past MAX_EXACT_BITS, the rational of its double. */
function bounded(e: Expr): Expr {
  if (e.kind === 'num') {
    if (bits(e.value.n) <= MAX_EXACT_BITS && bits(e.value.d) <= MAX_EXACT_BITS) return e;
    return num(fromNumber(toNumber(e.value)));
  }
  const x = evaluate(e);
  if (!Number.isFinite(x)) throw new DerivError('UNDEFINED', 'a parameter stopped being a finite real number', { hint: 'a smaller learning rate may help' });
  return num(fromNumber(x));
}

/** The learning rate (exact when written exactly, e.g. 0.01 = 1/100); BAD_OPTION unless positive. */
export function learningRate(text: string): Expr {
  const value = parsePoint(`lr=${text}`).get('lr')!;
  if (!(value.number > 0)) throw new DerivError('BAD_OPTION', `the learning rate must be a positive number, got ${value.toString()}`);
  return value.expr ?? num(fromNumber(value.number));
}

/** BAD_OPTION unless `steps` is a whole number of steps deriv runs. */
export function checkStepCount(steps: number): void {
  if (!Number.isInteger(steps) || steps < 0 || steps > MAX_SGD_STEPS)
    throw new DerivError('BAD_OPTION', `the number of steps must be a whole number from 0 to ${MAX_SGD_STEPS}, got ${String(steps)}`);
}

/** P − lr·G entry by entry (G may be a scalar broadcast over P). */
export function descend(p: MatrixValue, g: MatrixValue, lr: Expr): MatrixValue {
  return p.map((row, i) => row.map((e, j) => bounded(add(e, mul(MINUS_ONE_EXPR, lr, g[g.length === 1 ? 0 : i]![g[0]!.length === 1 ? 0 : j]!)))));
}
