/**
 * Text printer: mathjs-compatible output that deriv and mathjs both parse back
 * to the same value. Subtraction, division and unary minus are restored by the
 * printer core (src/print/core.ts); this file is the text notation table.
 * Spacing follows SymPy: spaces around + and −, none around * / ^.
 */
import type { Expr } from '../core/expr.js';
import type { VariableOrder } from './display-order.js';
import { printWith } from './core.js';
import { type Notation, type Printed, PREC, parenthesize, signed } from './notation.js';
import { linearProduct } from './product-text.js';
import { concat } from './rope.js';

export interface TextOptions {
  /** Variable names in the order the user wrote them (drives term and factor order). */
  readonly order?: VariableOrder;
  /** Symbols printed as given text with a precedence (the matrix printer's linear-algebra atoms). */
  readonly atoms?: ReadonlyMap<string, { readonly text: string; readonly prec: number }>;
  /** Factors that are entry-wise (non-scalar) quantities: two such neighbours are joined with `.*`. */
  readonly entrywise?: (e: Expr) => boolean;
}

export const TEXT_NOTATION: Notation = {
  wrap: (t) => `(${t})`,
  negate: (p) => `-${p.text}`,
  number: (n, d): Printed => (d === 1n ? { text: n.toString(), neg: false, prec: PREC.ATOM } : { text: `${n}/${d}`, neg: false, prec: PREC.MUL }),
  constant: (name) => name,
  symbol: (name) => name,
  call: (node, args) => ({ text: `${node.fn}(${concat(args.map((a) => signed(TEXT_NOTATION, a)), ', ')})`, neg: false, prec: PREC.ATOM }),
  power: (_node, base, exp) => ({
    text: `${parenthesize(TEXT_NOTATION, base, PREC.POW + 1)}^${parenthesize(TEXT_NOTATION, exp, PREC.ATOM)}`,
    neg: false,
    prec: PREC.POW,
  }),
  reciprocal: (recip) => ({ text: `1/${parenthesize(TEXT_NOTATION, recip, PREC.POW)}`, neg: false, prec: PREC.MUL, recip }),
  product: (parts) => linearProduct(TEXT_NOTATION, parts, { times: '*', entrywise: '.*' }),
};

export function toText(e: Expr, options: TextOptions = {}): string {
  return printWith(e, TEXT_NOTATION, options);
}
