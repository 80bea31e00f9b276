/**
 * How a request's input is read before it is answered: a single leading `L = …` names the function (and is
 * blanked out with spaces, so positions in errors still count in the line as typed), and two or more
 * assignments — or --file — make a program.
 */
import { splitNaming } from '../parse/naming.js';
import { isProgramText } from '../program/parse.js';
import { DerivError } from '../errors.js';
import { hasDecimalLiteral } from '../parse/decimals.js';
import type { Request } from '../request/request.js';

export interface Reading {
  /** The input as typed. */
  readonly line: string;
  /** The input with a leading `NAME =` blanked out (the same length). */
  readonly expression: string;
  /** The function's name: --name, else the input's `L = …`, else f. */
  readonly name: string;
  readonly program: boolean;
}

export function readInput(r: Request, fromFile = false): Reading {
  const named = splitNaming(r.input);
  const program = fromFile || (isProgramText(r.input) && named.name === undefined);
  return {
    line: r.input,
    expression: program ? r.input : named.expression,
    name: r.name ?? (program ? 'f' : named.name ?? 'f'),
    program,
  };
}

/** An error about the blanked expression, shown against the line as typed (`L = …` included). */
export function asTyped(reading: Reading, e: unknown): unknown {
  if (!(e instanceof DerivError) || e.input !== reading.expression || reading.expression === reading.line) return e;
  return new DerivError(e.code, e.message, { input: reading.line, ...(e.position === undefined ? {} : { position: e.position }), ...(e.hint === undefined ? {} : { hint: e.hint }) });
}

/**
 * A program names its function by its last assignment (`L = …`); --name names a bare last expression. A --name
 * that contradicts the assignment is refused rather than ignored.
 */
export function checkProgramName(r: Request, output: string): void {
  if (r.name !== undefined && r.name !== output)
    throw new DerivError('BAD_OPTION', `the program's function is ${output} (its assignment); --name ${r.name} would name it twice`, {
      hint: `rename the assignment (${r.name} = …), or end the program with a bare expression for --name to name`,
    });
}

/** Whether the request was written with decimals (the expression, --at or --sgd): then values print as decimals. */
export function writtenWithDecimalsIn(r: Request, reading: Reading): boolean {
  return hasDecimalLiteral(reading.expression) || hasDecimalLiteral(r.at ?? '') || hasDecimalLiteral(r.sgd ?? '');
}
