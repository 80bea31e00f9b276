/**
 * add and mul over input-sized lists. The constructors take their operands as rest parameters, and a
 * spread of more than ~100,000 arguments overflows the call stack (RangeError) — a 500,001-term sum did.
 * These build in chunks small enough to spread; sums and products are canonical whatever the grouping
 * (the constructors flatten and collect), so the result is the node add(...xs) would give.
 */
import type { Expr } from './core/expr.js';
import { add, mul } from './core/expr.js';

/** Well below every engine's argument limit. */
const CHUNK = 16_384;

function chunked(xs: readonly Expr[], build: (...parts: readonly Expr[]) => Expr, size: number): Expr {
  if (xs.length <= size) return build(...xs);
  const parts: Expr[] = [];
  for (let i = 0; i < xs.length; i += size) parts.push(build(...xs.slice(i, i + size)));
  return chunked(parts, build, size);
}

/** add(...xs) for any length; `size` (for tests) is the chunk spread at once. */
export const addAll = (xs: readonly Expr[], size = CHUNK): Expr => chunked(xs, add, Math.max(2, size));
/** mul(...xs) for any length. */
export const mulAll = (xs: readonly Expr[], size = CHUNK): Expr => chunked(xs, mul, Math.max(2, size));
