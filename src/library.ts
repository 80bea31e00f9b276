/**
 * The library's door: each exported function with the kinds of its arguments (src/validate.ts), checked
 * before any work. src/index.ts exports these; modules inside deriv call the functions themselves, with
 * arguments their types already guarantee. Option fields a function reads are listed with their kinds
 * (other fields are ignored); counts carry the bounds that keep a call's work finite.
 */
import * as v from './validate.js';
import { DerivError } from './errors.js';
import type { Kind } from './validate.js';
import * as api from './api.js';
import { Derivative } from './api.js';
import { toText as toTextImpl } from './print/text.js';
import { toLatex as toLatexImpl, latexName as latexNameImpl } from './print/latex.js';
import { differentiate as differentiateImpl } from './diff.js';
import { freeVariables as freeVariablesImpl } from './analysis.js';
import { cse as cseImpl, inlineCse as inlineCseImpl } from './cse.js';
import { cseToText as cseToTextImpl } from './print/cse-text.js';
import { cseToLatex as cseToLatexImpl } from './print/cse-latex.js';
import { recordDerivation as recordDerivationImpl, abbreviate as abbreviateImpl } from './steps/record.js';
import { explain as explainImpl } from './steps/explain.js';
import { stepsToText as stepsToTextImpl } from './print/steps-text.js';
import { stepsToLatex as stepsToLatexImpl } from './print/steps-latex.js';
import { toMarkdownNote as toMarkdownNoteImpl, toHtmlPage as toHtmlPageImpl } from './document/library-note.js';
import { matrixGradient as matrixGradientImpl, matrixDerivation as matrixDerivationImpl, MatrixDerivative, matrixValues as matrixValuesOf } from './matrix/api.js';
import { parseMatrixValues as parseMatrixValuesImpl } from './matrix/values.js';
import { valueText, valueJson } from './matrix/format-value.js';
import { parsePoint as parsePointImpl } from './numeric/point.js';
import { check as checkImpl } from './numeric/check.js';
import { sgd as sgdImpl } from './numeric/sgd.js';
import { gradcheck as gradcheckImpl } from './numeric/gradcheck.js';
import { hessian as hessianImpl, jacobian as jacobianImpl, DerivativeMatrix } from './numeric/matrix.js';
import { program as programImpl, Program } from './program/api.js';
import { matrixProgram as matrixProgramImpl, matrixProgramValues as matrixProgramValuesImpl, inlineMatrixProgram as inlineMatrixProgramImpl } from './program/matrix.js';
import { toCode as toCodeImpl, compile as compileImpl, gradientCode as gradientCodeImpl, codeProgram as codeProgramImpl } from './code/api.js';
import { countOps as countOpsImpl, opsOf as opsOfImpl } from './code/ir.js';
import { valueProgram as valueProgramImpl } from './code/build.js';
import { CODE_LANGUAGES } from './code/emit.js';
import { answerFields } from './answer/fields-answer.js';

const { door, optional, options, list } = v;

/** Bounds of the counts a caller sets (the CLI's own limits are the same). */
const MAX_ORDER = 100;
const MAX_STEPS = 10_000;
const BIG = 1_000_000_000;

const { record } = v;

const shapes: Kind = (value, what) => {
  if (typeof value === 'string' || value instanceof Map || (typeof value === 'object' && value !== null && !Array.isArray(value))) return value;
  throw new DerivError('BAD_OPTION', `${what} must be shapes ('X=n×d,w=d' or { X: 'n×d', w: 'd' }), got ${v.describe(value)}`);
};
const order = list(v.text, 100_000);
const steps = v.either(v.boolean, v.oneOf('brief', 'full'));
const partialLike = record('a derivative', 'input', 'wrt', 'expr', 'order');
const derivation = record('a derivation (recordDerivation)', 'input', 'wrt', 'passes', 'result', 'substitutions');
const codeProgramKind = record('a code program (gradientCode)', 'name', 'inputs', 'temps', 'outputs', 'order');
const codeable: Kind = (value, what) => {
  if (value instanceof Derivative || value instanceof DerivativeMatrix || value instanceof Program || value instanceof MatrixDerivative) return value;
  if (Array.isArray(value)) return list(v.either(partialLike, v.instance(MatrixDerivative, 'a matrix derivative')), 100_000)(value, what);
  return v.either(codeProgramKind, partialLike)(value, what);
};
const noteItems = list(v.either(partialLike, v.instance(DerivativeMatrix, 'a Hessian or Jacobian')), 10_000, 1);
const matrixValue = list(list(v.expr, 1_000_000, 1), 1_000_000, 1);
const matrixValues: Kind = (value, what) => matrixValuesOf(value, what);

