/**
 * The expression type and its smart constructors, as one interface: nodes and atoms from
 * ./node.ts, the compound constructors from ./collect.ts (which builds on node.ts, never the other
 * way round). Everything outside src/core/ imports from here.
 *
 * Contracts:
 * - Every node is immutable and hash-consed: structurally equal expressions are
 *   the same object, so `a === b` is equality and sharing is automatic (a DAG).
 * - Only the constructors here (`num`, `sym`, `constant` in ./node.ts; `add`,
 *   `mul`, `pow`, `call` in ./collect.ts) make nodes, and they keep the canonical form: sums and
 *   products are flat, numbers are folded exactly, like terms and like factors
 *   are collected, 0 and 1 vanish, and children are in a total order that does
 *   not depend on construction history (structural hash, then structure).
 * - There is no subtraction, division or negation node: a−b is a + (−1)·b and
 *   a/b is a·b^(−1). Printers restore the textbook spelling.
 * - Division by an exact zero (0 to a negative power) throws DerivError UNDEFINED.
 */
export * from './node.js';
export { add, mul, splitCoefficient, pow, call, rebuild, neg, sub, div } from './collect.js';
