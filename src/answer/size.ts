/**
 * --max-length and --max-size for every mode. The input's length is checked before anything is read. The
 * differentiator charges an expression's derivatives to the request's budget as it makes them (src/limits.ts);
 * the other modes are charged here for what their answer writes out, added up over the request: a program's
 * backward pass and its entries in the inputs in expression nodes (treeSize), and matrix-form formulas and
 * generated source in characters (each character is at most one node: the bound is the stricter one).
 */
import { treeSize } from '../analysis.js';
import type { Expr } from '../core/expr.js';
import { DerivError } from '../errors.js';
import { RequestBudget, maxSizeOf } from '../limits.js';
import { DEFAULT_MAX_INPUT_LENGTH } from '../parse/parser.js';
import type { Request } from '../request/request.js';

/** TOO_LARGE when the input is longer than --max-length (the parser's own check, for every mode alike). */
export function checkInputLength(r: Request): void {
  const limit = r.maxLength ?? DEFAULT_MAX_INPUT_LENGTH;
  if (r.input.length > limit)
    throw new DerivError('TOO_LARGE', `the input is ${r.input.length} characters long; the limit is ${limit}`, { hint: 'raise the limit with --max-length' });
}

/** What one answer writes out, charged against --max-size. */
export class WrittenSize {
  readonly #budget: RequestBudget;
  constructor(r: Request) {
    this.#budget = new RequestBudget(maxSizeOf(r));
  }

  /** Charges expressions by their written-out size (nodes). */
  exprs(exprs: Iterable<Expr>, what: string): void {
    for (const e of exprs) this.#budget.charge(treeSize(e, this.#budget.limit + 1), what);
  }

  /** Charges printed formulas or source by their length. */
  text(texts: Iterable<string>, what: string): void {
    for (const t of texts) this.#budget.charge(t.length, what);
  }
}