// Option fields, by the functions that read them.
const PARSE = { maxLength: v.count(1, 1_000_000_000) };
const SIMPLIFY = { maxExpandTerms: v.count(0, BIG), simplifyBudget: v.count(0, BIG), memo: v.instance(Map, 'a Map'), onRewrite: v.func };
const SIZE = { maxSize: v.count(1, BIG) };
const DERIVATIVE = { ...PARSE, ...SIMPLIFY, ...SIZE, order: v.count(0, MAX_ORDER), simplify: v.boolean, trace: v.func, shapes };
const PRINT = { order, atoms: v.instance(Map, 'a Map'), entrywise: v.func };
const NOTE = { name: v.functionName, steps };
const CODE = { name: v.functionName, value: v.boolean, wrt: v.nameList, args: v.nameList };
const PROGRAM = { ...PARSE, of: v.name, name: v.functionName, simplify: v.boolean };
const STEPS_PRINT = { order, name: v.functionName, withInput: v.boolean, value: v.func };
const RECORD = { ...SIMPLIFY, ...SIZE, detail: v.oneOf('brief', 'full'), simplify: v.boolean, order, reserved: list(v.text, 100_000), names: list(record('a substitution', 'name', 'expr'), 100_000) };

export const derivative: typeof api.derivative = door(api.derivative, 'derivative', [v.exprOrText, v.names, options(DERIVATIVE)]);
export const gradient: typeof api.gradient = door(api.gradient, 'gradient', [v.exprOrText, optional(v.nameList), options(DERIVATIVE)]);
export const parse = door(api.parse, 'parse', [v.text, options(PARSE)]);
export const readExpression = door(api.readExpression, 'readExpression', [v.text, options(PARSE)]);
export const simplify = door(api.simplify, 'simplify', [v.exprOrText, options({ ...PARSE, ...SIMPLIFY })]);
export const evaluate = door(api.evaluate, 'evaluate', [v.exprOrText, optional(v.scope)]);
export const variablesOf = door(api.variablesOf, 'variablesOf', [v.expr]);
export const toText = door(toTextImpl, 'toText', [v.expr, options(PRINT)]);
export const toLatex = door(toLatexImpl, 'toLatex', [v.expr, options(PRINT)]);
export const latexName = door(latexNameImpl, 'latexName', [v.functionName]);
export const differentiate = door(differentiateImpl, 'differentiate', [v.expr, v.name, options({ trace: v.func })]);
export const freeVariables = door(freeVariablesImpl, 'freeVariables', [v.expr]);
export const cse = door(cseImpl, 'cse', [list(v.expr), options({ prefix: v.name })]);
export const inlineCse = door(inlineCseImpl, 'inlineCse', [record('a CSE result (cse)', 'bindings', 'exprs')]);
export const cseToText = door(cseToTextImpl, 'cseToText', [list(partialLike, 10_000), v.boolean]);
export const cseToLatex = door(cseToLatexImpl, 'cseToLatex', [list(partialLike, 10_000), optional(v.functionName)]);
export const recordDerivation = door(recordDerivationImpl, 'recordDerivation', [v.expr, v.nameList, options(RECORD)]);
export const abbreviate = door(abbreviateImpl, 'abbreviate', [v.expr, list(record('a substitution', 'name', 'expr'), 100_000), optional(v.text)]);
export const explain = door(explainImpl, 'explain', [record('a derivation step', 'rule'), derivation, record('a voice (textVoice or latexVoice)', 'partial')]);
export const stepsToText = door(stepsToTextImpl, 'stepsToText', [derivation, options(STEPS_PRINT)]);
export const stepsToLatex = door(stepsToLatexImpl, 'stepsToLatex', [derivation, options(STEPS_PRINT)]);
export const toMarkdownNote = door(toMarkdownNoteImpl, 'toMarkdownNote', [noteItems, options(NOTE)]);
export const toHtmlPage = door(toHtmlPageImpl, 'toHtmlPage', [noteItems, options(NOTE)]);
export const matrixGradient = door(matrixGradientImpl, 'matrixGradient', [v.text, optional(v.nameList), options({ shapes, simplify: v.boolean }, ['shapes'])]);
export const matrixDerivation = door(matrixDerivationImpl, 'matrixDerivation', [v.text, optional(v.nameList), options({ shapes, syntax: v.oneOf('text', 'latex') }, ['shapes'])]);
export const parseMatrixValues = door(parseMatrixValuesImpl, 'parseMatrixValues', [v.text]);
export const matrixValueText = door(valueText, 'matrixValueText', [matrixValue]);
export const matrixValueJson = door(valueJson, 'matrixValueJson', [matrixValue]);
export const parsePoint = door(parsePointImpl, 'parsePoint', [v.text]);
export const check = door(checkImpl, 'check', [v.exprOrText, v.names, v.exprOrText, options({ at: v.point, samples: v.count(1, 10_000), seed: v.count(0, 2 ** 32 - 1), tolerance: v.number })]);
export const sgd = door(sgdImpl, 'sgd', [v.exprOrText, v.nameList, v.point, v.either(v.number, v.text), v.count(0, MAX_STEPS)]);
export const gradcheck = door(gradcheckImpl, 'gradcheck', [v.exprOrText, optional(v.nameList), v.point, options({ eps: v.number, atol: v.number, rtol: v.number })]);
export const hessian = door(hessianImpl, 'hessian', [v.exprOrText, optional(v.nameList)]);
export const jacobian = door(jacobianImpl, 'jacobian', [list(v.exprOrText, 10_000), optional(v.nameList)]);
export const program = door(programImpl, 'program', [v.text, options(PROGRAM)]);
export const matrixProgram = door(matrixProgramImpl, 'matrixProgram', [v.text, shapes, optional(v.nameList), options(PROGRAM)]);
export const matrixProgramValues = door(matrixProgramValuesImpl, 'matrixProgramValues', [record('a matrix program (matrixProgram)', 'parsed', 'ctx', 'nodes', 'wrt', 'lines'), matrixValues]);
export const inlineMatrixProgram = door(inlineMatrixProgramImpl, 'inlineMatrixProgram', [v.text, options(PROGRAM)]);
export const toCode = door(toCodeImpl, 'toCode', [codeable, v.oneOf(...CODE_LANGUAGES), options(CODE)]);
export const compile = door(compileImpl, 'compile', [codeable, options(CODE)]);
export const gradientCode = door(gradientCodeImpl, 'gradientCode', [v.exprOrText, optional(v.nameList), options(CODE)]);
export const codeProgram = door(codeProgramImpl, 'codeProgram', [codeable, options(CODE)]);
export const countOps = door(countOpsImpl, 'countOps', [codeProgramKind]);
export const opsOf = door(opsOfImpl, 'opsOf', [v.expr]);
export const valueProgram = door(valueProgramImpl, 'valueProgram', [v.expr, list(v.text, 100_000), options(CODE)]);

/** A request by its fields (those of a --batch line: expr, wrt, at, format, …), answered as the command line would. */
const requestFields: Kind = (value, what) => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new DerivError('BAD_OPTION', `${what} must be a request object such as { expr: 'x^2', wrt: 'x' }, got ${v.describe(value)}`);
  return value;
};
export const answer = door(answerFields, 'answer', [requestFields]);
