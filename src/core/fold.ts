/**
 * Exact simplifications made while a call node is built, read from the rule table's rows (rules/functions.ts is
 * data; nothing here knows a particular function): exact values at numbers (sin(0) = 0, sqrt(9/4) = 3/2),
 * ln(e) = 1 and exp(1) = e, and parity (sin(−u) = −sin(u), cos(−u) = cos(u)). Identities between functions
 * are not here: they are the simplifier's rows (rules/identities.ts).
 */
import { FUNCTION_ROWS, type FunctionRow } from '../../rules/functions.js';
import { type Expr, num, neg, call, constant, isOneExpr, mul, splitCoefficient } from './expr.js';
import { fromNumber, isNegative, negQ, toNumber, powQ, q } from './rational.js';

/** Rows by name and argument count (`sin/1`). */
const byKey = new Map<string, FunctionRow>();
for (const row of FUNCTION_ROWS) if (row.name !== 'pow') byKey.set(`${row.name}/${row.params.length}`, row);

/** The folded form of fn(args), or undefined when the call node stays as it is. */
export function foldCall(fn: string, args: readonly Expr[]): Expr | undefined {
  const row = byKey.get(`${fn}/${args.length}`);
  return row === undefined ? undefined : foldRow(row, args);
}

function foldRow(row: FunctionRow, args: readonly Expr[]): Expr | undefined {
  const arg = args[0]!;
  if (args.length === 1) {
    // ln(e) = 1, and exp(1) is e, so e has one form (e^1 is already e).
    if (row.exactAtE?.e !== undefined && arg.kind === 'const' && arg.name === 'e') return num(row.exactAtE.e);
    if (row.exactAtE?.one === 'e' && isOneExpr(arg)) return constant('e');
    if (row.root !== undefined && arg.kind === 'num') {
      const r = powQ(arg.value, q(1n, BigInt(row.root)));
      if (r !== undefined) return num(r);
    }
    // Parity: sin(−u) = −sin(u), cos(−u) = cos(u).
    if (row.parity !== undefined && arg.kind !== 'num') {
      const [c, rest] = splitCoefficient(arg);
      if (isNegative(c)) {
        const flipped = call(row.name, [mul(num(negQ(c)), rest)]);
        return row.parity === 'odd' ? neg(flipped) : flipped;
      }
    }
  }
  if (row.exact !== undefined && args.every((a) => a.kind === 'num')) {
    const values = args.map((a) => toNumber((a as { value: Parameters<typeof toNumber>[0] }).value));
    const r = row.exact(...values);
    if (r === undefined || !Number.isFinite(r)) return undefined;
    // Only results that are certainly exact: one of the arguments, or a small integer or half.
    const same = values.indexOf(r);
    if (same >= 0) return args[same]!;
    if (Number.isInteger(r) || r === 0.5) return num(fromNumber(r));
  }
  return undefined;
}

