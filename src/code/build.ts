/**
 * Builders: a CodeProgram (src/code/ir.ts) from what the library computes.
 * - a Derivative: its expression, shared pieces named (CSE);
 * - a gradient of a scalar function (a Gradient, or an expression and variables): reverse mode
 *   (src/code/reverse.ts), so the code costs a small constant times the function — this path never
 *   writes the symbolic derivative out, so it works where that is TOO_LARGE (Π(x + k), k = 1…1000);
 * - a Hessian or Jacobian: every entry, shared pieces named;
 * - a program: its own intermediates and its backward pass (src/program/backward.ts), in its names.
 * Every program's value (the function itself) is computed too when `value` is asked for.
 */
import type { Expr } from '../core/expr.js';
import { sym } from '../core/expr.js';
import { freeVariables } from '../analysis.js';
import { DerivError } from '../errors.js';
import type { PartialLike } from '../numeric/gradient.js';
import type { DerivativeMatrix } from '../numeric/matrix.js';
import type { Program } from '../program/api.js';
import { adjointName } from '../program/backward.js';
import { reverseGradient } from './reverse.js';
import { finish } from './finish.js';
import { stableForm } from '../simplify/identities.js';
import { substitute as substituteNames } from '../templates.js';
import { parameterOrder, refuseRepeats, type CodeBinding, type CodeOutput, type CodeProgram, type ParameterOptions } from './ir.js';

/** A request passes itself whole: the options generated code reads are typed here, the rest is ignored. */
export interface BuildOptions extends ParameterOptions {
  /** The function's name (default f): the code is named grad_f, d_f, hess_f, jac_f. */
  readonly name?: string | undefined;
  /** Also compute the function's value (output `value`); default false for toCode, true for compile. */
  readonly value?: boolean;
}

const keyOf = (wrt: readonly string[]): string => wrt.join(',');

/** The inputs of these expressions, as parameters (parameterOrder: data by name, then `wrt`, or --args). */
function inputsOf(exprs: readonly Expr[], wrt: readonly string[], options: BuildOptions): string[] {
  const free = new Set<string>();
  for (const e of exprs) for (const v of freeVariables(e)) free.add(v);
  return parameterOrder(free, wrt, options);
}

/** One derivative (any order, mixed or not): its expression with CSE. */
export function derivativeProgram(d: PartialLike, options: BuildOptions = {}): CodeProgram {
  const outputs: CodeOutput[] = [];
  if (options.value === true) outputs.push({ key: 'value', functionValue: true, exprs: [stableForm(d.input)] });
  outputs.push({ key: keyOf(d.variables), exprs: [d.expr] });
  return finish({ name: `d_${options.name ?? 'f'}`, inputs: inputsOf([d.input, d.expr], d.variables, options), bindings: [], outputs, order: d.order });
}

/** The gradient of f with respect to wrt, by reverse mode (never writes the symbolic derivative out). */
export function reverseProgram(written: Expr, wrt: readonly string[], order: readonly string[], options: BuildOptions = {}): CodeProgram {
  refuseRepeats(wrt);
  const f = stableForm(written); // log(exp(x) + exp(y)) as logaddexp(x, y): no ∞/∞ at x = 1000
  const r = reverseGradient(f, wrt);
  const outputs: CodeOutput[] = [];
  if (options.value === true) outputs.push({ key: 'value', functionValue: true, exprs: [f] });
  wrt.forEach((v, i) => outputs.push({ key: v, exprs: [r.partials[i]!] }));
  const inputs = inputsOf([f], wrt, options);
  return finish({ name: `grad_${options.name ?? 'f'}`, inputs, bindings: r.bindings, outputs, order }, r.forward);
}

