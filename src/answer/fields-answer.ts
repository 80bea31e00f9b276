/**
 * The library's front end of the spine: `answer({ expr, wrt, at, format, … })` takes a request by its fields — the
 * same fields a --batch line has, read by the option table's rows — and gives the answer the command line would:
 * its mode, its text in any format, its JSON, its warnings and notes. So every option works from the library as on
 * the command line, with the same refusals.
 */
import { DerivError } from '../errors.js';
import { describe } from '../validate.js';
import type { DerivWarning } from '../warnings.js';
import { renderDocument } from '../document/render.js';
import { readFields } from '../request/read-fields.js';
import { FORMATS, type Format, type Mode } from '../request/request.js';
import { answer } from './answer.js';

export interface FieldsAnswer {
  readonly mode: Mode;
  /** 0; 1 for a wrong --check claim (the command line's exit code). */
  readonly exitCode: number;
  readonly warnings: readonly DerivWarning[];
  /** What the command line says on stderr besides warnings (a kink at the point, …). */
  readonly notes: readonly string[];
  /** The answer as `--format json` prints it. */
  json(): Readonly<Record<string, unknown>>;
  /** The answer as the command line prints it in a format (default: the request's). */
  render(format?: Format): string;
  /** The answer in the request's format. */
  toString(): string;
}

export function answerFields(fields: unknown): FieldsAnswer {
  if (fields === null || typeof fields !== 'object' || Array.isArray(fields))
    throw new DerivError('BAD_OPTION', `answer: the request must be an object such as { expr: 'x^2', wrt: 'x' }, got ${describe(fields)}`);
  const { request } = readFields(fields as Readonly<Record<string, unknown>>);
  const a = answer(request);
  const doc = a.document;
  const render = (format: Format = request.format): string => {
    if (!(FORMATS as readonly unknown[]).includes(format)) throw new DerivError('BAD_OPTION', `render: the format must be one of ${FORMATS.join(', ')}, got ${describe(format)}`);
    return format === request.format ? renderDocument(doc, format) : renderDocument(answer({ ...request, format }).document, format);
  };
  return {
    mode: a.mode,
    exitCode: doc.exitCode,
    warnings: doc.warnings,
    notes: doc.notes,
    json: () => doc.json(),
    render,
    toString: () => render(),
  };
}
