/**
 * Products of a coefficient and a sum, for inputs written with decimals (src/parse/decimals.ts). The
 * simplifier keeps c·S with S's coefficients whole numbers (37/5000·(37·w + 100·b − 125)); read with
 * decimals that is 0.0074·(37·w + 100·b − 125), where the textbook writes 0.74·(0.37·w + b − 1.25). So the
 * printer may move a factor m of one of S's coefficients across: (c·m)·(S/m), the same value, when every
 * number then prints as a finite decimal and the numbers are shorter in all.
 */
import { type Expr, type Add, add, mul, num, splitCoefficient } from '../core/expr.js';
import { type Rational, absQ, divQ, mulQ, isOne } from '../core/rational.js';
import { decimalText } from '../parse/decimals.js';

/** Characters a number prints with (a coefficient 1 prints none); undefined when it is no finite decimal. */
function printedLength(value: Rational, isCoefficient: boolean): number | undefined {
  const a = absQ(value);
  if (isCoefficient && isOne(a)) return 0;
  if (a.d === 1n) return a.n.toString().length;
  return decimalText(a.n, a.d)?.length;
}

/** The length of c·m and S's coefficients divided by m; undefined when one is no finite decimal. */
function cost(c: Rational, coefficients: readonly Rational[], m: Rational): number | undefined {
  let total = printedLength(mulQ(c, m), true);
  for (const a of coefficients) {
    const l = printedLength(divQ(a, m), true);
    if (total === undefined || l === undefined) return undefined;
    total += l;
  }
  return total;
}

/** c·S as (c·m)·(S/m) when that prints shorter with decimals; undefined to leave it. */
export function rescaledForDecimals(c: Rational, sum: Add): { readonly coefficient: Rational; readonly sum: Expr } | undefined {
  const split = sum.terms.map(splitCoefficient);
  const coefficients = split.map(([a]) => a);
  let best: Rational | undefined;
  let bestCost = cost(c, coefficients, { n: 1n, d: 1n }) ?? Infinity;
  for (const a of coefficients) {
    const m = absQ(a);
    if (isOne(m)) continue;
    const k = cost(c, coefficients, m);
    if (k !== undefined && k < bestCost) {
      best = m;
      bestCost = k;
    }
  }
  if (best === undefined) return undefined;
  const m = best;
  return { coefficient: mulQ(c, m), sum: add(...split.map(([a, rest]) => mul(num(divQ(a, m)), rest))) };
}
