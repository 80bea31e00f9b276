/**
 * deriv — symbolic differentiation with textbook output.
 * Public API: see README.md ("Library").
 */
import './function-table.js'; // installs the rule table's exact simplifications
export { derivative, gradient, parse, simplify, variablesOf, Derivative, type DerivativeOptions } from './api.js';
export { DerivError, isDerivError, type ErrorCode } from './errors.js';
export { toText } from './print/text.js';
export { toLatex, latexName } from './print/latex.js';
export { evaluate, type Scope } from './evaluate.js';
export { differentiate, type TraceStep, type RuleId } from './diff.js';
export { freeVariables } from './analysis.js';
export type { Expr, Num, Const, Sym, Add, Mul, Pow, Call } from './expr.js';
export { FUNCTION_ROWS, type FunctionRow } from '../rules/functions.js';
