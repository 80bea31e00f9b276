/**
 * Values of expressions at a point, exact where the inputs are exact.
 *
 * Contract: `valueAt(e, point, order, within)` substitutes every exactly known value (a rational,
 * or a constant expression such as pi or sqrt(2)) into `e` through the smart constructors, which fold
 * numbers exactly (within a budget: ./substitute.ts). If that leaves a number, the value is that
 * rational (`-50`, `25/2`); otherwise what is left is evaluated in double precision
 * (`0.6224593312018546`), with the point's inexact values as the scope, and the value carries a bound
 * on its rounding error (`error`, ./rounding.ts).
 * A variable of `e` the point does not give is a BAD_VARIABLE error naming it.
 * The value answers for the function `within.input` as written (default: e itself): where it is
 * undefined — a division by an exact zero, a pole (tan at pi/2), a condition of its rows (sqrt needs
 * u ≥ 0, also where canonical form dropped the call: ./domain.ts) — the value is NaN with a `note`
 * saying why, and so is its derivative's. Other non-real results come back as a non-finite `number`;
 * a double that underflowed to 0 says so in its note.
 *
 * Kinks: heaviside(0) = 0, heaviside(0, h) = h and sign(0) = 0, so each row's derivative at its kink is
 * PyTorch's (relu'(0) = abs'(0) = 0, max/min ties ½/½; rules/functions.ts). `kinksAt` lists the calls of
 * a function that sit exactly on a kink at the point, so callers can say that this convention was used.
 */
import { INSPECT } from '../inspect.js';
import { logDomainValue } from './log-domain.js';
import { type Expr, num } from '../core/expr.js';
import { type Rational, formatQ, toNumber } from '../core/rational.js';
import { decimalText, writtenWithDecimals } from '../parse/decimals.js';
import { DerivError } from '../errors.js';
import { freeVariables } from '../analysis.js';
import { toText } from '../print/text.js';
import { toLatex } from '../print/latex.js';
import { UNIT_ROUNDOFF } from './rounding.js';
import { PointSubstitution } from './substitute.js';
import { rowFor } from '../function-table.js';
import { type Within, domainAt } from './domain.js';

export type { Within } from './domain.js';

/** Exact rationals larger than this (bits of numerator or denominator) are carried as doubles instead. */
export const MAX_EXACT_BITS = 512;

const bits = (x: bigint): number => (x < 0n ? -x : x).toString(2).length;

/** A double to 15 significant digits, in JavaScript's shortest spelling of that value. */
const decimal = (x: number): string => (Number.isFinite(x) ? String(Number(x.toPrecision(15))) : String(x));

/** Said of a double that came out 0 where the exact value is not 0. */
export const UNDERFLOW_NOTE = 'nonzero here, but too small for a double (below ±4.9e-324): it underflowed to 0';

/** One real value: exact (`expr` is a constant expression, a number when rational) or a double only. */
export class PointValue {
  /** The exact value as a constant expression (no variables), when known. */
  readonly expr: Expr | undefined;
  /** The value in double precision (NaN or ±Infinity when it is not a finite real). */
  readonly number: number;
  /** A bound on the rounding error of `number` (0 when exact): how close two values must be to count as equal. */
  readonly error: number;
  /** Why the value is not what `number` suggests, as a phrase after "f is": `undefined here: sqrt(x) needs x ≥ 0`. */
  readonly note: string | undefined;

  /**
   * Printed as a decimal when the exact value is one (911/20 as 45.55): set when the input was written with
   * decimals (a point's 4.05, an expression's 0.5), so decimals in give decimals out; JSON keeps `exact`.
   */
  readonly decimal: boolean;

  constructor(expr: Expr | undefined, number: number, error = expr?.kind === 'num' ? 0 : Math.abs(number) * UNIT_ROUNDOFF, note?: string, decimal = false) {
    this.expr = expr;
    this.number = number;
    this.error = error;
    this.note = note;
    this.decimal = decimal;
  }

  /** -4.45 for -89/20 when this value prints as a decimal and is one; undefined otherwise. */
  private decimalText(r: Rational): string | undefined {
    if (!this.decimal || r.d === 1n) return undefined;
    const magnitude = decimalText(r.n < 0n ? -r.n : r.n, r.d);
    return magnitude === undefined ? undefined : r.n < 0n ? `-${magnitude}` : magnitude;
  }

