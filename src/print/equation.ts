/**
 * Complete LaTeX equations for results, the same in every format:
 * one derivative is `\frac{\partial f}{\partial w} = …`; a gradient (several
 * first derivatives) is `\nabla_{w,b} f = \left( …, … \right)`.
 */
import type { Expr } from '../core/expr.js';
import { toLatex, latexName } from './latex.js';
import { latexHeading } from './heading.js';
import type { VariableOrder } from './display-order.js';

/** What the result printers need from a derivative (the Derivative class has it). */
export interface ResultItem {
  readonly input: Expr;
  readonly variables: readonly string[];
  readonly expr: Expr;
  readonly order: VariableOrder;
}

export const isGradient = (items: readonly ResultItem[]): boolean => items.length > 1 && items.every((r) => r.variables.length === 1);

export function derivativeEquation(item: ResultItem, name = 'f'): string {
  return `${latexHeading(item.variables, name)} = ${toLatex(item.expr, { order: item.order })}`;
}

export function gradientEquation(items: readonly ResultItem[], name = 'f'): string {
  const vars = items.map((r) => latexName(r.variables[0]!)).join(',');
  const parts = items.map((r) => toLatex(r.expr, { order: r.order })).join(', ');
  return `\\nabla_{${vars}} ${latexName(name)} = \\left( ${parts} \\right)`;
}

/**
 * The equations to show for a set of results: one gradient, or one equation per derivative. With `width`
 * (notes: Markdown, HTML), a gradient longer than that many LaTeX characters is one equation per partial
 * instead of one line that overflows the page.
 */
export function resultEquations(items: readonly ResultItem[], name = 'f', width = Infinity): string[] {
  if (!isGradient(items)) return items.map((r) => derivativeEquation(r, name));
  const gradient = gradientEquation(items, name);
  return gradient.length <= width ? [gradient] : items.map((r) => derivativeEquation(r, name));
}

/** LaTeX characters a note shows on one line before a gradient breaks into its partials. */
export const NOTE_WIDTH = 100;
