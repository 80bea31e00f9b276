/**
 * The library's code generation: `toCode(result, language)` and `compile(result)`.
 *
 * A result is a Derivative, a gradient (Gradient or an array of Derivatives), a Hessian or
 * Jacobian (DerivativeMatrix), a Program, or a CodeProgram made earlier; `gradientCode(f, wrt)`
 * makes the CodeProgram of a gradient by reverse mode without ever writing the symbolic
 * derivative out (so it works where derivative() says TOO_LARGE).
 */
import type { Expr } from '../core/expr.js';
import type { CodeLanguage } from '../../rules/functions.js';
import { DerivError } from '../errors.js';
import { parse, variablesOf } from '../api.js';
import { checkVariableName } from '../names.js';
import type { PartialLike } from '../numeric/gradient.js';
import type { DerivativeMatrix } from '../numeric/matrix.js';
import { Program } from '../program/api.js';
import type { CodeProgram } from './ir.js';
import { derivativeProgram, gradientProgram, matrixProgram, programCode, reverseProgram, type BuildOptions } from './build.js';
import { emit, CODE_LANGUAGES } from './emit.js';
import { compileProgram, type CompiledFunction } from './compile.js';
import { MatrixDerivative } from '../matrix/api.js';
import { matrixNumpy } from './matrix.js';

export type Codeable = PartialLike | readonly PartialLike[] | DerivativeMatrix | Program | CodeProgram | readonly MatrixDerivative[] | MatrixDerivative;

export interface CodeOptions extends BuildOptions {
  /** For a Program: the variables (default: its inputs). */
  readonly wrt?: readonly string[] | undefined;
}

const isCodeProgram = (r: object): r is CodeProgram => 'temps' in r && 'outputs' in r && 'inputs' in r;
const isMatrix = (r: object): r is DerivativeMatrix => 'rows' in r && 'vars' in r && ((r as { kind?: unknown }).kind === 'hessian' || (r as { kind?: unknown }).kind === 'jacobian');
const isPartial = (r: object): r is PartialLike => 'input' in r && 'wrt' in r && 'expr' in r && 'order' in r;

/** The straight-line program of a result (see the file comment). */
export function codeProgram(result: Exclude<Codeable, MatrixDerivative | readonly MatrixDerivative[]>, options: CodeOptions = {}): CodeProgram {
  if (typeof result !== 'object' || result === null) throw new DerivError('BAD_OPTION', 'expected a derivative, gradient, Hessian, Jacobian or program to generate code for');
  if (isCodeProgram(result)) return result;
  if (result instanceof Program) return programCode(result, options.wrt, options);
  if (isMatrix(result)) return matrixProgram(result, options);
  if (result instanceof MatrixDerivative || (Array.isArray(result) && result.some((r) => r instanceof MatrixDerivative)))
    throw new DerivError('BAD_OPTION', 'matrix form has no straight-line program: use toCode(result, \'numpy\')');
  if (Array.isArray(result)) {
    if (!result.every((r: unknown) => typeof r === 'object' && r !== null && isPartial(r)))
      throw new DerivError('BAD_OPTION', 'expected an array of derivatives (a gradient)');
    return gradientProgram(result as readonly PartialLike[], options);
  }
  if (isPartial(result as object)) return derivativeProgram(result as PartialLike, options);
  throw new DerivError('BAD_OPTION', 'expected a derivative, gradient, Hessian, Jacobian or program to generate code for');
}

/** The gradient of f by reverse mode, as a CodeProgram (variables default to f's, as written). */
export function gradientCode(f: string | Expr, wrt?: readonly string[], options: BuildOptions = {}): CodeProgram {
  const expr = typeof f === 'string' ? parse(f) : f;
  const order = variablesOf(expr);
  const names = wrt === undefined ? order : wrt.map((v) => checkVariableName(v));
  if (names.length === 0) throw new DerivError('BAD_VARIABLE', 'no variable to differentiate with respect to');
  return reverseProgram(expr, names, order, options);
}

/** Source code of a self-contained function computing the result, in js, python, numpy or c. */
export function toCode(result: Codeable, language: CodeLanguage, options: CodeOptions = {}): string {
  if (!CODE_LANGUAGES.includes(language))
    throw new DerivError('BAD_OPTION', `unknown code language '${String(language)}'`, { hint: `one of ${CODE_LANGUAGES.join(', ')}` });
  const matrix = result instanceof MatrixDerivative ? [result] : Array.isArray(result) && result.length > 0 && result.every((r) => r instanceof MatrixDerivative) ? (result as readonly MatrixDerivative[]) : undefined;
  if (matrix !== undefined) {
    if (language !== 'numpy') throw new DerivError('BAD_OPTION', `matrix form (shapes) generates NumPy code only, not ${language}`, { hint: 'use numpy' });
    return matrixNumpy(matrix, options);
  }
  return emit(codeProgram(result as Exclude<Codeable, MatrixDerivative | readonly MatrixDerivative[]>, options), language);
}

/** A JS function evaluating the function's value and all partials at once (and `.batch` over columns). */
export function compile(result: Exclude<Codeable, MatrixDerivative | readonly MatrixDerivative[]>, options: CodeOptions = {}): CompiledFunction {
  return compileProgram(codeProgram(result, { value: true, ...options }));
}
