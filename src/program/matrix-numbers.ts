/**
 * Matrix programs beyond the backward pass: each gradient entry written in the inputs
 * (--expand: the matrix engine on the inlined formula, what a user would type today) and
 * gradient descent on matrix parameters (--sgd: each step a forward and a backward pass,
 * then the step of src/matrix/descent.ts).
 */
import { DerivError } from '../errors.js';
import { matrixGradient, type MatrixDerivative } from '../matrix/api.js';
import type { MatrixValue } from '../matrix/evaluate.js';
import type { Shape } from '../matrix/shape.js';
import { checkStepCount, descend, learningRate } from '../matrix/descent.js';
import { inlineMatrixProgram, matrixProgramValues, type MatrixProgram } from './matrix.js';
import type { ProgramOptions } from './parse.js';

/** The gradient entries for the program's requested inputs, each in the inputs only. */
export function matrixExpanded(m: MatrixProgram, shapes: ReadonlyMap<string, Shape>, options: ProgramOptions = {}): MatrixDerivative[] {
  const inputs = m.wrt.filter((w) => m.parsed.inputs.includes(w));
  if (inputs.length === 0) return [];
  return matrixGradient(inlineMatrixProgram(m.parsed.text, options).text, inputs, { shapes, ...(options.simplify === undefined ? {} : { simplify: options.simplify }) });
}

export interface MatrixSgdStep {
  readonly step: number;
  readonly params: ReadonlyMap<string, MatrixValue>;
  readonly loss: MatrixValue;
}

/** Gradient descent on the requested inputs from `start`; entry 0 is the start. */
export function matrixProgramSgd(m: MatrixProgram, start: ReadonlyMap<string, MatrixValue>, lrText: string, steps: number): MatrixSgdStep[] {
  checkStepCount(steps);
  const lr = learningRate(lrText);
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
    for (const p of m.wrt) next.set(p, descend(point.get(p)!, grad.get(p)!, lr));
    point = next;
  }
  return out;
}
