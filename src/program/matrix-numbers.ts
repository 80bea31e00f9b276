/**
 * Matrix programs beyond the backward pass: each gradient entry written in the inputs
 * (--expand: the matrix engine on the inlined formula, what a user would type today) and
 * gradient descent on matrix parameters (--sgd: each step a forward and a backward pass,
 * then P ← P − lr·∂L/∂P entry by entry, exact while the entries are; an entry past
 * MAX_EXACT_BITS continues as the rational of its double).
 */
import { DerivError } from '../errors.js';
import { type Expr, add, mul, num, MINUS_ONE_EXPR } from '../core/expr.js';
import { fromNumber, toNumber } from '../core/rational.js';
import { evaluate } from '../evaluate.js';
import { matrixGradient, type MatrixDerivative } from '../matrix/api.js';
import type { MatrixValue } from '../matrix/evaluate.js';
import type { Shape } from '../matrix/shape.js';
import { MAX_EXACT_BITS } from '../numeric/exact-eval.js';
import { MAX_SGD_STEPS } from '../numeric/sgd.js';
import { parsePoint } from '../numeric/point.js';
import { inlineMatrixProgram, matrixProgramValues, type MatrixProgram } from './matrix.js';
import type { ProgramOptions } from './parse.js';

/** The gradient entries for the program's requested inputs, each in the inputs only. */
export function matrixExpanded(m: MatrixProgram, shapes: ReadonlyMap<string, Shape>, options: ProgramOptions = {}): MatrixDerivative[] {
  const inputs = m.wrt.filter((w) => m.parsed.inputs.includes(w));
  if (inputs.length === 0) return [];
  return matrixGradient(inlineMatrixProgram(m.parsed.text, options).text, inputs, { shapes });
}

export interface MatrixSgdStep {
  readonly step: number;
  readonly params: ReadonlyMap<string, MatrixValue>;
  readonly loss: MatrixValue;
}

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

/** Gradient descent on the requested inputs from `start`; entry 0 is the start. */
export function matrixProgramSgd(m: MatrixProgram, start: ReadonlyMap<string, MatrixValue>, lrText: string, steps: number): MatrixSgdStep[] {
  if (!Number.isInteger(steps) || steps < 0 || steps > MAX_SGD_STEPS)
    throw new DerivError('BAD_OPTION', `the number of steps must be a whole number from 0 to ${MAX_SGD_STEPS}, got ${String(steps)}`);
  const lrValue = parsePoint(`lr=${lrText}`).get('lr')!;
  if (!(lrValue.number > 0)) throw new DerivError('BAD_OPTION', `the learning rate must be a positive number, got ${lrValue.toString()}`);
  const lr = lrValue.expr ?? num(fromNumber(lrValue.number));
  const intermediate = m.wrt.find((w) => !m.parsed.inputs.includes(w));
  if (intermediate !== undefined)
    throw new DerivError('BAD_OPTION', `--sgd updates parameters, and '${intermediate}' is computed by the program`, { hint: `list inputs only in --wrt: ${m.parsed.inputs.join(', ')}` });
  for (const p of m.wrt) if (!start.has(p)) throw new DerivError('BAD_VARIABLE', `no starting value for the parameter '${p}'`);
  let point = new Map(start);
  const out: MatrixSgdStep[] = [];
  for (let k = 0; k <= steps; k++) {
    const v = matrixProgramValues(m, point);
    out.push({ step: k, params: new Map(m.wrt.map((p) => [p, point.get(p)!])), loss: v.forward[v.forward.length - 1]![1] });
    if (k === steps) break;
    const grad = new Map(v.backward);
    const next = new Map(point);
    for (const p of m.wrt) {
      const g = grad.get(p)!;
      next.set(p, point.get(p)!.map((row, i) => row.map((e, j) => bounded(add(e, mul(MINUS_ONE_EXPR, lr, g[g.length === 1 ? 0 : i]![g[0]!.length === 1 ? 0 : j]!))))));
    }
    point = next;
  }
  return out;
}
