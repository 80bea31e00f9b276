/**
 * A product written on one line, as text and the code targets write it: `2*x*y/(3*z)`.
 * The coefficient's magnitude leads, factors are joined by `times` (or `entrywise` between two
 * entry-wise neighbours), and the denominator (the coefficient's, then negative powers) follows one `/`.
 */
import { type Notation, type Printed, type ProductParts, PREC, parenthesize } from './notation.js';
import { concat } from './rope.js';

export interface LinearProductSpelling {
  readonly times: string;
  /** Between two entry-wise (non-scalar) neighbours (text: `.*`). */
  readonly entrywise?: string;
}

export function linearProduct(notation: Notation, parts: ProductParts, spelling: LinearProductSpelling): Printed {
  const { n: magnitude, d, neg, numerator, rest } = parts;
  const paren = (p: Printed, min: number): string => parenthesize(notation, p, min);
  // The numerator is written as it is read (concatenation keeps deep nests linear, see rope.ts).
  let text = '';
  let count = 0;
  let leadPow = false;
  const denominator: Printed[] = [];
  if (magnitude !== 1n) {
    text = notation.number(magnitude, 1n).text;
    count = 1;
  }
  if (d !== 1n) denominator.push(notation.number(d, 1n));
  denominator.push(...parts.denominator);
  for (const { p, entrywise } of numerator) {
    const factor = paren(p, PREC.MUL);
    if (count === 0) leadPow = p.leadPow === true && !p.neg && p.prec >= PREC.MUL;
    text = count === 0 ? factor : text + (entrywise && spelling.entrywise !== undefined ? spelling.entrywise : spelling.times) + factor;
    count++;
  }
  if (count === 0) text = notation.number(1n, 1n).text;
  if (denominator.length === 1) text += `/${paren(denominator[0]!, PREC.POW)}`;
  else if (denominator.length > 1) text += `/${notation.wrap(concat(denominator.map((p) => paren(p, PREC.MUL)), spelling.times))}`;
  // The sign is reported, not printed: a sum shows it as ' - ', a lone product as a leading '-'.
  // −f alone prints as f, so without its sign it binds like f does (2^(−x) is 1/2^x, not 1/2^(x)).
  if (count === 1 && denominator.length === 0 && magnitude === 1n && rest.length === 1) {
    const only = numerator[0]!.p;
    return { text, neg, prec: only.prec < PREC.MUL ? PREC.ATOM : only.prec, leadPow };
  }
  return { text, neg, prec: PREC.MUL, leadPow };
}
