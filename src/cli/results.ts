/**
 * Small pieces of the CLI's output that are not about one format: warnings as JSON, a constant's value
 * (an expression without variables), and errors placed in the line they came from.
 */
import { DerivError } from '../errors.js';
import { type DerivWarning, NO_VARIABLES } from '../warnings.js';
import { valueAt } from '../numeric/exact-eval.js';
import { toLatex } from '../print/latex.js';
import { toText } from '../print/text.js';
import type { Expr } from '../core/expr.js';

/** What the CLI says when it prints a constant's value instead of a derivative. */
export const CONSTANT_PRINTED: DerivWarning = { ...NO_VARIABLES, message: 'the expression has no variables: printed its value (every derivative of a constant is 0)' };

export const warningJSON = (w: DerivWarning): Record<string, unknown> => ({ code: w.code, message: w.message, ...(w.position === undefined ? {} : { position: w.position }), ...(w.hint === undefined ? {} : { hint: w.hint }) });

/** A constant's value in the chosen format (the expression had no variables and no --wrt was given). */
export function renderConstant(expression: string, c: Expr, warnings: readonly DerivWarning[], opts: { readonly format: string; readonly steps?: unknown; readonly cse?: boolean }): string {
  if (opts.format === 'markdown' || opts.format === 'html' || opts.steps !== undefined || opts.cse === true)
    throw new DerivError('BAD_VARIABLE', 'the expression has no variables: there is nothing to differentiate', { input: expression, position: 0, hint: 'without --format markdown/html, --steps and --cse deriv prints its value' });
  const v = valueAt(c, new Map(), []);
  if (opts.format === 'json') return JSON.stringify({ input: expression, parsed: toText(c), wrt: [], derivatives: [], ...v.toJSON(), warnings: warnings.map(warningJSON) });
  if (opts.format === 'latex') return toLatex(c);
  return toText(c);
}

/** The error with where it happened (`line 3 of stdin: `) in front of its message. */
export function locate(e: DerivError, where: string): DerivError {
  if (where === '') return e;
  return new DerivError(e.code, where + e.message, { ...(e.position === undefined ? {} : { position: e.position }), ...(e.input === undefined ? {} : { input: e.input }), ...(e.hint === undefined ? {} : { hint: e.hint }) });
}

/** Runs `f` on `expression` (the line with `NAME =` blanked out); an error about it shows the line as typed. */
export function asTyped<T>(line: string, expression: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof DerivError) || e.input !== expression) throw e;
    throw new DerivError(e.code, e.message, { input: line, ...(e.position === undefined ? {} : { position: e.position }), ...(e.hint === undefined ? {} : { hint: e.hint }) });
  }
}
