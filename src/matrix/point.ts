/**
 * Matrix points: the values of a matrix-form function's variables, in any of the forms a caller has them —
 *   the --at text        'X=[[1,2],[3,4]],w=[1,2],b=1'       (read by parseMatrixValues, as the CLI reads it)
 *   an object            { X: [[1, 2], [3, 4]], w: [1, 2], b: 1 }
 *   a Map                parseMatrixValues's result, or name → a value as in an object
 * A value is one entry (a scalar), a list of entries (a column vector: [1, 2] is the --at text's [1,2]) or a
 * list of rows (a matrix; [[1, 2]] is a 1×2 row). An entry is read exactly as a scalar point's value is
 * (src/numeric/point.ts: a JS number as the decimal it prints as, text such as '1/3' or 'pi/4', a bigint, a
 * PointValue) or is an expression (the entries parseMatrixValues makes). Anything else — a hole, ragged rows,
 * an empty list, a non-finite entry — is BAD_OPTION naming the entry; more than MAX_SIDE rows or columns is
 * TOO_LARGE. Names are checked; objects are read by their own keys only.
 */
import { DerivError } from '../errors.js';
import { type Expr, num } from '../core/expr.js';
import { fromNumber } from '../core/rational.js';
import { describe, isExpr, name as nameKind } from '../validate.js';
import { PointValue } from '../numeric/exact-eval.js';
import { readPointValue, type PointInputValue } from '../numeric/point.js';
import { parseMatrixValues } from './values.js';
import type { MatrixValue } from './evaluate.js';
import { hasDecimalLiteral } from '../parse/decimals.js';

/** One entry as a caller gives it. */
export type MatrixEntryInput = PointInputValue | Expr;
/** One variable's value: an entry, a column vector, or rows. */
export type MatrixValueInput = MatrixEntryInput | readonly MatrixEntryInput[] | readonly (readonly MatrixEntryInput[])[];
/** A point in matrix form: the --at text, an object or a Map. */
export type MatrixPointInput = string | ReadonlyMap<string, MatrixValueInput> | Readonly<Record<string, MatrixValueInput>>;

/** Most rows, and most columns, a value may have. */
const MAX_SIDE = 1_000_000;

/**
 * Whether a point was written with decimals (`w=[0.5, 1]`, `{ b: 0.5 }`, `'0.1'`): then its values print as
 * decimals, as the CLI's --at does. Looks at strings and non-integer numbers only; bounded by the point's size.
 */
export function matrixPointHasDecimals(input: MatrixPointInput): boolean {
  if (typeof input === 'string') return hasDecimalLiteral(input);
  const pending: unknown[] = input instanceof Map ? [...(input as ReadonlyMap<unknown, unknown>).values()] : Object.values(input);
  while (pending.length > 0) {
    const v = pending.pop();
    if (typeof v === 'number' && !Number.isInteger(v)) return true;
    if (typeof v === 'string' && hasDecimalLiteral(v)) return true;
    if (Array.isArray(v)) pending.push(...(v as unknown[]));
  }
  return false;
}

/** Any accepted form → name → matrix of exact entries (what evaluateMatrix takes). */
export function toMatrixPoint(input: MatrixPointInput): Map<string, MatrixValue> {
  if (typeof input === 'string') return parseMatrixValues(input);
  const entries: [unknown, unknown][] = input instanceof Map ? [...(input as ReadonlyMap<unknown, unknown>)] : Object.entries(input);
  const out = new Map<string, MatrixValue>();
  for (const [k, v] of entries) {
    const name = nameKind(k, 'a name of the point');
    out.set(name, readValue(name, v));
  }
  return out;
}

function readValue(name: string, v: unknown): MatrixValue {
  if (!Array.isArray(v)) return [[readEntry(name, v)]];
  const items = listItems(name, v);
  if (!items.some(Array.isArray)) return items.map((e, i) => [readEntry(`${name}[${i}]`, e)]);
  const rows = items.map((row, i) => {
    if (!Array.isArray(row)) throw new DerivError('BAD_OPTION', `${name}[${i}] must be a row (a list of numbers) like the other rows, got ${describe(row)}`);
    return listItems(`${name}[${i}]`, row).map((e, j) => readEntry(`${name}[${i}][${j}]`, e));
  });
  if (rows.some((r) => r.length !== rows[0]!.length)) throw new DerivError('BAD_OPTION', `the rows of ${name} have different lengths`);
  return rows;
}

/** The items of a list: not empty, no holes, bounded. */
function listItems(what: string, list: readonly unknown[]): unknown[] {
  if (list.length === 0) throw new DerivError('BAD_OPTION', `${what} is an empty list; a value needs at least one entry`);
  if (list.length > MAX_SIDE) throw new DerivError('TOO_LARGE', `${what} has ${list.length} items; at most ${MAX_SIDE}`);
  const out: unknown[] = [];
  for (let i = 0; i < list.length; i++) {
    if (!(i in list)) throw new DerivError('BAD_OPTION', `${what}[${i}] is missing (a hole in the list)`);
    out.push(list[i]);
  }
  return out;
}

function readEntry(what: string, e: unknown): Expr {
  if (isExpr(e)) return e;
  if (!(typeof e === 'number' || typeof e === 'bigint' || typeof e === 'string' || e instanceof PointValue))
    throw new DerivError('BAD_OPTION', `the value of '${what}' must be a number (or a list of numbers, or of rows), got ${describe(e)}`);
  const v = readPointValue(what, e);
  if (!v.finite) throw new DerivError('BAD_OPTION', `the value of '${what}' must be a finite number, got ${v.toString()}`);
  return v.expr ?? num(fromNumber(v.number));
}
