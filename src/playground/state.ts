/**
 * The playground's state and its spelling in the URL hash, so a link restores a worked example:
 *
 *   playground.html#f=x*w^2%2Bb^2&wrt=w&at=x=1,w=2,b=3
 *
 * Keys: f (the input), wrt (comma-separated; absent = every variable, the gradient), at (the point in
 * the CLI's --at syntax), the request's other options by their hash keys in the option table
 * (src/request/options.ts: steps, shape, order, simplify, …, the CLI's flags as text), and the page's own:
 * plot (the plotted variable), from/to (the plotted range). Values are percent-decoded as they stand: a `+`
 * stays a plus (it is not a space as in form encoding), and only the first `=` of a pair separates key and
 * value, so `at=x=1` reads. Unknown keys and malformed escapes are ignored, never an error: a hand-edited
 * link still opens. An option's value is read when the page computes (a bad one is an error shown there).
 */
import { OPTION_BY_HASH, ROWS } from '../request/options.js';

export interface PlaygroundState {
  readonly f: string;
  /** The chosen variables; undefined means all of them (the gradient). */
  readonly wrt: readonly string[] | undefined;
  /** name → value text, as typed in the fields (exact syntax: 1/2, pi/4, …). */
  readonly at: ReadonlyMap<string, string>;
  /** The request's other options: hash key → text as typed (steps → brief, shape → X=n×d,w=d, simplify → 0). */
  readonly options: ReadonlyMap<string, string>;
  /** The plotted variable; undefined: the first chosen one. */
  readonly plot: string | undefined;
  readonly from: string;
  readonly to: string;
}

/** Keys the page keeps apart from the options: the input, the toggles, the point fields, the plot's. */
const OWN_KEYS = new Set(['f', 'wrt', 'at', 'plot', 'from', 'to']);

export const INITIAL: PlaygroundState = { f: 'x*w^2+b^2', wrt: undefined, at: new Map(), options: new Map(), plot: undefined, from: '', to: '' };

/** Characters written escaped in a hash value; everything else stays readable (`*`, `^`, `(`, `,`, `/`, `=`). */
const ESCAPE = /[%&#+\s"<>`\\{}|\u0000-\u001f\u007f-\uffff]/gu;
const escapeValue = (s: string): string => s.replace(ESCAPE, (c) => encodeURIComponent(c));

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Commas at the top level only: `X=[[1,2],[3,4]],b=1` is two entries. */
export function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth = Math.max(0, depth - 1);
    else if ((c === ',' && depth === 0) || i === text.length) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  return out;
}

/** `x=1,w=2` → Map; entries without a name are dropped. */
export function parseAt(text: string): Map<string, string> {
  const at = new Map<string, string>();
  for (const part of splitTopLevel(text)) {
    const eq = part.indexOf('=');
    const name = eq < 0 ? '' : part.slice(0, eq).trim();
    if (name !== '') at.set(name, part.slice(eq + 1).trim());
  }
  return at;
}

/** The point in --at syntax, only the variables with a value, in the given order. */
export function formatAt(at: ReadonlyMap<string, string>, order: readonly string[] = [...at.keys()]): string {
  return order.filter((n) => (at.get(n) ?? '').trim() !== '').map((n) => `${n}=${at.get(n)!.trim()}`).join(',');
}

export function parseHash(hash: string): PlaygroundState {
  const pairs = new Map<string, string>();
  for (const pair of hash.replace(/^#/, '').split('&')) {
    const eq = pair.indexOf('=');
    if (eq > 0) pairs.set(pair.slice(0, eq), decode(pair.slice(eq + 1)));
  }
  const wrt = pairs.get('wrt');
  // The options in table order, whatever order the link has them in.
  const options = new Map<string, string>();
  for (const row of ROWS) if (row.hash !== undefined && !OWN_KEYS.has(row.hash) && pairs.has(row.hash)) options.set(row.hash, pairs.get(row.hash)!);
  return {
    f: pairs.get('f') ?? INITIAL.f,
    wrt: wrt === undefined ? undefined : wrt.split(',').map((s) => s.trim()).filter((s) => s !== ''),
    at: parseAt(pairs.get('at') ?? ''),
    options,
    plot: pairs.get('plot') || undefined,
    from: pairs.get('from') ?? '',
    to: pairs.get('to') ?? '',
  };
}

/** The state with one option set (text) or removed (undefined, or empty text). */
export function withOption(s: PlaygroundState, key: string, text: string | undefined): PlaygroundState {
  const options = new Map<string, string>();
  // Kept in table order, so the link reads the same however the options were set.
  for (const row of ROWS) {
    const k = row.hash;
    if (k === undefined) continue;
    const value = k === key ? text : s.options.get(k);
    if (value !== undefined && value.trim() !== '') options.set(k, value);
  }
  return { ...s, options };
}

/** The hash for a state: only what differs from a fresh page, f always first. */
export function formatHash(s: PlaygroundState, order?: readonly string[]): string {
  const parts = [`f=${escapeValue(s.f)}`];
  if (s.wrt !== undefined) parts.push(`wrt=${escapeValue(s.wrt.join(','))}`);
  const at = formatAt(s.at, order?.filter((n) => s.at.has(n)) ?? [...s.at.keys()]);
  if (at !== '') parts.push(`at=${escapeValue(at)}`);
  for (const [key, text] of s.options) if (OPTION_BY_HASH.has(key) && !OWN_KEYS.has(key) && text.trim() !== '') parts.push(`${key}=${escapeValue(text)}`);
  if (s.plot !== undefined) parts.push(`plot=${escapeValue(s.plot)}`);
  if (s.from.trim() !== '') parts.push(`from=${escapeValue(s.from)}`);
  if (s.to.trim() !== '') parts.push(`to=${escapeValue(s.to)}`);
  return `#${parts.join('&')}`;
}
