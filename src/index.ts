/**
 * deriv — symbolic differentiation with textbook output.
 * Public API: see README.md ("Library").
 */
import './function-table.js'; // installs the rule table's exact simplifications
export {
  derivative, gradient, parse, readExpression, simplify, evaluate, variablesOf, toText, toLatex, latexName, differentiate, freeVariables, cse, inlineCse,
  cseToText, cseToLatex, recordDerivation, abbreviate, explain, stepsToText, stepsToLatex, toMarkdownNote, toHtmlPage, matrixGradient, matrixDerivation,
  parseMatrixValues, matrixValueText, matrixValueJson, parsePoint, check, sgd, gradcheck, hessian, jacobian, program, matrixProgram, matrixProgramValues,
  inlineMatrixProgram, toCode, compile, gradientCode, codeProgram, countOps, opsOf, valueProgram, answer,
} from './library.js';
export type { FieldsAnswer } from './answer/fields-answer.js';
export type { Format, Mode } from './request/request.js';
export { Derivative, type DerivativeOptions } from './api.js';
export type { DerivWarning, WarningCode } from './warnings.js';
export { DerivError, isDerivError, type ErrorCode } from './errors.js';
export { RequestBudget } from './limits.js';
export { type Scope } from './evaluate.js';
export type { TraceStep, RuleId } from './diff.js';
export type { CseResult, CseBinding, CseOptions } from './cse.js';
export type { Expr, Num, Const, Sym, Add, Mul, Pow, Call } from './core/expr.js';
export { FUNCTION_ROWS, type FunctionRow } from '../rules/functions.js';
export type {
  Derivation, DerivationPass, DerivationStep, ChainPart, Substitution, Detail, StepRule,
} from './steps/record.js';
export type { Voice } from './steps/explain.js';
export type { NoteOptions } from './document/derivative-note.js';
export { MatrixDerivative, type MatrixDerivation, type MatrixOptions, type ShapeSpec } from './matrix/api.js';
export { MATRIX_RULES, type MatrixRule, type PrintedStep as MatrixPrintedStep } from './matrix/steps.js';
export type { MatrixValue } from './matrix/evaluate.js';
export { MatrixGradient } from './matrix/gradient.js';
export { MatrixPointValue } from './matrix/point-value.js';
export type { MatrixPointInput, MatrixValueInput, MatrixEntryInput } from './matrix/point.js';
export type { MatrixFormOptions } from './api.js';
export { PointValue, type Point, type Kink } from './numeric/exact-eval.js';
export type { PointInput, PointInputValue } from './numeric/point.js';
export { Gradient } from './numeric/gradient.js';
export type { CheckOptions, CheckResult, Counterexample } from './numeric/check.js';
export type { SgdStep } from './numeric/sgd.js';
export type { GradcheckOptions, GradcheckResult, PartialCheck } from './numeric/gradcheck.js';
export { DerivativeMatrix } from './numeric/matrix.js';
export { Program, type ProgramJson, type ExpandedEntry } from './program/api.js';
export { type ParsedProgram, type Assignment, type ProgramOptions } from './program/parse.js';
export { type BackwardPass, type BackwardLine, type AdjointTerm } from './program/backward.js';
export { type ProgramValues, type NamedValue, type ProgramSgdStep } from './program/values.js';
export type { MatrixProgram, MatrixProgramLine, MatrixProgramValues } from './program/matrix.js';
export type { Codeable, CodeOptions } from './code/api.js';
export { type CompiledFunction, type CompiledValue, type BatchValue, type BatchColumn } from './code/compile.js';
export type { CodeProgram, CodeBinding, CodeOutput } from './code/ir.js';
export { type CodeLanguage, type CodeSpelling, type CodeSpellings } from '../rules/functions.js';
