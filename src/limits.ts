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
 * and, added up over everything one request computes (a RequestBudget),
 *   - the written-out sizes of all its results and intermediate results: every pass of a higher or mixed
 *     derivative (from the second pass on with its input and raw derivative: what the pass works through),
 *     every partial of a gradient, every entry of a Hessian or Jacobian, each counted with the names of its
 *     heading (a result is its label and its value). One pass alone is bounded by maxSize, but 60
 *     passes of 0.9 maxSize each, or 160,000 entries of a Hessian, are not: atan(x*y*z) to order 20 ran 12.5 s
 *     and (x0+…+x399)^4's Hessian 180 s and 4.5 GB before this sum was bounded.
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

/**
 * The written-out size one request may produce in all (see above), charged as its results are made. A library call
 * (derivative, gradient, hessian, jacobian) makes its own from `maxSize`; the CLI and `--batch` pass one per request
 * line (`budget` option), so the derivatives a line asks for share it.
 */
export class RequestBudget {
  #used = 0;
  constructor(readonly limit: number) {}

  get used(): number {
    return this.#used;
  }

  /** Throws TOO_LARGE when `n` more nodes would pass the limit (a lower bound known before the work: nothing is charged). */
  ensure(n: number, what: string): void {
    if (this.#used + n > this.limit) throw tooLargeInAll(what, this.limit);
  }

  /** Charges `n` nodes; throws TOO_LARGE once the total passes the limit. */
  charge(n: number, what: string): void {
    this.#used += n;
    if (this.#used > this.limit) throw tooLargeInAll(what, this.limit);
  }
}

export interface RequestOptions extends SizeOptions {
  /** The budget the results of one request share (default: a fresh one of `maxSize` per call). */
  readonly budget?: RequestBudget;
}

/** The request's budget: the one given, or a fresh one of `maxSize`. */
export const requestBudget = (options: RequestOptions): RequestBudget => options.budget ?? new RequestBudget(maxSizeOf(options));

function tooLargeInAll(what: string, limit: number): DerivError {
  return new DerivError('TOO_LARGE', `${what} exceed the size limit of ${limit} nodes written out in all`, {
    hint: 'raise the limit with the maxSize option (CLI: --max-size), or ask for fewer or lower derivatives',
  });
}
