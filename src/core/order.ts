/**
 * A total, deterministic structural order on expressions. It breaks ties
 * between equal structural hashes in canonical form, and is the last resort of
 * the printers' display order. It never looks at process-specific ids.
 * Iterative (an explicit stack of pairs), so comparing two 10,000-deep nests
 * cannot overflow the call stack.
 */
import type { Expr } from './node.js';
import { cmpQ } from './rational.js';

const KIND_RANK = { num: 0, const: 1, sym: 2, pow: 3, mul: 4, add: 5, call: 6 } as const;

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Pushes the pairs of two equally long lists so that the first pair is compared first. */
function pushPairs(stack: Expr[], a: readonly Expr[], b: readonly Expr[]): void {
  for (let i = a.length - 1; i >= 0; i--) stack.push(a[i]!, b[i]!);
}

type UnaryCall = Expr & { readonly kind: 'call'; readonly args: readonly [Expr] };
const sameUnary = (x: Expr, y: Expr): boolean =>
  x.kind === 'call' && y.kind === 'call' && x.fn === y.fn && x.args.length === 1 && y.args.length === 1;

/** A maximal chain f(f(…f(bottom))) of one one-argument function, starting at a node: its length and what is below. */
interface Run {
  readonly len: number;
  readonly bottom: Expr;
}
const runs = new WeakMap<Expr, Run>();

function runOf(node: UnaryCall): Run {
  const known = runs.get(node);
  if (known !== undefined) return known;
  const path: Expr[] = [];
  let m: Expr = node;
  let below: Run | undefined;
  while (m.kind === 'call' && m.fn === node.fn && m.args.length === 1) {
    below = runs.get(m);
    if (below !== undefined) break;
    path.push(m);
    m = m.args[0]!;
  }
  let len = below?.len ?? 0;
  const bottom = below?.bottom ?? m;
  for (let i = path.length - 1; i >= 0; i--) runs.set(path[i]!, { len: ++len, bottom });
  return runs.get(node)!;
}

/** compareStructure(u, f(w)) for any w, where u is not itself a call of f with one argument (so this is never 0). */
function versusUnaryCall(u: Expr, fn: string): number {
  if (u.kind !== 'call') return KIND_RANK[u.kind] - KIND_RANK.call;
  return compareText(u.fn, fn) || u.args.length - 1;
}

/**
 * Lexicographic on (kind, then the node's own data, then children in order);
 * lists compare by length first. Nodes are hash-consed, so equal structure is
 * identity and every comparison stops at the first difference.
 */
export function compareStructure(a: Expr, b: Expr): number {
  const stack: Expr[] = [a, b];
  while (stack.length > 0) {
    let y = stack.pop()!;
    let x = stack.pop()!;
    // Calls of the same one-argument function compare as their arguments. Short chains are walked;
    // long ones (sorting the factors cos(sinᵏ x) of a nest's derivative compares chains 1000 deep)
    // are compared by their memoised run lengths, in O(1).
    for (let steps = 0; x !== y && sameUnary(x, y); steps++) {
      if (steps === 8) {
        const rx = runOf(x as UnaryCall);
        const ry = runOf(y as UnaryCall);
        if (rx.len < ry.len) return versusUnaryCall(rx.bottom, (x as UnaryCall).fn);
        if (rx.len > ry.len) return -versusUnaryCall(ry.bottom, (x as UnaryCall).fn);
        x = rx.bottom;
        y = ry.bottom;
        break;
      }
      x = (x as UnaryCall).args[0]!;
      y = (y as UnaryCall).args[0]!;
    }
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
