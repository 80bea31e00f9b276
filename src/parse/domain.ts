/**
 * Domain guards: the calls and powers of an input, as written, whose value can be undefined at a point —
 * a row with a `real` condition (sqrt needs u ≥ 0, log u > 0) or poles (tan at pi/2), and a power whose
 * exponent is not a whole number ≥ 0 (x^(1/3) needs x ≥ 0, 1/x needs x ≠ 0). Canonical form may drop them
 * (sqrt(x)^2 is x, x/x is 1, log(x) - log(x) is 0); the parser records them as it builds the expression, so
 * a value at a point still answers for the input as the user wrote it (src/numeric/domain.ts checks them).
 * Recording is one test and, for those calls and powers, one small object: nothing per node elsewhere.
 */
import type { Expr } from '../core/expr.js';
import { isInteger, isNegative } from '../core/rational.js';
import { rowFor } from '../function-table.js';

/** fn(args) as written ('pow' for a power or a division: a/b records pow(b, -1)). */
export interface DomainGuard {
  readonly fn: string;
  readonly args: readonly Expr[];
}

/** Whether fn(args) can be undefined somewhere, so that its condition must be kept. */
export function needsGuard(fn: string, args: readonly Expr[]): boolean {
  if (fn === 'pow') {
    const [base, exponent] = args as [Expr, Expr];
    // Numbers fold at parse time, or divide by zero there, except a negative base to a non-integer power.
    if (base.kind === 'num' && exponent.kind === 'num') return isNegative(base.value) && !isInteger(exponent.value);
    return exponent.kind !== 'num' || !isInteger(exponent.value) || isNegative(exponent.value);
  }
  const row = rowFor(fn, args.length);
  return row !== undefined && (row.real !== undefined || row.poles !== undefined);
}

