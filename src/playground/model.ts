/**
 * What the playground shows for one state, computed without the DOM (so Node tests can check it): the
 * answer's document — the same the command line prints, made by the same answer() — with what the page
 * adds around it: the variables to choose from, the chosen ones, the plot's source, where an error belongs.
 * Copy texts are functions, made only when a button asks.
 */
import type { Expr } from '../core/expr.js';
import type { Document } from '../document/model.js';
import type { Mode } from '../request/request.js';
import { DerivError } from '../errors.js';

/** An error placed where it happened: the input box, a point field, the shape field, the options. */
export interface ErrorView {
  readonly code: string;
  readonly message: string;
  readonly hint: string | undefined;
  /** The text the position points into, and the 0-based position (as DerivError has them). */
  readonly input: string | undefined;
  readonly position: number | undefined;
  readonly field: 'f' | 'at' | 'shape' | 'options';
}

export function errorView(e: unknown, field: ErrorView['field']): ErrorView {
  if (e instanceof DerivError) return { code: e.code, message: e.message, hint: e.hint, input: e.input, position: e.position, field };
  // Anything else is a bug in deriv, shown as such instead of leaving a stale result on screen.
  return { code: 'INTERNAL', message: `internal error: ${e instanceof Error ? e.message : String(e)}`, hint: 'please report this input', input: undefined, position: undefined, field };
}

/** What the plot needs: f and ∂f/∂v as expressions in the inputs. */
export interface PlotSource {
  readonly f: Expr;
  /** The derivative with respect to each variable that can be plotted against. */
  readonly derivative: (variable: string) => Expr;
  readonly name: string;
}

export interface View {
  readonly mode: Mode;
  /** The variables (inputs) found, in display order: the wrt toggles and the point fields. */
  readonly variables: readonly string[];
  /** The chosen ones. */
  readonly wrt: readonly string[];
  readonly name: string;
  /** The answer, as the command line would print it; absent when there is nothing to answer (no variable chosen). */
  readonly document?: Document;
  /** The document's text: what `deriv` prints for the same request. */
  readonly text: string;
  /** Reading warnings and the answer's notes (what the command line says on stderr). */
  readonly notes: readonly string[];
  /** A sentence instead of an answer (no variable chosen). */
  readonly message?: string;
  /** The point did not read, or the input is undefined there: the answer is shown without values. */
  readonly valuesError?: ErrorView;
  /** f and its derivatives for the plot, made when it is drawn. */
  readonly plot?: () => PlotSource;
  /** The command line's output in each format, for the copy buttons. */
  readonly copy: { readonly latex: () => string; readonly markdown: () => string; readonly text: () => string };
}

export type Outcome = { readonly ok: true; readonly view: View } | { readonly ok: false; readonly error: ErrorView };
