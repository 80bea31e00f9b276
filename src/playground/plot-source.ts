/**
 * What the plot draws: f and its derivative in one variable, as expressions in the inputs (a program
 * inlined). Made when the plot is drawn, after the answer is on screen. Matrix form has no plot: its
 * variables are not scalars.
 */
import { derivative, readExpression } from '../api.js';
import { program } from '../program/api.js';
import { libraryOptions } from '../answer/derivatives.js';
import type { Reading } from '../answer/reading.js';
import type { Mode, Request } from '../request/request.js';
import type { PlotSource } from './model.js';

export function plotSource(r: Request, reading: Reading, mode: Mode, variables: readonly string[]): (() => PlotSource) | undefined {
  if (variables.length === 0 || mode === 'matrix' || mode === 'matrix-program') return undefined;
  let made: PlotSource | undefined;
  return () => (made ??= make(r, reading, mode));
}

function make(r: Request, reading: Reading, mode: Mode): PlotSource {
  if (mode === 'program') {
    const prog = program(reading.line, { simplify: r.simplify, ...(r.of === undefined ? {} : { of: r.of }) });
    return { f: prog.inlined, derivative: (v) => prog.expanded([v])[0]!.expr, name: prog.output };
  }
  const { expr, domain } = readExpression(reading.expression, libraryOptions(r));
  return { f: expr, derivative: (v) => derivative(expr, v, { domain }).expr, name: reading.name };
}
