/**
 * Exact simplifications made while a call node is built, read from the rule table's rows (rules/functions.ts is
 * data; nothing here knows a particular function): exact values at numbers (sin(0) = 0, sqrt(9/4) = 3/2),
 * zeros and poles at exact arguments (sin(3*pi) = 0; tan(pi/2) is a division by zero, UNDEFINED as 1/0 is),
 * ln(e) = 1 and exp(1) = e, and parity (sin(−u) = −sin(u), cos(−u) = cos(u)). Identities between functions
 * are not here: they are the simplifier's rows (rules/identities.ts).
 */
import type { FunctionRow, ExactPoints } from '../../rules/functions.js';
import { rowFor } from '../function-table.js';
import { type Expr, num, constant, isOneExpr, ZERO_EXPR } from './node.js';
import { type Rational, eqQ, fromNumber, isNegative, isInteger, isZero, negQ, subQ, divQ, toNumber, powQ, q } from './rational.js';
import { DerivError } from '../errors.js';

/**
 * What building fn(args) folds to: an exact value (`sin(0)` → 0), or a parity rule to apply
 * (`sin(−u)` → −sin(u): the constructor in ./collect.ts rebuilds it from the negated argument);
 * undefined when the call node stays as it is. Data, not nodes, so this module needs only atoms.
 */
export type Folded = { readonly value: Expr } | { readonly parity: 'odd' | 'even' };

export function foldCall(fn: string, args: readonly Expr[]): Folded | undefined {
  // The table's one index (src/function-table.ts); the pow row has no exact values, parity or zeros.
  const row = rowFor(fn, args.length);
  return row === undefined ? undefined : foldRow(row, args);
}

/** An exact argument as a rational multiple of π (`pi`) or a rational; 0 is both. */
function exactArgument(arg: Expr): { readonly r: Rational; readonly pi: boolean } | undefined {
  if (arg.kind === 'num') return { r: arg.value, pi: isZero(arg.value) };
  if (arg.kind === 'const' && arg.name === 'pi') return { r: q(1n), pi: true };
  if (arg.kind === 'mul' && arg.factors.length === 2) {
    const [c, p] = arg.factors as [Expr, Expr];
    if (c.kind === 'num' && p.kind === 'const' && p.name === 'pi') return { r: c.value, pi: true };
  }
  return undefined;
}

/** Whether the exact argument is one of the points (ExactPoints in rules/functions.ts). */
function among(points: readonly ExactPoints[], a: { readonly r: Rational; readonly pi: boolean }): boolean {
  return points.some((p) => {
    if ('at' in p) return (!a.pi || isZero(a.r)) && eqQ(a.r, q(p.at));
    if (!a.pi) return false;
    const offset = subQ(a.r, q(p.pi[0], p.pi[1]));
    return p.every === undefined ? isZero(offset) : isInteger(divQ(offset, q(p.every)));
  });
}

function foldRow(row: FunctionRow, args: readonly Expr[]): Folded | undefined {
  const arg = args[0]!;
  if (args.length === 1) {
    // Zeros and poles at exact arguments: sin(k·pi) = 0 exactly (not 1.2e-16), and 1/sin(pi) divides by zero.
    if (row.zeros !== undefined || row.poles !== undefined) {
      const a = exactArgument(arg);
      if (a !== undefined && row.poles !== undefined && among(row.poles, a))
        throw new DerivError('UNDEFINED', `${row.name} has a pole at this argument (a division by zero)`, { hint: 'its value there is undefined' });
      if (a !== undefined && row.zeros !== undefined && among(row.zeros, a)) return { value: ZERO_EXPR };
    }
    // ln(e) = 1, and exp(1) is e, so e has one form (e^1 is already e).
    if (row.exactAtE?.e !== undefined && arg.kind === 'const' && arg.name === 'e') return { value: num(row.exactAtE.e) };
    if (row.exactAtE?.one === 'e' && isOneExpr(arg)) return { value: constant('e') };
    if (row.root !== undefined && arg.kind === 'num') {
      // An odd root of a negative number is the negated root of its absolute value (cbrt(-8) = -2); powQ takes
      // no roots of negative numbers (the pow row: a negative base with a non-integer exponent has no real value).
      const negative = isNegative(arg.value);
      if (!negative || row.root % 2 === 1) {
        const r = powQ(negative ? negQ(arg.value) : arg.value, q(1n, BigInt(row.root)));
        if (r !== undefined) return { value: num(negative ? negQ(r) : r) };
      }
    }
    // Parity: sin(−u) = −sin(u), cos(−u) = cos(u).
    // A product with a negative number first (canonical order puts its coefficient there) has a negative sign.
    if (row.parity !== undefined && arg.kind === 'mul' && arg.factors[0]!.kind === 'num' && isNegative(arg.factors[0]!.value)) return { parity: row.parity };
  }
  if (row.exact !== undefined && args.every((a) => a.kind === 'num')) {
    const values = args.map((a) => toNumber((a as { value: Parameters<typeof toNumber>[0] }).value));
    const r = row.exact(...values);
    if (r === undefined || !Number.isFinite(r)) return undefined;
    // Only results that are certainly exact: one of the arguments, or a small integer or half.
    const same = values.indexOf(r);
    if (same >= 0) return { value: args[same]! };
    if (Number.isInteger(r) || r === 0.5) return { value: num(fromNumber(r)) };
  }
  return undefined;
}