  /** The same value, printed as a decimal when it is one (see `decimal`). */
  asDecimal(decimal = true): PointValue {
    return decimal === this.decimal ? this : new PointValue(this.expr, this.number, this.error, this.note, decimal);
  }

  /** An exact rational value. Rationals too large to be useful become doubles. */
  static exact(r: Rational): PointValue {
    if (bits(r.n) > MAX_EXACT_BITS || bits(r.d) > MAX_EXACT_BITS) {
      const x = toNumber(r);
      return new PointValue(undefined, x, undefined, x === 0 && r.n !== 0n ? UNDERFLOW_NOTE : undefined);
    }
    return new PointValue(num(r), toNumber(r));
  }
  /** A double (exact rationals of the same value are not looked for), with a bound on its rounding error. */
  static approximate(x: number, error?: number): PointValue {
    return new PointValue(undefined, x, error);
  }
  /** No real value here, and why (`undefined here: 1/x divides by zero`). */
  static undefinedBecause(why: string): PointValue {
    return new PointValue(undefined, NaN, Infinity, `undefined here: ${why}`);
  }

  /** The exact rational value, when the value is rational and known exactly. */
  get exact(): Rational | undefined {
    return this.expr?.kind === 'num' ? this.expr.value : undefined;
  }
  get finite(): boolean {
    return Number.isFinite(this.number);
  }
  /** A double 0 whose exact value is not 0 (too small for a double): no comparison can judge it. */
  get underflowed(): boolean {
    return this.note === UNDERFLOW_NOTE;
  }
  /**
   * `-50`, `25/2` when exact and rational, else a decimal of 15 significant digits: the last
   * digits of a double carry rounding noise (sin(pi/6) is 0.49999999999999994, shown as 0.5).
   */
  toString(): string {
    const r = this.exact;
    if (r === undefined) return decimal(this.number);
    return this.decimalText(r) ?? formatQ(r);
  }
  /** LaTeX: `\frac{25}{2}`, `-50`, or a decimal. */
  toTex(): string {
    const r = this.exact;
    if (r !== undefined) return this.decimalText(r) ?? toLatex(num(r));
    if (Number.isNaN(this.number)) return '\\text{undefined}';
    if (!Number.isFinite(this.number)) return this.number > 0 ? '\\infty' : '-\\infty';
    return decimal(this.number).replace(/e([+-]?\d+)$/, (_, k: string) => ` \\times 10^{${Number(k)}}`);
  }
  /** console.log(v): `PointValue 25/2 (12.5)`, `PointValue -50`, `PointValue 0.2350037122015945`. */
  [INSPECT](): string {
    const r = this.exact;
    const decimal = r !== undefined && r.d !== 1n ? ` (${this.number})` : '';
    return `PointValue ${this.toString()}${decimal}`;
  }
  /** The decimal value; exact values also carry their exact text (`"25/2"`). */
  toJSON(): { value: number | null; exact?: string } {
    const r = this.exact;
    const value = Number.isFinite(this.number) ? this.number : null;
    return r === undefined ? { value } : { value, exact: formatQ(r) };
  }
}

/** Values of variables. Keys are variable names; a Map, so any name (`__proto__` too) is just a key. */
export type Point = ReadonlyMap<string, PointValue>;

/** A point as text for messages: `x=10, y=50`. */
export function pointText(point: Point): string {
  return [...point].map(([k, v]) => `${k}=${v.expr !== undefined && v.expr.kind !== 'num' ? toText(v.expr) : v.toString()}`).join(', ');
}

/** Throws BAD_VARIABLE for the first variable of `e` (in `order` when given) that `point` lacks. */
export function requireVariables(e: Expr, point: Point, order: readonly string[] = []): void {
  const free = freeVariables(e);
  const ordered = [...order.filter((v) => free.has(v)), ...[...free].sort()];
  for (const v of ordered) {
    if (!point.has(v))
      throw new DerivError('BAD_VARIABLE', `no value given for the variable '${v}'`, { hint: `add it to the point, e.g. ${v}=1` });
  }
}

