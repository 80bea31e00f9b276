/**
 * One array per distinct variable order (and decimal mark). Inputs that name the same variables in the same
 * order — a formula asked again in new words, a batch of requests over one model — then share their display
 * context, and the printers' rank tables and sort keys, which are kept per order array
 * (print/display-order.ts), are made once instead of once per input.
 *
 * Contract: the arrays handed out are shared, so nobody may write to them (they are readonly by type, as the
 * parser's own always were). Bounded: only orders of up to MAX_SHARED_LENGTH names are shared, and past
 * MAX_ORDERS distinct orders the table starts over (arrays handed out before stay valid; only the sharing of
 * their tables ends).
 */
import { markDecimals } from './decimals.js';

const MAX_ORDERS = 4096;
/** Orders of more variables are not shared (their keys would be long, and such inputs are rarely repeated). */
const MAX_SHARED_LENGTH = 64;
const orders = new Map<string, readonly string[]>();

/** The shared array equal to `variables`, marked as written with decimals when `decimals` is set. */
export function sharedOrder(variables: readonly string[], decimals: boolean): readonly string[] {
  if (variables.length > MAX_SHARED_LENGTH) {
    if (decimals) markDecimals(variables);
    return variables;
  }
  // A name never holds \u0000, so the key is unambiguous; the decimal mark is part of it (x/2 and 0.5*x
  // name the same variables but print differently).
  const key = (decimals ? 'd' : 'p') + variables.join('\u0000');
  let shared = orders.get(key);
  if (shared === undefined) {
    if (orders.size >= MAX_ORDERS) orders.clear();
    shared = variables;
    if (decimals) markDecimals(shared);
    orders.set(key, shared);
  }
  return shared;
}
