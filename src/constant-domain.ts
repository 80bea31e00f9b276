/**
 * Constants written outside their function's real domain (asin(2), log(-1), (-8)^(1/3)), found among the
 * parser's domain guards (src/parse/domain.ts) after parsing: a warning, as the value is undefined everywhere.
 */
import { type Expr, call, pow } from './core/expr.js';
import type { DerivWarning } from './warnings.js';
import type { DomainGuard } from './parse/domain.js';
import { freeVariables } from './analysis.js';
import { evaluate } from './evaluate.js';
import { toText } from './print/text.js';
import { rowFor } from './function-table.js';

/**
 * asin(2), log(-1), sqrt(-2), (-8)^(1/3): the
 * expression has no real value anywhere, so deriv says so (a warning) instead of carrying asin(2) along.
 * Only guards without variables are evaluated; at most a few notes.
 */
export function undefinedConstants(guards: readonly DomainGuard[], input: string): DerivWarning[] {
  const notes: DerivWarning[] = [];
  for (const g of guards) {
    if (notes.length >= 3 || g.args.some((a) => freeVariables(a).size > 0)) continue;
    const value = evaluate(g.fn === 'pow' ? pow(g.args[0]!, g.args[1]!) : call(g.fn, g.args));
    if (!Number.isNaN(value)) continue;
    const row = rowFor(g.fn, g.args.length);
    const why = g.fn === 'pow' ? 'a negative number to a power that is not a whole number' : row?.domain === undefined ? undefined : `${g.fn} needs ${row.domain}`;
    notes.push({
      code: 'NOT_REAL',
      message: `${toText(g.fn === 'pow' ? pow(g.args[0]!, g.args[1]!) : call(g.fn, g.args))} is not a real number${why === undefined ? '' : ` (${why})`}: the expression has no real value`,
      ...(input.includes(`${g.fn}(`) ? { position: input.indexOf(`${g.fn}(`) } : {}),
    });
  }
  return notes;
}
