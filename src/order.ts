/**
 * A total, deterministic structural order on expressions. It breaks ties
 * between equal structural hashes in canonical form, and is the last resort of
 * the printers' display order. It never looks at process-specific ids.
 */
import type { Expr } from './expr.js';
import { cmpQ } from './rational.js';

const KIND_RANK = { num: 0, const: 1, sym: 2, pow: 3, mul: 4, add: 5, call: 6 } as const;

function compareLists(a: readonly Expr[], b: readonly Expr[]): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) {
    const c = compareStructure(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return 0;
}
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function compareStructure(a: Expr, b: Expr): number {
  if (a === b) return 0;
  if (a.kind !== b.kind) return KIND_RANK[a.kind] - KIND_RANK[b.kind];
  switch (a.kind) {
    case 'num':
      return cmpQ(a.value, (b as typeof a).value);
    case 'const':
    case 'sym':
      return compareText(a.name, (b as typeof a).name);
    case 'add':
      return compareLists(a.terms, (b as typeof a).terms);
    case 'mul':
      return compareLists(a.factors, (b as typeof a).factors);
    case 'pow': {
      const bb = b as typeof a;
      return compareStructure(a.base, bb.base) || compareStructure(a.exp, bb.exp);
    }
    case 'call': {
      const bb = b as typeof a;
      return compareText(a.fn, bb.fn) || compareLists(a.args, bb.args);
    }
  }
}
