/**
 * A total, deterministic structural order on expressions. It breaks ties
 * between equal structural hashes in canonical form, and is the last resort of
 * the printers' display order. It never looks at process-specific ids.
 * Iterative (an explicit stack of pairs), so comparing two 10,000-deep nests
 * cannot overflow the call stack.
 */
import type { Expr } from './expr.js';
import { cmpQ } from './rational.js';

const KIND_RANK = { num: 0, const: 1, sym: 2, pow: 3, mul: 4, add: 5, call: 6 } as const;

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Pushes the pairs of two equally long lists so that the first pair is compared first. */
function pushPairs(stack: Expr[], a: readonly Expr[], b: readonly Expr[]): void {
  for (let i = a.length - 1; i >= 0; i--) stack.push(a[i]!, b[i]!);
}

/**
 * Lexicographic on (kind, then the node's own data, then children in order);
 * lists compare by length first. Nodes are hash-consed, so equal structure is
 * identity and every comparison stops at the first difference.
 */
export function compareStructure(a: Expr, b: Expr): number {
  const stack: Expr[] = [a, b];
  while (stack.length > 0) {
    const y = stack.pop()!;
    const x = stack.pop()!;
    if (x === y) continue;
    if (x.kind !== y.kind) return KIND_RANK[x.kind] - KIND_RANK[y.kind];
    let c = 0;
    switch (x.kind) {
      case 'num':
        c = cmpQ(x.value, (y as typeof x).value);
        break;
      case 'const':
      case 'sym':
        c = compareText(x.name, (y as typeof x).name);
        break;
      case 'add': {
        const yy = y as typeof x;
        c = x.terms.length - yy.terms.length;
        if (c === 0) pushPairs(stack, x.terms, yy.terms);
        break;
      }
      case 'mul': {
        const yy = y as typeof x;
        c = x.factors.length - yy.factors.length;
        if (c === 0) pushPairs(stack, x.factors, yy.factors);
        break;
      }
      case 'pow': {
        const yy = y as typeof x;
        stack.push(x.exp, yy.exp, x.base, yy.base);
        break;
      }
      case 'call': {
        const yy = y as typeof x;
        c = compareText(x.fn, yy.fn) || x.args.length - yy.args.length;
        if (c === 0) pushPairs(stack, x.args, yy.args);
        break;
      }
    }
    if (c !== 0) return c;
  }
  return 0;
}
