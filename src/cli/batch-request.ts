/**
 * `deriv --batch`: one input line as a JSON object, before its fields are read (src/request/read-fields.ts, from
 * the option table). Anything that is no JSON object — not JSON, an array, nested too deep — is a FieldError
 * without a field: its position counts in the line itself (where the JSON stopped making sense).
 */
import { DerivError } from '../errors.js';
import { describe } from '../validate.js';
import { FieldError } from '../request/read-fields.js';

const bad = (message: string, hint?: string): FieldError => new FieldError(new DerivError('BAD_OPTION', message, hint === undefined ? {} : { hint }), undefined);

/** Where JSON.parse gave up, when V8's message says ("… at position 12"; the end for "Unexpected end of JSON input"). */
function jsonErrorPosition(line: string, message: string): { position?: number } {
  const m = /position (\d+)/.exec(message);
  if (m !== null) return { position: Number(m[1]) };
  return /end of JSON input/.test(message) ? { position: line.length } : {};
}

/**
 * How deep a request's JSON may nest (an object in an array in … counts one level each): the request itself needs
 * 2 ("wrt" and "at" inside the object), an `id` may use the rest. serde_json's default limit is the same. The
 * answer echoes the id, and JSON.stringify recurses on the native stack (it overflowed at ~3,000 levels here):
 * past this depth a line is refused before it is parsed, in time linear in its length.
 */
export const MAX_JSON_DEPTH = 128;

/** The position of the first `[` or `{` of `line` nested deeper than `max` (outside strings), or -1. */
export function tooDeep(line: string, max: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return -1;
}

/** Reads one line as a JSON object. Throws RequestError; never anything else for any string. */
export function parseLine(line: string): Record<string, unknown> {
  // A line shorter than the limit cannot nest deeper than it (each level takes a character).
  const deep = line.length > MAX_JSON_DEPTH ? tooDeep(line, MAX_JSON_DEPTH) : -1;
  if (deep >= 0)
    throw new FieldError(new DerivError('TOO_LARGE', `the line nests JSON deeper than ${MAX_JSON_DEPTH} levels`, { input: line, position: deep, hint: `a request is an object of plain fields; an "id" may be any JSON value nested at most ${MAX_JSON_DEPTH - 1} deep` }), undefined);
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new FieldError(new DerivError('BAD_OPTION', `the line is not JSON (${message})`, { input: line, ...jsonErrorPosition(line, message), hint: 'one request per line, e.g. {"expr": "x*w^2", "wrt": "w"}' }), undefined);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw bad(`a request is a JSON object, got ${describe(value)}`, 'e.g. {"expr": "x*w^2", "wrt": "w"}');
  return value as Record<string, unknown>;
}
