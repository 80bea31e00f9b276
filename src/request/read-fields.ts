/**
 * A request from fields: one --batch JSON line, or the object the library's `answer()` takes —
 * `{ "expr": "…", "wrt": "w,b", "at": {…}, … }`, every option under its field (options.ts), plus `id`,
 * which is echoed back. A field the table does not know is refused (a misspelt "wtr" must not silently
 * differentiate by every variable); a field's value is read by its row, and an error says which field
 * (`field`) its position counts in.
 */
import { DerivError } from '../errors.js';
import { describe } from '../validate.js';
import { ROWS as OPTIONS, OPTION_BY_FIELD, DEFAULT_REQUEST } from './options.js';
import type { Request } from './request.js';

/** The fields a request may have: expr, id and the table's. */
export const REQUEST_FIELDS: readonly string[] = ['expr', ...OPTIONS.map((r) => r.field), 'id'];

/** A DerivError about one field of a request (`field`: where its position counts); undefined: the request itself. */
export class FieldError extends DerivError {
  readonly field: string | undefined;
  constructor(error: DerivError, field: string | undefined) {
    super(error.code, error.message, {
      ...(error.position === undefined ? {} : { position: error.position }),
      ...(error.input === undefined ? {} : { input: error.input }),
      ...(error.hint === undefined ? {} : { hint: error.hint }),
    });
    this.field = field;
  }
}

export interface FieldsRequest {
  readonly request: Request;
  /** Whether the request had an id, and which (any JSON value). */
  readonly hasId: boolean;
  readonly id: unknown;
  /** `at` came as an object: positions in the text made from it mean nothing to the caller. */
  readonly atFromObject: boolean;
}

export function readFields(o: Readonly<Record<string, unknown>>): FieldsRequest {
  for (const key of Object.keys(o))
    if (key !== 'expr' && key !== 'id' && !OPTION_BY_FIELD.has(key))
      throw new FieldError(new DerivError('BAD_OPTION', `unknown field "${key}"`, { hint: `the fields are ${REQUEST_FIELDS.join(', ')}` }), undefined);
  const expr = o['expr'];
  if (typeof expr !== 'string')
    throw new FieldError(new DerivError('BAD_OPTION', expr === undefined ? 'the request has no "expr"' : `"expr" must be text, got ${describe(expr)}`), undefined);
  const request: Record<string, unknown> = { ...DEFAULT_REQUEST, input: expr };
  for (const row of OPTIONS) {
    const raw = o[row.field];
    if (raw === undefined) continue;
    try {
      request[row.key] = row.read(raw, `"${row.field}"`);
    } catch (e) {
      if (!(e instanceof DerivError)) throw e;
      // A position counts in the field's own text; a value that was no text has none to point into.
      throw new FieldError(e, typeof raw === 'string' && e.input === raw ? row.field : undefined);
    }
  }
  return { request: request as unknown as Request, hasId: 'id' in o, id: o['id'], atFromObject: o['at'] !== undefined && typeof o['at'] !== 'string' };
}
