/**
 * Limits on the work one request may cause, so that hostile or careless input
 * answers with a TOO_LARGE error instead of a hang or an out-of-memory crash.
 *
 * `maxSize` bounds, in expression nodes,
 *   - the work of one differentiation pass: every node the differentiator
 *     builds is charged with its number of children (so a product rule over n
 *     dependent factors of n is charged n², before it is built), and
 *   - the written-out size (treeSize: shared subterms counted every time they
 *     occur, which is what a printer writes) of each derivative and each
 *     simplified result.
 * The input's length is bounded separately (ParseOptions.maxLength).
 */
import type { Expr } from './core/expr.js';
import { treeSize } from './analysis.js';
import { DerivError } from './errors.js';

/** Default `maxSize`: comfortably above the derivative of a 1 MB expression, far below what exhausts memory. */
export const DEFAULT_MAX_SIZE = 1_000_000;

export interface SizeOptions {
  /** Largest expression (in nodes, written out) a derivative may reach; also the work budget of one pass (default 1,000,000). */
  readonly maxSize?: number;
}

/** The effective limit: the option, validated, or the default. */
export function maxSizeOf(options: SizeOptions): number {
  const n = options.maxSize ?? DEFAULT_MAX_SIZE;
  if (!Number.isInteger(n) || n < 1)
    throw new DerivError('BAD_OPTION', `maxSize must be a positive whole number, got ${String(options.maxSize)}`);
  return n;
}

export function tooLarge(what: string, limit: number): DerivError {
  return new DerivError('TOO_LARGE', `${what} exceeds the size limit of ${limit} nodes`, {
    hint: 'raise the limit with the maxSize option (CLI: --max-size), or differentiate a smaller expression',
  });
}

/** Returns e, or throws TOO_LARGE when its written-out size exceeds `limit`. */
export function checkSize(e: Expr, limit: number, what: string): Expr {
  if (treeSize(e, limit + 1) > limit) throw tooLarge(what, limit);
  return e;
}

/** A work counter: `charge(n)` throws TOO_LARGE once the total passes `limit`. */
export function budget(limit: number, what: string): (n: number) => void {
  let used = 0;
  return (n) => {
    used += n;
    if (used > limit) throw tooLarge(what, limit);
  };
}
