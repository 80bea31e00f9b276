/**
 * Text printer: mathjs-compatible output that deriv and mathjs both parse back
 * to the same value. Subtraction, division and unary minus are restored here
 * (the Expr has none): a + (−1)·b prints as `a - b`, a·b^(−1) as `a/b`.
 * Spacing follows SymPy: spaces around + and −, none around * / ^.
 */
import type { Expr } from '../core/expr.js';
import { foldDag } from '../core/walk.js';
import { DisplayOrder, type VariableOrder } from './display-order.js';
import { concat } from './rope.js';

const ADD = 1;
const MUL = 2;
const POW = 4;
const ATOM = 5;

/** A printed node: its text without a leading minus, whether it is negative, and its precedence. */
interface Printed {
  readonly text: string;
  readonly neg: boolean;
  readonly prec: number;
  /** For b^(−k): the printed b^k, so a product can put it under the fraction bar. */
  readonly recip?: Printed;
}

export interface TextOptions {
  /** Variable names in the order the user wrote them (drives term and factor order). */
  readonly order?: VariableOrder;
  /** Symbols printed as given text with a precedence (the matrix printer's linear-algebra atoms). */
  readonly atoms?: ReadonlyMap<string, { readonly text: string; readonly prec: number }>;
  /** Factors that are entry-wise (non-scalar) quantities: two such neighbours are joined with `.*`. */
  readonly entrywise?: (e: Expr) => boolean;
}

const paren = (p: Printed, minPrec: number): string =>
  p.neg ? `(-${p.text})` : p.prec < minPrec ? `(${p.text})` : p.text;
const signed = (p: Printed): string => (p.neg ? `-${p.text}` : p.text);

export const TEXT_PRECEDENCE = { ADD, MUL, POW, ATOM } as const;

export function toText(e: Expr, options: TextOptions = {}): string {
  const order = DisplayOrder.of(options.order);
  const memo = new Map<Expr, Printed>();
  const print = (node: Expr, kids: readonly Printed[]): Printed => {
    switch (node.kind) {
      case 'num': {
        const { n, d } = node.value;
        const neg = n < 0n;
        const mag = neg ? -n : n;
        return d === 1n ? { text: mag.toString(), neg, prec: ATOM } : { text: `${mag}/${d}`, neg, prec: MUL };
      }
      case 'const':
        return { text: node.name, neg: false, prec: ATOM };
      case 'sym': {
        const atom = options.atoms?.get(node.name);
        return atom !== undefined ? { text: atom.text, neg: false, prec: atom.prec } : { text: node.name, neg: false, prec: ATOM };
      }
      case 'call':
        return { text: `${node.fn}(${concat(kids.map(signed), ', ')})`, neg: false, prec: ATOM };
      case 'pow': {
        const [base, exp] = kids as [Printed, Printed];
        const positive = (expText: Printed): Printed => ({
          text: `${paren(base, POW + 1)}^${paren(expText, ATOM)}`,
          neg: false,
          prec: POW,
        });
        // A negative exponent is a reciprocal; a sum's sign covers its first term only (−1/2 − 3·x).
        if (exp.neg && node.exp.kind !== 'add') {
          const recip = exp.text === '1' ? base : positive({ ...exp, neg: false });
          return { text: `1/${paren(recip, POW)}`, neg: false, prec: MUL, recip };
        }
        return positive(exp);
      }
      case 'add': {
        const terms = order.sortTerms(node.terms, (t) => memo.get(t)!.neg);
        const first = memo.get(terms[0]!)!;
        let text = first.text;
        for (let i = 1; i < terms.length; i++) {
          const t = memo.get(terms[i]!)!;
          text += t.neg ? ` - ${t.text}` : ` + ${t.text}`;
        }
        return { text, neg: first.neg, prec: ADD };
      }
      case 'mul':
        return printProduct(node.factors, memo, order, options.entrywise);
    }
  };
  const p = foldDag<Printed>(e, print, memo);
  // A sum whose first term is negative carries the sign inside its text.
  return p.prec === ADD ? (p.neg ? `-${p.text}` : p.text) : signed(p);
}

function printProduct(
  factors: readonly Expr[],
  memo: Map<Expr, Printed>,
  order: DisplayOrder,
  entrywise?: (e: Expr) => boolean,
): Printed {
  let coefficient: { n: bigint; d: bigint } = { n: 1n, d: 1n };
  const rest: Expr[] = [];
  for (const f of factors) {
    if (f.kind === 'num') coefficient = f.value;
    else rest.push(f);
  }
  order.sortFactors(rest);
  const neg = coefficient.n < 0n;
  // The numerator is written as it is read (concatenation keeps deep nests linear, see rope.ts).
  let text = '';
  let count = 0;
  const denominator: Printed[] = [];
  const magnitude = neg ? -coefficient.n : coefficient.n;
  if (magnitude !== 1n) {
    text = magnitude.toString();
    count = 1;
  }
  if (coefficient.d !== 1n) denominator.push({ text: coefficient.d.toString(), neg: false, prec: ATOM });
  let previous: Expr | undefined;
  for (const f of rest) {
    const p = memo.get(f)!;
    if (p.recip !== undefined) denominator.push(p.recip);
    else {
      const both = previous !== undefined && entrywise !== undefined && entrywise(previous) && entrywise(f);
      text = count === 0 ? paren(p, MUL) : text + (both ? '.*' : '*') + paren(p, MUL);
      count++;
      previous = f;
    }
  }
  if (count === 0) text = '1';
  if (denominator.length === 1) text += `/${paren(denominator[0]!, POW)}`;
  else if (denominator.length > 1) text += `/(${concat(denominator.map((p) => paren(p, MUL)), '*')})`;
  // The sign is reported, not printed: a sum shows it as ' - ', a lone product as a leading '-'.
  // −f alone prints as f, so without its sign it binds like f does (2^(−x) is 1/2^x, not 1/2^(x)).
  if (count === 1 && denominator.length === 0 && magnitude === 1n && rest.length === 1) {
    const only = memo.get(rest[0]!)!;
    return { text, neg, prec: only.prec < MUL ? ATOM : only.prec };
  }
  return { text, neg, prec: MUL };
}
