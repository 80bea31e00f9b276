/**
 * Reverse-mode differentiation into a straight-line program: the gradient of a scalar function at
 * a small constant times the function's own cost (the cheap-gradient principle; Baur–Strassen).
 *
 * One backward sweep over the function's DAG, parents before children. Each node's adjoint
 * ∂f/∂node is the sum of its parents' contributions; a child's contribution is the parent's
 * adjoint times the local partial:
 * - a sum passes its adjoint to each term;
 * - a product passes adjoint × the other factors; with many dependent factors the "other factors"
 *   come from prefix and suffix products (Π(x + k) costs O(N), not O(N²));
 * - a power and every function call use the rule table's partials (rules/functions.ts), once.
 * Only nodes that depend on a requested variable are visited. Adjoints become placeholder
 * bindings, so shared work is written once; src/code/finish.ts inlines the small ones and
 * names shared forward values with CSE.
 */
import { type Expr, add, mul, ONE_EXPR, ZERO_EXPR, children } from '../core/expr.js';
import { foldDag } from '../core/walk.js';
import { rowFor, powRow } from '../function-table.js';
import { partialAt } from '../templates.js';
import { DerivError } from '../errors.js';
import { placeholder } from './finish.js';
import type { CodeBinding } from './ir.js';

export interface ReverseResult {
  /** Placeholder bindings in definition order. */
  readonly bindings: readonly CodeBinding[];
  /** ∂f/∂v per requested variable, in terms of the bindings (0 where f does not depend on v). */
  readonly partials: readonly Expr[];
  /** The forward values (nodes of f), for the inliner's size measure. */
  readonly forward: ReadonlySet<Expr>;
}

/** Products with more dependent factors than this use prefix/suffix products. */
const DIRECT_FACTORS = 3;

export function reverseGradient(f: Expr, wrt: readonly string[]): ReverseResult {
  const wanted = new Set(wrt);
  // Post-order list of the nodes that depend on a requested variable.
  const dependent = new Map<Expr, boolean>();
  const postorder: Expr[] = [];
  foldDag<boolean>(
    f,
    (node, kids) => {
      const d = node.kind === 'sym' ? wanted.has(node.name) : kids.some((k) => k);
      if (d) postorder.push(node);
      return d;
    },
    dependent,
  );
  const bindings: CodeBinding[] = [];
  const bind = (e: Expr): Expr => {
    if (e.kind === 'num' || e.kind === 'sym' || e.kind === 'const') return e;
    const p = placeholder();
    bindings.push({ name: (p as { name: string }).name, expr: e });
    return p;
  };
  const contributions = new Map<Expr, Expr[]>();
  const contribute = (node: Expr, c: Expr): void => {
    if (c.kind === 'num' && c.value.n === 0n) return;
    const list = contributions.get(node);
    if (list === undefined) contributions.set(node, [c]);
    else list.push(c);
  };
  const isDependent = (e: Expr): boolean => dependent.get(e) === true;
  contributions.set(f, [ONE_EXPR]);
  const adjoints = new Map<string, Expr>();

  for (let i = postorder.length - 1; i >= 0; i--) {
    const node = postorder[i]!;
    const list = contributions.get(node);
    if (list === undefined) continue;
    contributions.delete(node);
    const sum = list.length === 1 ? list[0]! : add(...list);
    if (node.kind === 'sym') {
      adjoints.set(node.name, sum);
      continue;
    }
    const adjoint = bind(sum);
    switch (node.kind) {
      case 'add':
        for (const t of node.terms) if (isDependent(t)) contribute(t, adjoint);
        break;
      case 'mul':
        productContributions(node.factors, adjoint, isDependent, bind, contribute);
        break;
      case 'pow': {
        const args = [node.base, node.exp];
        args.forEach((a, k) => {
          if (isDependent(a)) contribute(a, mul(adjoint, partialAt(powRow(), k, args)));
        });
        break;
      }
      case 'call': {
        const row = rowFor(node.fn, node.args.length);
        if (row === undefined) throw new DerivError('UNKNOWN_FUNCTION', `no rule for ${node.fn}`);
        node.args.forEach((a, k) => {
          if (isDependent(a)) contribute(a, mul(adjoint, partialAt(row, k, node.args)));
        });
        break;
      }
      default:
        break;
    }
  }
  const forward = new Set<Expr>();
  foldDag<true>(f, (node) => {
    if (children(node).length > 0) forward.add(node);
    return true;
  });
  return { bindings, partials: wrt.map((v) => adjoints.get(v) ?? ZERO_EXPR), forward };
}

/** A product's contributions: adjoint × the other factors, through prefix/suffix products when many depend. */
function productContributions(
  factors: readonly Expr[],
  adjoint: Expr,
  isDependent: (e: Expr) => boolean,
  bind: (e: Expr) => Expr,
  contribute: (node: Expr, c: Expr) => void,
): void {
  const dependentIdx: number[] = [];
  factors.forEach((f, i) => {
    if (isDependent(f)) dependentIdx.push(i);
  });
  if (dependentIdx.length <= DIRECT_FACTORS) {
    for (const i of dependentIdx) contribute(factors[i]!, mul(adjoint, ...factors.filter((_, j) => j !== i)));
    return;
  }
  const constant = bind(mul(adjoint, ...factors.filter((f) => !isDependent(f))));
  const ds = dependentIdx.map((i) => factors[i]!);
  const m = ds.length;
  // prefix[k] = d₀⋯d_{k−1}, suffix[k] = d_k⋯d_{m−1}, each one multiplication from its neighbour.
  const prefix: Expr[] = [ONE_EXPR, ds[0]!];
  for (let k = 2; k < m; k++) prefix.push(bind(mul(prefix[k - 1]!, ds[k - 1]!)));
  const suffix: Expr[] = [];
  suffix[m] = ONE_EXPR;
  suffix[m - 1] = ds[m - 1]!;
  for (let k = m - 2; k >= 1; k--) suffix[k] = bind(mul(ds[k]!, suffix[k + 1]!));
  for (let k = 0; k < m; k++) contribute(ds[k]!, mul(constant, prefix[k]!, suffix[k + 1]!));
}
