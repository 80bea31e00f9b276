/**
 * An expression at a point: the point's exact values put in through the smart constructors (which fold
 * numbers exactly), then what is left evaluated in doubles with a bound on its rounding (./rounding.ts).
 *
 * Contract of `PointSubstitution`:
 * - `of(e)` is e with every exactly known value of the point substituted (a rational, or a constant
 *   expression such as pi/2); variables with only a double stay symbols, valued by the scope. Nodes are
 *   memoised, so substituting several expressions that share subexpressions costs each node once.
 * - Exact arithmetic is bounded, so no input can make it run for minutes: a sum or product of numbers is
 *   folded exactly while its value stays within MAX_FOLD_BITS bits and the whole substitution within
 *   MAX_FOLD_WORK (bits of every exact partial result, added up); past either, the rest of that sum or
 *   product is computed in doubles and stands in the expression as a placeholder variable whose value (and
 *   rounding bound) the scope holds. A sum of 4,000 terms 1/(x + k) at x = 1/2 has a denominator of
 *   thousands of digits; it is exact for its first few hundred terms and a double after that.
 * - Division by an exact zero (a pole reached exactly) throws UNDEFINED from the constructors.
 * - `bounded(s)` evaluates a substituted expression in doubles: value, rounding bound, underflow.
 */
import { type Expr, num, sym, rebuild } from '../core/expr.js';
import { type Rational, addQ, mulQ, ZERO, ONE, toNumber } from '../core/rational.js';
import { foldDag } from '../core/walk.js';
import { type Bounded, UNIT_ROUNDOFF, evaluateBounded } from './rounding.js';
import type { Point } from './exact-eval.js';

/** Bits (of numerator or denominator) a sum or product of numbers may reach while folded exactly. */
export const MAX_FOLD_BITS = 1024;
/** Bits of exact partial results one substitution may compute in all (a few hundred ms of bigint work). */
export const MAX_FOLD_WORK = 1 << 22;

/** Placeholder names cannot be typed: a NUL never passes the parser or checkVariableName. */
const PLACEHOLDER = '\u0000≈';

const bitsOf = (x: bigint): number => (x < 0n ? -x : x).toString(2).length;

export class PointSubstitution {
  /** Each node substituted so far, and what it became. */
  readonly memo = new Map<Expr, Expr>();
  /** Values of the symbols left in substituted expressions: inexact point values and placeholders. */
  readonly scope = new Map<string, number>();
  readonly #bounds = new Map<string, Bounded>();
  readonly #evaluated = new Map<Expr, Bounded>();
  readonly #point: Point;
  #work = 0;

  constructor(point: Point) {
    this.#point = point;
    for (const [k, v] of point) if (v.expr === undefined) this.scope.set(k, v.number);
  }

  /** e with the point's exact values put in (see the file comment). */
  of(e: Expr): Expr {
    return foldDag<Expr>(
      e,
      (node, kids) => {
        if (node.kind === 'sym') return this.#point.get(node.name)?.expr ?? node;
        if (kids.length === 0) return node;
        if (node.kind === 'add' || node.kind === 'mul') return rebuild(node, this.#foldNumbers(node.kind, kids));
        return rebuild(node, kids);
      },
      this.memo,
    );
  }

  /** The value of a substituted expression in doubles, with its rounding bound. */
  bounded(s: Expr): Bounded {
    return evaluateBounded(s, this.scope, this.#evaluated, this.#bounds);
  }

  /** The numbers among kids folded into one: exactly within the budget, else a placeholder for their double. */
  #foldNumbers(kind: 'add' | 'mul', kids: readonly Expr[]): readonly Expr[] {
    let numbers = 0;
    for (const k of kids) if (k.kind === 'num') numbers++;
    if (numbers < 2) return kids;
    const others: Expr[] = [];
    let exact: Rational = kind === 'add' ? ZERO : ONE;
    let inexact: { value: number; error: number } | undefined;
    let zeroFactor = false;
    for (const k of kids) {
      if (k.kind !== 'num') {
        others.push(k);
        continue;
      }
      if (inexact === undefined) {
        const next = kind === 'add' ? addQ(exact, k.value) : mulQ(exact, k.value);
        const size = Math.max(bitsOf(next.n), bitsOf(next.d));
        this.#work += size;
        if (size <= MAX_FOLD_BITS && this.#work <= MAX_FOLD_WORK) {
          exact = next;
          continue;
        }
        const start = toNumber(exact);
        inexact = { value: start, error: Math.abs(start) * UNIT_ROUNDOFF };
      }
      const x = toNumber(k.value);
      zeroFactor ||= k.value.n === 0n;
      const before = inexact.value;
      const value = kind === 'add' ? before + x : before * x;
      // First order: the operands' rounding (|x|·u for x, carried for the running value) and this operation's.
      const carried = kind === 'add' ? inexact.error + Math.abs(x) * UNIT_ROUNDOFF : inexact.error * Math.abs(x) + Math.abs(value) * UNIT_ROUNDOFF;
      inexact = { value, error: carried + Math.abs(value) * UNIT_ROUNDOFF };
    }
    if (inexact === undefined) return [num(exact), ...others];
    const name = `${PLACEHOLDER}${this.#bounds.size}`;
    this.scope.set(name, inexact.value);
    // A product of nonzero numbers that came out 0 underflowed (a sum that came out 0 may be a true 0).
    const underflow = kind === 'mul' && inexact.value === 0 && !zeroFactor;
    this.#bounds.set(name, { value: inexact.value, error: Number.isFinite(inexact.value) ? inexact.error : Infinity, underflow });
    return [sym(name), ...others];
  }
}
