/**
 * Indexes the rule table (rules/functions.ts) for the parser, the engine and the printers. The rows'
 * exact values, zeros, poles and parity are folded by the constructors themselves (src/core/fold.ts reads the
 * same rows through rowFor).
 * Nothing here knows any particular function: it only reads row data.
 */
import { FUNCTION_ROWS, type FunctionRow } from '../rules/functions.js';

const canonicalName = new Map<string, string>();
const arities = new Map<string, number[]>();

/** The same rows by canonical name, then argument count (rowFor runs for every call node differentiated). */
const byArity = new Map<string, FunctionRow[]>();

for (const row of FUNCTION_ROWS) {
  if (row.name === 'pow') continue; // a node kind of its own, not a call
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