/** A gradient's partials: reverse mode when all are first partials of one function by its variables, else CSE. */
export function gradientProgram(partials: readonly PartialLike[], options: BuildOptions = {}): CodeProgram {
  if (partials.length === 0) throw new DerivError('BAD_OPTION', 'the gradient has no partials to generate code for');
  const f = partials[0]!.input;
  const order = partials[0]!.order;
  const free = freeVariables(f);
  const firstOrder = partials.every((p) => p.input === f && p.variables.length === 1);
  // An adjoint of a program's intermediate is not a partial of the inlined formula by a variable.
  if (firstOrder && partials.every((p) => free.has(p.variables[0]!) || order.includes(p.variables[0]!)))
    return reverseProgram(f, partials.map((p) => p.variables[0]!), order, options);
  const outputs: CodeOutput[] = [];
  if (options.value === true) outputs.push({ key: 'value', functionValue: true, exprs: [stableForm(f)] });
  for (const p of partials) outputs.push({ key: keyOf(p.variables), exprs: [p.expr] });
  return finish({ name: `grad_${options.name ?? 'f'}`, inputs: inputsOf([f, ...partials.map((p) => p.expr)], partials.flatMap((p) => p.variables), options), bindings: [], outputs, order });
}

/** A Hessian or Jacobian: every entry (a symmetric Hessian's mirror entries are the same node, computed once). */
export function matrixProgram(m: DerivativeMatrix, options: BuildOptions = {}): CodeProgram {
  const outputs: CodeOutput[] = [];
  if (options.value === true)
    outputs.push(m.kind === 'hessian' ? { key: 'value', functionValue: true, exprs: [m.inputs[0]!] } : { key: 'value', functionValue: true, exprs: m.inputs, rows: m.inputs.length, cols: 1 });
  outputs.push({ key: m.kind, exprs: m.rows.flat(), rows: m.rows.length, cols: m.vars.length });
  const prefix = m.kind === 'hessian' ? 'hess' : 'jac';
  return finish({ name: `${prefix}_${options.name ?? 'f'}`, inputs: inputsOf([...m.inputs, ...m.rows.flat()], m.vars, options), bindings: [], outputs, order: m.order });
}

/** A name like `dL_dh` for an adjoint, not clashing with the program's names. */
function adjointIdentifier(output: string, name: string, taken: Set<string>): string {
  let id = `d${output}_d${name}`;
  while (taken.has(id)) id += '_';
  taken.add(id);
  return id;
}

/**
 * A program's gradient in its own names: the forward assignments, then one adjoint per backward
 * line (`dL_dh = w2*dL_dy_hat`), the outputs the requested adjoints.
 */
export function programCode(p: Program, wrt?: readonly string[], options: BuildOptions = {}): CodeProgram {
  if (wrt !== undefined) refuseRepeats(wrt);
  const pass = p.backward(wrt);
  const parsed = p.parsed;
  const taken = new Set(parsed.order);
  const adjoints = new Map<string, Expr>();
  for (const line of pass.lines) adjoints.set(adjointName(parsed.output, line.name), sym(adjointIdentifier(parsed.output, line.name, taken)));
  const rename = (e: Expr): Expr => {
    const names = [...freeVariables(e)].filter((v) => adjoints.has(v));
    return names.length === 0 ? e : substituteNames(e, adjoints);
  };
  const bindings: CodeBinding[] = parsed.assignments.map((a) => ({ name: a.name, expr: a.expr }));
  for (const line of pass.lines) bindings.push({ name: (adjoints.get(adjointName(parsed.output, line.name)) as { name: string }).name, expr: rename(line.expr) });
  const outputs: CodeOutput[] = [];
  if (options.value === true) outputs.push({ key: 'value', functionValue: true, exprs: [sym(parsed.output)] });
  for (const w of pass.wrt) outputs.push({ key: w, exprs: [adjoints.get(adjointName(parsed.output, w))!] });
  const inputs = parameterOrder(parsed.inputs, pass.wrt, options);
  return finish({ name: `grad_${options.name ?? parsed.output}`, inputs, bindings, outputs, order: parsed.order, noCse: true });
}

/** The function alone (its value, shared pieces named): the baseline the gradient's cost is measured against. */
export function valueProgram(f: Expr, order: readonly string[], options: BuildOptions = {}): CodeProgram {
  return finish({ name: options.name ?? 'f', inputs: inputsOf([f], [], options), bindings: [], outputs: [{ key: 'value', functionValue: true, exprs: [f] }], order });
}
