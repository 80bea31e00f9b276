/**
 * Indexes the rule table (rules/functions.ts) for the parser, the engine and
 * the printers, and installs each row's exact simplifications into the
 * expression constructors (sin(0) = 0, cos(−u) = cos(u), log(exp(u)) = u).
 * Nothing here knows any particular function: it only reads row data.
 */
import { FUNCTION_ROWS, type FunctionRow } from '../rules/functions.js';
import {
  type Expr,
  registerFold,
  num,
  neg,
  call,
  splitCoefficient,
  mul,
  ONE_EXPR,
  constant,
  isOneExpr,
} from './expr.js';
import { fromNumber, isNegative, negQ, toNumber, powQ, q } from './rational.js';

const byKey = new Map<string, FunctionRow>();
const canonicalName = new Map<string, string>();
const arities = new Map<string, number[]>();

/** The same rows by canonical name, then argument count (rowFor runs for every call node differentiated). */
const byArity = new Map<string, FunctionRow[]>();

for (const row of FUNCTION_ROWS) {
  if (row.name === 'pow') continue; // a node kind of its own, not a call
  byKey.set(`${row.name}/${row.params.length}`, row);
  const rows = byArity.get(row.name) ?? [];
  rows[row.params.length] = row;
  byArity.set(row.name, rows);
  for (const alias of [row.name, ...(row.aliases ?? [])]) {
    canonicalName.set(alias, row.name);
    arities.set(alias, [...(arities.get(alias) ?? []), row.params.length]);
  }
}
const POW_ROW = FUNCTION_ROWS.find((r) => r.name === 'pow')!;

/** The row for a function call, by canonical name and argument count. */
export function rowFor(fn: string, arity: number): FunctionRow | undefined {
  return fn === 'pow' && arity === 2 ? POW_ROW : byArity.get(fn)?.[arity];
}
/** The canonical name for a name or alias the parser met (ln → log), if any row has it. */
export function resolveFunctionName(name: string): string | undefined {
  if (name === 'pow') return 'pow';
  return canonicalName.get(name);
}
/** The argument counts a name accepts (for ARITY errors). */
export function aritiesOf(name: string): readonly number[] {
  return name === 'pow' ? [2] : (arities.get(name) ?? []);
}
/** Every name the parser accepts as a function, sorted (for UNKNOWN_FUNCTION messages). */
export function knownFunctionNames(): string[] {
  return [...new Set(['pow', ...canonicalName.keys()])].sort();
}
export const powRow = (): FunctionRow => POW_ROW;

// ------------------------------------------------------------ exact folding

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

for (const name of new Set(FUNCTION_ROWS.map((r) => r.name))) {
  if (name === 'pow') continue;
  registerFold(name, (args) => {
    const row = byKey.get(`${name}/${args.length}`);
    return row === undefined ? undefined : foldRow(row, args);
  });
}
