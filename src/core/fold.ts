/**
 * Exact simplifications made while a call node is built, read from the rule table's rows (rules/functions.ts is
 * data; nothing here knows a particular function): exact values at numbers (sin(0) = 0, sqrt(9/4) = 3/2),
 * ln(e) = 1 and exp(1) = e, and parity (sin(−u) = −sin(u), cos(−u) = cos(u)). Identities between functions
 * are not here: they are the simplifier's rows (rules/identities.ts).
 */
import { FUNCTION_ROWS, type FunctionRow } from '../../rules/functions.js';
import { type Expr, num, constant, isOneExpr } from './node.js';
import { fromNumber, isNegative, toNumber, powQ, q } from './rational.js';

/** Rows by name and argument count (`sin/1`). */
const byKey = new Map<string, FunctionRow>();
for (const row of FUNCTION_ROWS) if (row.name !== 'pow') byKey.set(`${row.name}/${row.params.length}`, row);

/**
 * What building fn(args) folds to: an exact value (`sin(0)` → 0), or a parity rule to apply
 * (`sin(−u)` → −sin(u): the constructor in ./collect.ts rebuilds it from the negated argument);
 * undefined when the call node stays as it is. Data, not nodes, so this module needs only atoms.
 */
export type Folded = { readonly value: Expr } | { readonly parity: 'odd' | 'even' };

export function foldCall(fn: string, args: readonly Expr[]): Folded | undefined {
  const row = byKey.get(`${fn}/${args.length}`);
  return row === undefined ? undefined : foldRow(row, args);
}

function foldRow(row: FunctionRow, args: readonly Expr[]): Folded | undefined {
  const arg = args[0]!;
  if (args.length === 1) {
    // ln(e) = 1, and exp(1) is e, so e has one form (e^1 is already e).
    if (row.exactAtE?.e !== undefined && arg.kind === 'const' && arg.name === 'e') return { value: num(row.exactAtE.e) };
    if (row.exactAtE?.one === 'e' && isOneExpr(arg)) return { value: constant('e') };
    if (row.root !== undefined && arg.kind === 'num') {
      const r = powQ(arg.value, q(1n, BigInt(row.root)));
      if (r !== undefined) return { value: num(r) };
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

