/**
 * Points: the values of variables, from CLI text (`x=10,y=50,w=4,b=0.01`) or
 * from library objects and Maps. Values are read exactly: decimals and
 * fractions as rationals (0.01 is 1/100), constant expressions such as `pi/2`
 * or `sqrt(2)` as themselves; JS numbers as the decimal they print as.
 *
 * Names are checked with checkVariableName; any accepted name, `__proto__` and
 * `constructor` included, is an ordinary key (points are Maps, never looked up
 * on plain objects). Malformed text is BAD_OPTION with a position in the text.
 */
import { DerivError } from '../errors.js';
import { describe } from '../validate.js';
import type { Expr } from '../core/expr.js';
import { checkVariableName } from '../names.js';
import { parse } from '../parse/parser.js';
import { hasDecimalLiteral } from '../parse/decimals.js';
import { freeVariables } from '../analysis.js';
import { fromNumber, q } from '../core/rational.js';
import { evaluate } from '../evaluate.js';
import { PointValue, type Point } from './exact-eval.js';

/** A value as a library caller gives it. */
export type PointInputValue = number | string | bigint | PointValue;
/** A point as a library caller gives it: `'x=1,y=2'`, `{ x: 1, y: 2 }` or a Map. */
export type PointInput = string | Point | ReadonlyMap<string, PointInputValue> | Readonly<Record<string, PointInputValue>>;

/** A constant expression's value: exact, with its double alongside. */
function constantValue(e: Expr): PointValue {
  if (e.kind === 'num') return PointValue.exact(e.value);
  return new PointValue(e, evaluate(e));
}

/** Parse one value; positions in errors are relative to `input` (offset is where `text` starts in it). */
function parseValue(text: string, input: string, offset: number): PointValue {
  if (text.trim() === '') throw new DerivError('BAD_OPTION', 'a value is missing after =', { input, position: offset });
  if (/[=;]/.test(text))
    throw new DerivError('BAD_OPTION', 'two values run together', { input, position: offset + text.search(/[=;]/), hint: 'separate values with commas: x=1,y=2' });
  let e: Expr;
  try {
    e = parse(text);
  } catch (err) {
    if (err instanceof DerivError)
      throw new DerivError('BAD_OPTION', `not a value: ${err.message}`, {
        input,
        position: offset + (err.position ?? 0),
        ...(err.hint === undefined ? {} : { hint: err.hint }),
      });
    throw err;
  }
  const free = [...freeVariables(e)];
  if (free.length > 0)
    throw new DerivError('BAD_OPTION', `a value must be a number, not depend on '${free[0]}'`, { input, position: offset + Math.max(0, text.indexOf(free[0]!)) });
  const v = constantValue(e).asDecimal(hasDecimalLiteral(text));
  if (!v.finite) throw new DerivError('BAD_OPTION', `the value ${text.trim()} is not a finite real number`, { input, position: offset });
  return v;
}

/** Split on commas outside parentheses (atan2(1, 2) is one value). */
function splitTop(text: string): { part: string; offset: number }[] {
  const out: { part: string; offset: number }[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    if (((c === ',' || c === '\uff0c') && depth === 0) || i === text.length) {
      out.push({ part: text.slice(start, i), offset: start });
      start = i + 1;
    }
  }
  return out;
}

/** `x=10, y=1/2, t=pi/4` → a point. A name given twice is an error. */
export function parsePoint(spec: string): Map<string, PointValue> {
  const out = new Map<string, PointValue>();
  if (spec.trim() === '') throw new DerivError('BAD_OPTION', 'the point is empty', { input: spec, position: 0, hint: 'give values as name=value, e.g. x=1,y=2' });
  for (const { part, offset } of splitTop(spec)) {
    const eq = part.indexOf('=');
    const lead = offset + (part.length - part.trimStart().length);
    if (eq < 0)
      throw new DerivError('BAD_OPTION', `expected name=value, got '${part.trim()}'`, { input: spec, position: lead, hint: 'give values as name=value, e.g. x=1,y=2' });
    let name: string;
    try {
      name = checkVariableName(part.slice(0, eq));
    } catch (err) {
      if (err instanceof DerivError)
        throw new DerivError(err.code, err.message, { input: spec, position: lead + (err.position ?? 0), ...(err.hint === undefined ? {} : { hint: err.hint }) });
      throw err;
    }
    if (out.has(name)) throw new DerivError('BAD_OPTION', `'${name}' is given twice`, { input: spec, position: lead });
    out.set(name, parseValue(part.slice(eq + 1), spec, offset + eq + 1));
  }
  return out;
}

/** One value as a library caller gives it (`name` says whose, in errors): exact, finite. */
export function readPointValue(name: string, v: PointInputValue): PointValue {
  if (v instanceof PointValue) return v;
  if (typeof v === 'bigint') return PointValue.exact(q(v));
  if (typeof v === 'string') return parseValue(v, v, 0);
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new DerivError('BAD_OPTION', `the value of '${name}' must be a finite number, got ${describe(v)}`);
  // A JS number that is not an integer was written as a decimal (4.05): values at the point print as decimals.
  return PointValue.exact(fromNumber(v)).asDecimal(!Number.isInteger(v));
}

/** Any accepted point form → a Map of exact values. Names are checked; own keys only for objects. */
export function toPoint(input: PointInput): Point {
  if (typeof input === 'string') return parsePoint(input);
  const entries: [string, PointInputValue][] = input instanceof Map ? [...(input as ReadonlyMap<string, PointInputValue>)] : Object.entries(input);
  const out = new Map<string, PointValue>();
  for (const [k, v] of entries) out.set(checkVariableName(k), readPointValue(k, v));
  return out;
}
