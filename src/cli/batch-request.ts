/**
 * `deriv --batch`: one input line → one request. A line is a JSON object
 * { "expr", "wrt"?, "at"?, "format"?, "order"?, "mixed"?, "simplify"?, "steps"?, "name"?, "id"? }.
 * Anything else — not JSON, not an object, a field of the wrong type, a field deriv does not know — is a
 * RequestError: a BAD_OPTION DerivError that says which field (`field`) its position counts in; without
 * a field, the position counts in the line itself (where the JSON stopped making sense).
 */
import { DerivError } from '../errors.js';
import type { Detail } from '../steps/record.js';

/** How each derivative is spelled in the result: text, LaTeX, or both (the object `--format json` prints). */
export type BatchFormat = 'text' | 'latex' | 'json';

export interface BatchRequest {
  readonly expr: string;
  /** Names to differentiate by; undefined: every variable of expr, in order of appearance. */
  readonly wrt: readonly string[] | undefined;
  /** The point as `--at` text (`x=1,y=2`); undefined: no values. */
  readonly at: string | undefined;
  /** True when `at` came as an object: positions in its built text mean nothing to the caller. */
  readonly atFromObject: boolean;
  readonly format: BatchFormat;
  readonly order: number;
  readonly mixed: boolean;
  readonly simplify: boolean;
  readonly steps: Detail | undefined;
  readonly name: string;
}

/** The fields a request may have; a line with another one is refused (a typo such as "wtr" must not pass silently). */
export const REQUEST_FIELDS = ['expr', 'wrt', 'at', 'format', 'order', 'mixed', 'simplify', 'steps', 'name', 'id'] as const;
const KNOWN = new Set<string>(REQUEST_FIELDS);
const FORMATS: readonly string[] = ['text', 'latex', 'json'];

export class RequestError extends DerivError {
  /** The request field the position counts in (`expr`, `wrt`, `at`); undefined: the line. */
  readonly field: string | undefined;
  constructor(error: DerivError, field: string | undefined) {
    super(error.code, error.message, { ...(error.position === undefined ? {} : { position: error.position }), ...(error.input === undefined ? {} : { input: error.input }), ...(error.hint === undefined ? {} : { hint: error.hint }) });
    this.field = field;
  }
}

const bad = (message: string, hint?: string): RequestError => new RequestError(new DerivError('BAD_OPTION', message, hint === undefined ? {} : { hint }), undefined);

/** Where JSON.parse gave up, when V8's message says ("… at position 12"; the end for "Unexpected end of JSON input"). */
function jsonErrorPosition(line: string, message: string): { position?: number } {
  const m = /position (\d+)/.exec(message);
  if (m !== null) return { position: Number(m[1]) };
  return /end of JSON input/.test(message) ? { position: line.length } : {};
}

const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);

function wrtOf(v: unknown): string[] | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string') {
    // As --wrt: names separated by commas (a fullwidth or ideographic comma too).
    const names = v.split(/[,\uff0c\u3001]/).map((s) => s.trim());
    if (names.some((n) => n === ''))
      throw new RequestError(new DerivError('BAD_VARIABLE', '"wrt" has an empty name', { input: v, position: Math.max(0, v.indexOf(',,') + 1), hint: 'list names separated by commas ("w,b") or as an array (["w", "b"])' }), 'wrt');
    return names;
  }
  if (Array.isArray(v) && v.length > 0 && v.every((n) => typeof n === 'string' && n.trim() !== '')) return (v as string[]).map((n) => n.trim());
  throw bad(`"wrt" must be a string ("w,b") or a non-empty array of names, got ${kind(v)}`);
}

function atOf(v: unknown): { at: string | undefined; fromObject: boolean } {
  if (v === undefined) return { at: undefined, fromObject: false };
  if (typeof v === 'string') return { at: v, fromObject: false };
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const parts = Object.entries(v as Record<string, unknown>).map(([k, x]) => {
      if ((typeof x !== 'number' || !Number.isFinite(x)) && typeof x !== 'string')
        throw bad(`"at": the value of '${k}' must be a number or a string such as "1/3", got ${kind(x)}`);
      if (/[=,;]/.test(k)) throw bad(`"at": '${k}' is not a variable name`);
      return `${k}=${String(x)}`;
    });
    if (parts.length === 0) throw bad('"at" has no values', 'e.g. "at": {"x": 1, "w": 2}');
    return { at: parts.join(','), fromObject: true };
  }
  throw bad(`"at" must be an object ({"x": 1}) or text ("x=1"), got ${kind(v)}`);
}

function orderOf(v: unknown): number {
  if (v === undefined) return 1;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1) return v;
  throw bad(`"order" must be a whole number ≥ 1, got ${typeof v === 'number' ? String(v) : kind(v)}`);
}

function flag(o: Record<string, unknown>, key: 'mixed' | 'simplify', fallback: boolean): boolean {
  const v = o[key];
  if (v === undefined) return fallback;
  if (typeof v === 'boolean') return v;
  throw bad(`"${key}" must be true or false, got ${kind(v)}`);
}

function stepsOf(v: unknown): Detail | undefined {
  if (v === undefined || v === false) return undefined;
  if (v === true || v === 'brief') return 'brief';
  if (v === 'full') return 'full';
  throw bad(`"steps" must be "brief", "full", true or false, got ${typeof v === 'string' ? `"${v}"` : kind(v)}`);
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
    throw new RequestError(new DerivError('TOO_LARGE', `the line nests JSON deeper than ${MAX_JSON_DEPTH} levels`, { input: line, position: deep, hint: `a request is an object of plain fields; an "id" may be any JSON value nested at most ${MAX_JSON_DEPTH - 1} deep` }), undefined);
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new RequestError(new DerivError('BAD_OPTION', `the line is not JSON (${message})`, { input: line, ...jsonErrorPosition(line, message), hint: 'one request per line, e.g. {"expr": "x*w^2", "wrt": "w"}' }), undefined);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw bad(`a request is a JSON object, got ${kind(value)}`, 'e.g. {"expr": "x*w^2", "wrt": "w"}');
  return value as Record<string, unknown>;
}

/** Checks the fields of a parsed line. Throws RequestError naming the first wrong or unknown field. */
export function readRequest(o: Record<string, unknown>): BatchRequest {
  for (const key of Object.keys(o)) if (!KNOWN.has(key)) throw bad(`unknown field "${key}"`, `the fields are ${REQUEST_FIELDS.join(', ')}`);
  if (typeof o['expr'] !== 'string') throw bad(o['expr'] === undefined ? 'the request has no "expr"' : `"expr" must be text, got ${kind(o['expr'])}`);
  const format = o['format'] ?? 'text';
  if (typeof format !== 'string' || !FORMATS.includes(format)) throw bad(`"format" must be one of ${FORMATS.join(', ')}, got ${typeof format === 'string' ? `"${format}"` : kind(format)}`);
  const name = o['name'] ?? 'f';
  if (typeof name !== 'string' || name.trim() === '') throw bad(`"name" must be non-empty text, got ${kind(name)}`);
  const { at, fromObject } = atOf(o['at']);
  return {
    expr: o['expr'],
    wrt: wrtOf(o['wrt']),
    at,
    atFromObject: fromObject,
    format: format as BatchFormat,
    order: orderOf(o['order']),
    mixed: flag(o, 'mixed', false),
    simplify: flag(o, 'simplify', true),
    steps: stepsOf(o['steps']),
    name,
  };
}
