/**
 * deriv — symbolic differentiation with textbook output.
 * Public API: see README.md ("Library").
 */
import './function-table.js'; // installs the rule table's exact simplifications
export { derivative, gradient, parse, readExpression, simplify, evaluate, variablesOf, Derivative, type DerivativeOptions } from './api.js';
export type { DerivWarning, WarningCode } from './warnings.js';
export { DerivError, isDerivError, type ErrorCode } from './errors.js';
export { RequestBudget } from './limits.js';
export { toText } from './print/text.js';
export { toLatex, latexName } from './print/latex.js';
export { type Scope } from './evaluate.js';
export { differentiate, type TraceStep, type RuleId } from './diff.js';
export { freeVariables } from './analysis.js';
export { cse, inlineCse, type CseResult, type CseBinding, type CseOptions } from './cse.js';
export { cseToText } from './print/cse-text.js';
export { cseToLatex } from './print/cse-latex.js';
export type { Expr, Num, Const, Sym, Add, Mul, Pow, Call } from './core/expr.js';
export { FUNCTION_ROWS, type FunctionRow } from '../rules/functions.js';
export {
  recordDerivation, abbreviate, type Derivation, type DerivationPass, type DerivationStep, type ChainPart, type Substitution, type Detail, type StepRule,
} from './steps/record.js';
export { explain, type Voice } from './steps/explain.js';
export { stepsToText } from './print/steps-text.js';
export { stepsToLatex } from './print/steps-latex.js';
export { toMarkdownNote, type NoteOptions } from './print/markdown.js';
export { toHtmlPage } from './print/html.js';
export { matrixGradient, matrixDerivation, MatrixDerivative, type MatrixDerivation, type MatrixOptions, type ShapeSpec } from './matrix/api.js';
export { MATRIX_RULES, type MatrixRule, type PrintedStep as MatrixPrintedStep } from './matrix/steps.js';
export { parseMatrixValues } from './matrix/values.js';
export { valueText as matrixValueText, valueJson as matrixValueJson } from './matrix/format-value.js';
export type { MatrixValue } from './matrix/evaluate.js';
export type { MatrixFormOptions } from './api.js';
export { PointValue, type Point, type Kink } from './numeric/exact-eval.js';
export { parsePoint, type PointInput, type PointInputValue } from './numeric/point.js';
export { Gradient } from './numeric/gradient.js';
export { check, type CheckOptions, type CheckResult, type Counterexample } from './numeric/check.js';
export { sgd, type SgdStep } from './numeric/sgd.js';
export { gradcheck, type GradcheckOptions, type GradcheckResult, type PartialCheck } from './numeric/gradcheck.js';
export { hessian, jacobian, DerivativeMatrix } from './numeric/matrix.js';
export { program, Program, type ProgramJson, type ExpandedEntry } from './program/api.js';
export { type ParsedProgram, type Assignment, type ProgramOptions } from './program/parse.js';
export { type BackwardPass, type BackwardLine, type AdjointTerm } from './program/backward.js';
export { type ProgramValues, type NamedValue, type ProgramSgdStep } from './program/values.js';
export { matrixProgram, matrixProgramValues, inlineMatrixProgram, type MatrixProgram, type MatrixProgramLine } from './program/matrix.js';
export { toCode, compile, gradientCode, codeProgram, type Codeable, type CodeOptions } from './code/api.js';
export { type CompiledFunction, type CompiledValue, type BatchValue } from './code/compile.js';
export { countOps, opsOf, type CodeProgram, type CodeBinding, type CodeOutput } from './code/ir.js';
export { valueProgram } from './code/build.js';
export { type CodeLanguage, type CodeSpelling, type CodeSpellings } from '../rules/functions.js';