/** The value of e at the point (see the file comment for the contract). */
export function valueAt(e: Expr, point: Point, order: readonly string[] = [], within: Within = { input: e }): PointValue {
  requireVariables(e, point, order);
  const sub = new PointSubstitution(point);
  const domain = domainAt(e, within, sub, order);
  if (domain.undefined !== undefined) return PointValue.undefinedBecause(domain.undefined);
  const s = sub.of(e);
  let v: PointValue;
  if (s.kind === 'num') v = PointValue.exact(s.value);
  else {
    const b = sub.bounded(s);
    // Overflowed on the way (log(exp(x) + exp(y)) at x = 1000): again with magnitudes as logarithms.
    const again = Number.isFinite(b.value) ? undefined : logDomainValue(s, (name) => sub.scope.get(name));
    v = again !== undefined && Number.isFinite(again.value)
      ? new PointValue(undefined, again.value, Math.abs(again.value) * again.relativeError)
      : new PointValue(undefined, b.value, b.error, b.underflow ? UNDERFLOW_NOTE : undefined);
  }
  // ±∞ in the function (log(0)): only an infinite value of the function itself is an answer.
  const infiniteHere = e === within.input && !v.finite && !Number.isNaN(v.number);
  if (domain.infinite !== undefined && !infiniteHere) return PointValue.undefinedBecause(domain.infinite);
  return writtenWithDecimals(order) || someDecimal(point) ? v.asDecimal() : v;
}

/** A learning rate written as a decimal (0.01) makes the parameters' values decimals from step 0 on, as they are after it. */
export function decimalsFor(point: Point, params: readonly string[], decimal: boolean): Point {
  if (!decimal) return point;
  return new Map([...point].map(([k, v]) => [k, params.includes(k) ? v.asDecimal() : v]));
}

/** Whether a value of the point was written as a decimal (w=4.05): then values at it print as decimals. */
export function someDecimal(point: Point): boolean {
  for (const v of point.values()) if (v.decimal) return true;
  return false;
}

/** A call sitting on its kink at a point: abs/relu/sign/heaviside of 0, max/min of equal arguments, clamp at a bound, hardtanh at ±1 … */
export interface Kink {
  /** The call, as in the expression. */
  readonly call: Expr;
  readonly fn: string;
}

/** Every call in e that is exactly on its kink at the point (variables of e must all be given). */
export function kinksAt(e: Expr, point: Point): Kink[] {
  requireVariables(e, point);
  const sub = new PointSubstitution(point);
  sub.of(e);
  const isZeroAt = (s: Expr): boolean => (s.kind === 'num' ? s.value.n === 0n : sub.bounded(s).value === 0);
  const valueOf = (s: Expr): number => (s.kind === 'num' ? toNumber(s.value) : sub.bounded(s).value);
  const out: Kink[] = [];
  for (const node of sub.memo.keys()) {
    if (node.kind !== 'call') continue;
    const args = node.args.map((a) => sub.memo.get(a)!);
    const kink = rowFor(node.fn, args.length)?.kink; // the row says where its kink is
    if (kink === undefined) continue;
    const first = args[0]!;
    const equal = (a: Expr, b: Expr): boolean => a === b || valueOf(a) === valueOf(b);
    const on =
      kink === 'zero' ? isZeroAt(first)
      : kink === 'tie' ? equal(first, args[1]!)
      : kink === 'bounds' ? equal(first, args[1]!) || equal(first, args[2]!)
      : kink.includes(valueOf(first));
    if (on) out.push({ call: node, fn: node.fn });
  }
  return out;
}

/** One line saying which convention a kink's derivative follows. */
export function kinkNote(kinks: readonly Kink[], order: readonly string[] = []): string | undefined {
  if (kinks.length === 0) return undefined;
  const calls = kinks.map((k) => toText(k.call, { order })).join(', ');
  const verb = kinks.length === 1 ? 'is' : 'are';
  return `${calls} ${verb} at a kink here; derivatives there take PyTorch's values (relu'(0) = abs'(0) = 0, a tie of max or min splits ½/½)`;
}
