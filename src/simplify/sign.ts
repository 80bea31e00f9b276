/**
 * Sign facts provable from the form of an expression alone (no assumptions about variables):
 * exp(u), cosh(u), σ(u), 2 and π are positive; u², |u| and √u are non-negative; sums and products
 * of these keep their sign. Used by identity rows with a `when: { positive }` condition.
 */
import type { Expr } from '../core/expr.js';
import { isNegative, isZero } from '../core/rational.js';

const POSITIVE_FUNCTIONS = new Set(['exp', 'cosh', 'sigmoid', 'softplus']);
const NON_NEGATIVE_FUNCTIONS = new Set(['abs', 'sqrt', 'relu', 'heaviside']);

const memo = new WeakMap<Expr, number>();

/** Levels of sums, products and powers looked into; deeper is unknown (keeps recursion shallow). */
const MAX_DEPTH = 32;

/** 2: provably > 0; 1: provably ≥ 0; 0: unknown. */
function signClass(e: Expr, depth = 0): number {
  const known = memo.get(e);
  if (known !== undefined) return known;
  if (depth > MAX_DEPTH) return 0;
  const signClass_ = (k: Expr): number => signClass(k, depth + 1);
  let c = 0;
  switch (e.kind) {
    case 'num':
      c = isNegative(e.value) ? 0 : isZero(e.value) ? 1 : 2;
      break;
    case 'const':
      c = 2;
      break;
    case 'call':
      c = POSITIVE_FUNCTIONS.has(e.fn) ? 2 : NON_NEGATIVE_FUNCTIONS.has(e.fn) ? 1 : 0;
      break;
    case 'pow': {
      const even = e.exp.kind === 'num' && e.exp.value.d === 1n && e.exp.value.n % 2n === 0n;
      c = signClass_(e.base) === 2 ? 2 : even ? 1 : 0;
      break;
    }
    case 'mul':
      c = e.factors.every((f) => signClass_(f) === 2) ? 2 : e.factors.every((f) => signClass_(f) >= 1) ? 1 : 0;
      break;
    case 'add': {
      const classes = e.terms.map(signClass_);
      c = classes.every((k) => k >= 1) ? (classes.some((k) => k === 2) ? 2 : 1) : 0;
      break;
    }
    default:
      c = 0;
  }
  memo.set(e, c);
  return c;
}

export const isPositive = (e: Expr): boolean => signClass(e) === 2;
