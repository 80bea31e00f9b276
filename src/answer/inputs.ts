/**
 * The variables a request's input has, before anything is differentiated: what a front end offers to choose
 * from (the playground's toggles and point fields). An expression's variables in order of appearance; a
 * program's inputs; in matrix form the variables a gradient can be taken with respect to.
 */
import { readExpression, variablesOf } from '../api.js';
import { program } from '../program/api.js';
import { matrixGradient } from '../matrix/api.js';
import { matrixProgram } from '../program/matrix.js';
import type { Mode, Request } from '../request/request.js';
import { libraryOptions } from './derivatives.js';
import type { Reading } from './reading.js';

export function inputsOf(r: Request, reading: Reading, mode: Mode): string[] {
  const of = r.of === undefined ? {} : { of: r.of };
  switch (mode) {
    case 'program':
      return [...program(reading.line, { ...of, ...(r.maxLength === undefined ? {} : { maxLength: r.maxLength }) }).inputs];
    case 'matrix': {
      const results = matrixGradient(reading.expression, undefined, { shapes: r.shape!, simplify: false });
      const order = results[0]?.order ?? [];
      return order.filter((v) => results.some((d) => d.wrt === v));
    }
    case 'matrix-program':
      return [...matrixProgram(reading.line, r.shape!, undefined, { ...of, simplify: false }).wrt];
    default:
      return variablesOf(readExpression(reading.expression, libraryOptions(r)).expr);
  }
}
