/**
 * What the playground shows for one state, computed without the DOM (so Node tests can check it):
 * the variables found, the input and results as LaTeX, the plain text the CLI would print, the steps,
 * the values at the point, and what the plot needs. Copy texts (LaTeX, Markdown note, plain text) are
 * functions, made only when a button asks. Every string comes from the library's printers.
 */
import type { Expr } from '../core/expr.js';
import { DerivError } from '../errors.js';

/** An error placed where it happened: the input box, a point field, the shape field. */
export interface ErrorView {
  readonly code: string;
  readonly message: string;
  readonly hint: string | undefined;
  /** The text the position points into, and the 0-based position (as DerivError has them). */
  readonly input: string | undefined;
  readonly position: number | undefined;
  readonly field: 'f' | 'at' | 'shape';
}

export function errorView(e: unknown, field: ErrorView['field']): ErrorView {
  if (e instanceof DerivError) return { code: e.code, message: e.message, hint: e.hint, input: e.input, position: e.position, field };
  // Anything else is a bug in deriv, shown as such instead of leaving a stale result on screen.
  return { code: 'INTERNAL', message: `internal error: ${e instanceof Error ? e.message : String(e)}`, hint: 'please report this input', input: undefined, position: undefined, field };
}

/** One step: its equation and its note in LaTeX, and the rule's name. */
export interface StepView {
  readonly rule: string;
  readonly equation: string;
  readonly note: string;
}

/** The steps for one result (a gradient has one section per variable). */
export interface StepsSection {
  /** LaTeX heading (\frac{\partial f}{\partial w}); empty when there is one section. */
  readonly heading: string;
  /** Display equations before the steps (the names of inner functions, a program's assignments). */
  readonly definitions: readonly string[];
  readonly steps: readonly StepView[];
  /** Display equations after the steps (the result). */
  readonly results: readonly string[];
  /** Or, where the library prints these steps as text only (matrix form): the text. */
  readonly text?: string;
}

/** One value at the point: `\frac{\partial f}{\partial w} = 2xw = 4` and the text `∂f/∂w = 4`. */
export interface ValueRow {
  readonly latex: string;
  readonly text: string;
}

export interface ValuesView {
  readonly rows: readonly ValueRow[];
  /** Notes (a kink at the point, a value that is not finite). */
  readonly notes: readonly string[];
}

/** What the plot needs: f and ∂f/∂v as expressions in the inputs. */
export interface PlotSource {
  readonly f: Expr;
  /** The derivative with respect to each variable that can be plotted against. */
  readonly derivative: (variable: string) => Expr;
  readonly name: string;
}

export interface View {
  readonly kind: 'expression' | 'program' | 'matrix';
  /** The variables (inputs) found, in display order: the wrt toggles and the point fields. */
  readonly variables: readonly string[];
  /** The chosen ones. */
  readonly wrt: readonly string[];
  readonly name: string;
  /** Display equations: the input, then the results. */
  readonly inputLatex: readonly string[];
  /** The input as read, in text (matrix form, whose input is not typeset). */
  readonly inputText?: string;
  readonly resultLatex: readonly string[];
  /** The result as the CLI prints it (`2*x*w`, or one `∂/∂w = …` line per variable). */
  readonly resultText: string;
  /** Reading notes (1/2x read as x/2, …). */
  readonly warnings: readonly string[];
  /** A sentence instead of results (no variable chosen, no variables at all). */
  readonly message?: string;
  readonly steps?: readonly StepsSection[];
  readonly values?: ValuesView;
  readonly valuesError?: ErrorView;
  readonly plot?: PlotSource;
  readonly copy: { readonly latex: () => string; readonly markdown: () => string; readonly text: () => string };
}

export type Outcome = { readonly ok: true; readonly view: View } | { readonly ok: false; readonly error: ErrorView };
