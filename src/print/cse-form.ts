/**
 * The CSE form of a set of results, ready for the printers: the temporaries
 * (t1 = …, children first) and each result in terms of them. Temporaries rank
 * after the input's variables, in order of definition, so `x*t1`, not `t1*x`.
 */
import { cse, type CseBinding } from '../cse.js';
import type { Expr } from '../core/expr.js';
import type { ResultItem } from './equation.js';
import type { VariableOrder } from './display-order.js';
import { carryDecimals } from '../parse/decimals.js';

export interface CseForm {
  readonly bindings: readonly CseBinding[];
  /** The results, in order, with their expressions in terms of the temporaries. */
  readonly results: readonly { readonly wrt: readonly string[]; readonly expr: Expr }[];
  /** Display order: the input's variables, then t1, t2, … */
  readonly order: VariableOrder;
}

export function cseForm(items: readonly ResultItem[]): CseForm {
  const { bindings, exprs } = cse(items.map((r) => r.expr));
  const input = items[0]?.order;
  const order = [...(input ?? []), ...bindings.map((b) => b.name)];
  // An input written with decimals prints them in its shared pieces too (0.5*x*y, not x*y/2).
  carryDecimals(input, order);
  return { bindings, results: items.map((r, i) => ({ wrt: r.variables, expr: exprs[i]! })), order };
}
