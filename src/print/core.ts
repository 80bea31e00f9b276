/**
 * The one printer: a post-order visitor over the expression DAG that restores subtraction,
 * division and unary minus (the Expr has none), orders terms and factors for display
 * (src/print/display-order.ts) and leaves every spelling to a Notation (src/print/notation.ts).
 * Text, LaTeX and the code targets differ only in their notation tables.
 */
import type { Expr } from '../core/expr.js';
import { foldDag } from '../core/walk.js';
import { DisplayOrder, type VariableOrder } from './display-order.js';
import { type Notation, type Printed, PREC, signed } from './notation.js';
import { decimalText, writtenWithDecimals } from '../parse/decimals.js';

export interface PrintOptions {
  /** Variable names in the order the user wrote them (drives term and factor order). */
  readonly order?: VariableOrder;
  /** Symbols printed as given text with a precedence (the matrix printer's linear-algebra atoms). */
  readonly atoms?: ReadonlyMap<string, { readonly text: string; readonly prec: number }>;
  /** Factors that are entry-wise (non-scalar) quantities: the notation joins two such neighbours specially. */
  readonly entrywise?: (e: Expr) => boolean;
}

/** e printed in a notation, with its sign. */
export function printWith(e: Expr, notation: Notation, options: PrintOptions = {}): string {
  return signed(notation, printNode(e, notation, options));
}

/** e printed in a notation, sign reported separately (for callers that place it themselves). */
export function printNode(e: Expr, notation: Notation, options: PrintOptions = {}): Printed {
  const order = DisplayOrder.of(options.order);
  const decimals = writtenWithDecimals(options.order);
  const memo = new Map<Expr, Printed>();
  const print = (node: Expr, kids: readonly Printed[]): Printed => {
    switch (node.kind) {
      case 'num': {
        const { n, d } = node.value;
        const neg = n < 0n;
        const decimal = decimals && d !== 1n ? decimalText(neg ? -n : n, d) : undefined;
        const p = decimal !== undefined ? { text: decimal, neg: false, prec: PREC.ATOM } : notation.number(neg ? -n : n, d);
        return neg ? { ...p, neg } : p;
      }
      case 'const':
        return { text: notation.constant(node.name), neg: false, prec: PREC.ATOM };
      case 'sym': {
        const atom = options.atoms?.get(node.name);
        return atom !== undefined ? { text: atom.text, neg: false, prec: atom.prec } : { text: notation.symbol(node.name), neg: false, prec: PREC.ATOM };
      }
      case 'call':
        return notation.call(node, kids);
      case 'pow': {
        const [base, exp] = kids as [Printed, Printed];
        // A negative exponent is a reciprocal; a sum's sign covers its first term only (−1/2 − 3·x).
        if (exp.neg && node.exp.kind !== 'add') {
          const recip = exp.text === '1' ? base : notation.power(node, base, { ...exp, neg: false });
          return notation.reciprocal(recip);
        }
        return notation.power(node, base, exp);
      }
      case 'add': {
        const terms = order.sortTerms(node.terms, (t) => memo.get(t)!.neg);
        const first = memo.get(terms[0]!)!;
        let text = first.text;
        for (let i = 1; i < terms.length; i++) {
          const t = memo.get(terms[i]!)!;
          text += t.neg ? ` - ${t.text}` : ` + ${t.text}`;
        }
        // A sum's sign is its first term's. Where a target writes that sign its own way (JS: -(x**2), as -x**2
        // does not parse), it goes on that term: wrapping the whole sum, -(x**2 - 1), would negate every term.
        if (first.neg && first.leadPow === true) return { text: notation.negate(first) + text.slice(first.text.length), neg: false, prec: PREC.ADD };
        return { text, neg: first.neg, prec: PREC.ADD, leadPow: first.leadPow === true };
      }
      case 'mul': {
        let coefficient: { n: bigint; d: bigint } = { n: 1n, d: 1n };
        const rest: Expr[] = [];
        for (const f of node.factors) {
          if (f.kind === 'num') coefficient = f.value;
          else rest.push(f);
        }
        order.sortFactors(rest);
        const neg = coefficient.n < 0n;
        const numerator: { p: Printed; entrywise: boolean }[] = [];
        const denominator: Printed[] = [];
        const entrywise = options.entrywise;
        let previous: Expr | undefined;
        for (const f of rest) {
          const p = memo.get(f)!;
          if (p.recip !== undefined) denominator.push(p.recip);
          else {
            numerator.push({ p, entrywise: previous !== undefined && entrywise !== undefined && entrywise(previous) && entrywise(f) });
            previous = f;
          }
        }
        const magnitude = neg ? -coefficient.n : coefficient.n;
        // With decimals, a coefficient such as 28569/100 leads as 285.69 instead of splitting over the bar.
        const decimal = decimals && coefficient.d !== 1n ? decimalText(magnitude, coefficient.d) : undefined;
        if (decimal !== undefined) {
          numerator.unshift({ p: { text: decimal, neg: false, prec: PREC.ATOM }, entrywise: false });
          return notation.product({ n: 1n, d: 1n, neg, numerator, denominator, rest });
        }
        return notation.product({ n: magnitude, d: coefficient.d, neg, numerator, denominator, rest });
      }
    }
  };
  return foldDag<Printed>(e, print, memo);
}
