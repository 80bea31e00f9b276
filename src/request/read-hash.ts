/**
 * A request's options in a URL hash — the playground's links (`#f=…&wrt=w&order=2&simplify=0`): every row
 * with a hash key, its value as text, read by the row as a flag's would be. `deriv --playground` writes the
 * same keys, so a link opens the page on the options given on the command line.
 */
import { DerivError } from '../errors.js';
import { ROWS, OPTION_BY_HASH, DEFAULT_REQUEST, type OptionRow } from './options.js';
import type { Request, RequestOptions } from './request.js';

/** An error in one hash key's value (`key`: the row's hash key). */
export class HashError extends DerivError {
  constructor(
    error: DerivError,
    readonly key: string,
  ) {
    super(error.code, error.message, {
      ...(error.position === undefined ? {} : { position: error.position }),
      ...(error.input === undefined ? {} : { input: error.input }),
      ...(error.hint === undefined ? {} : { hint: error.hint }),
    });
  }
}

/** The options of hash pairs (hash key → text); keys the table does not know are ignored (a hand-edited link still opens). */
export function readHashOptions(pairs: Iterable<readonly [string, string]>): Partial<RequestOptions> {
  const out: Record<string, unknown> = {};
  for (const [key, text] of pairs) {
    const row = OPTION_BY_HASH.get(key);
    if (row === undefined) continue;
    try {
      out[row.key] = row.read(text, `the ${key} option`);
    } catch (e) {
      throw e instanceof DerivError ? new HashError(e, key) : e;
    }
  }
  return out as Partial<RequestOptions>;
}

/** A value as hash text: lists comma-separated, true/false as 1/0. */
function hashText(value: unknown): string {
  if (Array.isArray(value)) return value.join(',');
  if (typeof value === 'boolean') return value ? '1' : '0';
  return String(value);
}

/** The hash pairs of a request's options that differ from their defaults, in table order. */
export function hashPairs(r: Partial<Omit<Request, 'input'>>, rows: readonly OptionRow[] = ROWS): [string, string][] {
  const out: [string, string][] = [];
  for (const row of rows) {
    const value = r[row.key];
    if (row.hash === undefined || value === undefined || value === DEFAULT_REQUEST[row.key]) continue;
    out.push([row.hash, hashText(value)]);
  }
  return out;
}
