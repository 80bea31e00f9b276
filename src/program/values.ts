/**
 * A program at a point: the forward pass (each assignment's value, in order), the
 * backward pass (each adjoint's value, in the backward order) and gradient descent.
 * Exact where the point is exact (seed 000: z = 7, h = 7, y_hat = 14, L = 8;
 * ∂L/∂w1 = 16), by the same evaluator as everything else (src/numeric/exact-eval.ts).
 * A value that is not a finite real (division by an exact zero included) is NaN or ±∞,
 * never an exception; callers add notes. Kinks (relu at 0, …) are listed per assignment.
 */
import { DerivError } from '../errors.js';
import type { Expr } from '../core/expr.js';
import { mulQ, subQ } from '../core/rational.js';
import { type Point, PointValue, valueAt, kinksAt, type Kink, decimalsFor } from '../numeric/exact-eval.js';
import type { PointInputValue } from '../numeric/point.js';
import { toPoint } from '../numeric/point.js';
import { MAX_SGD_STEPS } from '../numeric/sgd.js';
import { withToString } from '../inspect.js';
import { sgdLine, sgdValue } from '../print/sgd-line.js';
import { valuesText } from './print.js';
import type { ParsedProgram } from './parse.js';
import { adjointName, type BackwardPass } from './backward.js';

export interface NamedValue {
  readonly name: string;
  readonly value: PointValue;
}

export interface ProgramValues {
  /** Each assignment's value, in program order (the function's last). */
  readonly forward: readonly NamedValue[];
  /** Each backward line's value, in the backward pass's order. */
  readonly backward: readonly NamedValue[];
  /** Calls sitting on a kink, by assignment. */
  readonly kinks: readonly { readonly name: string; readonly kinks: readonly Kink[] }[];
  /** The CLI's --at text: `forward pass:` and `backward pass:`, one aligned line per value (`  z = w*x + b = 45`). */
  toString(): string;
}

function safeValue(e: Expr, p: Point, order: readonly string[]): PointValue {
  try {
    return valueAt(e, p, order);
  } catch (err) {
    if (err instanceof DerivError && err.code === 'UNDEFINED') return PointValue.approximate(NaN);
    throw err;
  }
}

function safeKinks(e: Expr, p: Point): Kink[] {
  try {
    return kinksAt(e, p);
  } catch (err) {
    if (err instanceof DerivError && err.code === 'UNDEFINED') return [];
    throw err;
  }
}

/** Every input the function needs must be in the point (BAD_VARIABLE names the first missing), and no assigned name. */
function requireInputs(prog: ParsedProgram, point: Point): void {
  for (const v of prog.inputs)
    if (!point.has(v)) throw new DerivError('BAD_VARIABLE', `no value given for the variable '${v}'`, { hint: `add it to the point, e.g. ${v}=1` });
  for (const a of prog.assignments)
    if (point.has(a.name)) throw new DerivError('BAD_OPTION', `'${a.name}' is computed by the program; the point gives its inputs`, { hint: `drop ${a.name} from --at` });
}

/** The forward pass only: each assignment's value. */
export function forwardValues(prog: ParsedProgram, point: Point): { values: NamedValue[]; scope: Map<string, PointValue> } {
  requireInputs(prog, point);
  const scope = new Map(point);
  const values: NamedValue[] = [];
  for (const a of prog.assignments) {
    const v = safeValue(a.expr, scope, prog.order);
    scope.set(a.name, v);
    values.push({ name: a.name, value: v });
  }
  return { values, scope };
}

/** Forward and backward values of a program at a point. */
export function programValues(prog: ParsedProgram, pass: BackwardPass, point: Point): ProgramValues {
  const { values, scope } = forwardValues(prog, point);
  const kinks = prog.assignments.map((a) => ({ name: a.name, kinks: safeKinks(a.expr, scope) })).filter((k) => k.kinks.length > 0);
  const backward: NamedValue[] = [];
  for (const line of pass.lines) {
    const v = safeValue(line.expr, scope, prog.order);
    scope.set(adjointName(prog.output, line.name), v);
    backward.push({ name: line.name, value: v });
  }
  const out = { forward: values, backward, kinks };
  return withToString(out, () => valuesText(prog, pass, values, backward).join('\n'));
}

