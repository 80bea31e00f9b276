/**
 * What a printing target is: a notation table the one printer visitor (src/print/core.ts) reads.
 * Text, LaTeX and the code targets (src/code/notations.ts) are each one Notation: how a number, a
 * constant, a name, a call, a power and a product are spelled, and how parentheses and a sign are
 * written. The visitor owns everything they share: the walk, signs restored from the canonical form
 * (a + (−1)·b is `a - b`), display order of terms and factors, negative powers as reciprocals, and
 * where parentheses go (by the precedence levels below, declared once for every target).
 */
import type { Expr, Call, Pow } from '../core/expr.js';

/** Precedence levels: a child printed at a lower level than its context needs is parenthesised. */
export const PREC = { ADD: 1, MUL: 2, POW: 4, ATOM: 5 } as const;

/** A printed node: its text without a leading minus, whether it is negative, and its precedence. */
export interface Printed {
  readonly text: string;
  readonly neg: boolean;
  readonly prec: number;
  /** For b^(−k): the printed b^k, so a product can put it under the fraction bar. */
  readonly recip?: Printed;
  /** Starts with a digit (LaTeX: a following number needs \cdot). */
  readonly numeric?: boolean;
  /** Starts with a power (JS: `-x**2` is a syntax error, so a sign needs parentheses). */
  readonly leadPow?: boolean;
}

/** A product split by the visitor: coefficient magnitude n/d, its sign, and the other factors sorted. */
export interface ProductParts {
  /** |coefficient| numerator and denominator. */
  readonly n: bigint;
  readonly d: bigint;
  readonly neg: boolean;
  /** Factors above the bar, in display order, each with whether it joins its left neighbour entry-wise. */
  readonly numerator: readonly { readonly p: Printed; readonly entrywise: boolean }[];
  /** Negative powers, printed as their positive power (b for b^(−1)). */
  readonly denominator: readonly Printed[];
  /** The non-numeric factors (for the rule that −f alone binds like f). */
  readonly rest: readonly Expr[];
}

export interface Notation {
  /** `(t)` or `\left(t\right)`. */
  wrap(text: string): string;
  /** A leading minus on printed p (`-t`, or `-(t)` where the target needs it). */
  negate(p: Printed): string;
  /** A number n/d ≥ 0 (its sign is the visitor's). */
  number(n: bigint, d: bigint): Printed;
  constant(name: 'e' | 'pi'): string;
  symbol(name: string): string;
  call(node: Call, args: readonly Printed[]): Printed;
  /** base^exp with exp printed without its sign when the visitor made a reciprocal of it. */
  power(node: Pow, base: Printed, exp: Printed): Printed;
  /** 1/recip, for a negative power. */
  reciprocal(recip: Printed): Printed;
  product(parts: ProductParts): Printed;
}

/** p in a context that needs at least `minPrec`: parenthesised when it binds looser or carries a sign. */
export function parenthesize(notation: Notation, p: Printed, minPrec: number): string {
  return p.neg ? notation.wrap(notation.negate(p)) : p.prec < minPrec ? notation.wrap(p.text) : p.text;
}
/** p with its sign. */
export function signed(notation: Notation, p: Printed): string {
  return p.neg ? notation.negate(p) : p.text;
}