export interface ProgramSgdStep {
  readonly step: number;
  readonly params: ReadonlyMap<string, PointValue>;
  readonly loss: PointValue;
  /** The CLI's line for the step, the loss named by the program's output: `step 1: w = 9/2 (4.5), b = 101/20 (5.05), L = 1/800 (0.00125)`. */
  toString(): string;
}

/** p − lr·g, exact when all three are exact rationals. */
function update(p: PointValue, lr: PointValue, g: PointValue): PointValue {
  const [ep, el, eg] = [p.exact, lr.exact, g.exact];
  // Decimals stay decimals: w=4.05 steps to 4.5, not 9/2.
  if (ep !== undefined && el !== undefined && eg !== undefined) return PointValue.exact(subQ(ep, mulQ(el, eg))).asDecimal(p.decimal || lr.decimal);
  return PointValue.approximate(p.number - lr.number * g.number);
}

/**
 * Gradient descent driven by the program: each step runs the forward pass, the backward
 * pass, and p ← p − lr·∂L/∂p for every parameter (the inputs of `pass.wrt`; the other
 * inputs are data). Entry 0 is the start; entry k has the parameters and loss after k steps.
 */
export function programSgd(prog: ParsedProgram, pass: BackwardPass, start: Point, lrInput: PointInputValue, steps: number): ProgramSgdStep[] {
  if (!Number.isInteger(steps) || steps < 0 || steps > MAX_SGD_STEPS)
    throw new DerivError('BAD_OPTION', `the number of steps must be a whole number from 0 to ${MAX_SGD_STEPS}, got ${String(steps)}`);
  const lr = toPoint(new Map([['lr', lrInput]])).get('lr')!;
  if (!(lr.number > 0)) throw new DerivError('BAD_OPTION', `the learning rate must be a positive number, got ${lr.toString()}`);
  const params = pass.wrt.filter((w) => prog.inputs.includes(w));
  const intermediate = pass.wrt.find((w) => !prog.inputs.includes(w));
  if (intermediate !== undefined)
    throw new DerivError('BAD_OPTION', `--sgd updates parameters, and '${intermediate}' is computed by the program`, { hint: `list inputs only in --wrt: ${prog.inputs.join(', ')}` });
  for (const p of params) if (!start.has(p)) throw new DerivError('BAD_VARIABLE', `no starting value for the parameter '${p}'`, { hint: `add it to the point, e.g. ${p}=0` });
  let point: Point = decimalsFor(start, params, lr.decimal);
  const out: ProgramSgdStep[] = [];
  for (let k = 0; k <= steps; k++) {
    const v = programValues(prog, pass, point);
    const loss = v.forward[v.forward.length - 1]!.value;
    if (!loss.finite) throw new DerivError('UNDEFINED', `the loss is not a finite real number after step ${k} (${loss.toString()})`, { hint: 'a smaller learning rate may help' });
    const row = { step: k, params: new Map(params.map((p) => [p, point.get(p)!])), loss };
    out.push(withToString(row, () => sgdLine(row, prog.output, sgdValue)));
    if (k === steps) break;
    const grad = new Map(v.backward.map((b) => [b.name, b.value]));
    const next = new Map(point);
    for (const p of params) {
      const g = grad.get(p)!;
      if (!g.finite) throw new DerivError('UNDEFINED', `∂${prog.output}/∂${p} is not a finite real number at step ${k + 1}`, { hint: 'a smaller learning rate may help' });
      next.set(p, update(point.get(p)!, lr, g));
    }
    point = next;
  }
  return out;
}
