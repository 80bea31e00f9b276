/**
 * The simplifier. Canonical construction does most of the algebra (like terms and factors,
 * exp(a)·exp(b) = exp(a + b), exact values); this pass finishes the rest, bottom-up over the DAG:
 * at each node it applies the identity rows (rules/identities.ts, indexed by head) and the
 * strategies (./strategies.ts: common factors, expansion, common denominators), keeping a
 * rewrite only when it makes the node smaller (tree size), until nothing applies — a fixpoint
 * decided by node identity. Because every kept rewrite shrinks the node, this terminates; a work
 * budget bounds it as well (past the budget the result is returned as far as it got).
 * Ties keep the form as built, so chain-rule factors stay as a textbook has them:
 * x·(w·x + b − y), not x²·w + x·b − x·y. Finally the normalisations fix sign and content.
 * Every step is an identity, so simplify never changes a value where the input is defined.
 */
import { type Expr, rebuild, children } from '../core/expr.js';
import { foldDag } from '../core/walk.js';
import { treeSize } from '../analysis.js';
import { applyIdentity, present, isPresentable } from './identities.js';
import { writtenForm } from './written-form.js';
import { provedConstant } from './zero.js';
import { STRATEGIES_FOR_SUMS, STRATEGIES_FOR_PRODUCTS, NORMALISATIONS, type Strategy, type StrategyContext } from './strategies.js';

const NONE: readonly Strategy[] = [];

export interface SimplifyOptions {
  /** Largest number of monomials an expansion attempt may produce (default 64). */
  readonly maxExpandTerms?: number;
  /** Most rewrite attempts in one call (default 200,000); past it, the result as far as it got. */
  readonly simplifyBudget?: number;
  /**
   * Results of earlier calls with the same options, by node: a gradient's partials share their
   * subexpressions, and each is simplified once (the map is read and extended).
   */
  readonly memo?: Map<Expr, Expr>;
  /** Receives each rewrite kept, in order (for steps). */
  readonly onRewrite?: (rewrite: { readonly id: string; readonly name: string; readonly before: Expr; readonly after: Expr }) => void;
}

/** Rounds of rewriting at one node (each kept rewrite shrinks it, so this is only a backstop). */
const MAX_ROUNDS = 64;

const size = (e: Expr): number => treeSize(e, 1e7);

function sameKids(node: Expr, kids: readonly Expr[]): boolean {
  if (node.kind === 'pow') return kids[0] === node.base && kids[1] === node.exp;
  const old = children(node);
  for (let i = 0; i < kids.length; i++) if (kids[i] !== old[i]) return false;
  return true;
}

export function simplify(e: Expr, options: SimplifyOptions = {}): Expr {
  const memo = options.memo ?? new Map<Expr, Expr>();
  const onRewrite = options.onRewrite;
  let work = options.simplifyBudget ?? 200_000;

  let presentable = presentableMemos.has(memo);
  const visit = (node: Expr, kids: readonly Expr[]): Expr => {
    if (kids.length === 0) return node; // numbers, symbols and constants are final
    const out = settle(sameKids(node, kids) ? node : rebuild(node, kids));
    if (!presentable && out.kind === 'call' && isPresentable(out)) presentable = true;
    return out;
  };
  const tidy = (x: Expr): Expr => foldDag<Expr>(x, visit, memo);
  const context: StrategyContext = { maxTerms: options.maxExpandTerms ?? 64, tidy };
  /** x with its children simplified (they may be new after a rewrite). */
  const withSimplifiedKids = (x: Expr): Expr => {
    const kids = children(x);
    if (kids.length === 0) return x;
    const done = kids.map(tidy);
    return sameKids(x, done) ? x : rebuild(x, done);
  };

  /** The smallest strictly smaller form one identity or strategy gives, or node itself. */
  /** The node an identity is being tried on, for `smaller` (identities never re-enter the simplifier). */
  let tried: Expr = e;
  const smaller = (after: Expr): boolean => size(after) < size(tried);

  function improve(node: Expr): Expr {
    if (node.kind === 'num' || node.kind === 'sym' || node.kind === 'const') return node;
    tried = node;
    const identity = applyIdentity(node, smaller);
    if (identity !== undefined) {
      onRewrite?.({ id: identity.id, name: identity.name, before: node, after: identity.after });
      return identity.after;
    }
    let best: Expr = node;
    let bestSize = -1;
    let bestStrategy: { readonly id: string; readonly name: string } | undefined;
    const strategies = node.kind === 'add' ? STRATEGIES_FOR_SUMS : node.kind === 'mul' || node.kind === 'pow' ? STRATEGIES_FOR_PRODUCTS : NONE;
    for (const s of strategies) {
      if (!s.applies(node)) continue;
      work -= 1;
      for (const candidate of s.candidates(node, context)) {
        if (candidate === undefined || candidate === best) continue;
        if (bestSize < 0) bestSize = size(node);
        const n = size(candidate);
        if (n < bestSize) {
          best = candidate;
          bestSize = n;
          bestStrategy = s;
        }
      }
    }
    if (bestStrategy !== undefined) onRewrite?.({ id: bestStrategy.id, name: bestStrategy.name, before: node, after: best });
    return best;
  }

  /**
   * A node being settled is entered in the memo as itself until it settles: a candidate may contain
   * its own origin (expanding x·(a + b) and factoring it again gives x·(a + b) back), which is then
   * taken as it is. The memo is then set to the settled form (also for a node rebuilt from new
   * children, so meeting it again costs a lookup).
   */
  function settle(node: Expr): Expr {
    const origin = node;
    const known = memo.get(origin);
    if (known !== undefined) return known;
    memo.set(origin, origin);
    for (let round = 0; round < MAX_ROUNDS && work > 0; round++) {
      work -= 1;
      let next = improve(node);
      if (next === node) {
        // The normalisations rewrite products only.
        if (node.kind !== 'mul') break;
        for (const n of NORMALISATIONS) next = n.apply(next);
        if (next === node) break;
      }
      node = withSimplifiedKids(next);
    }
    memo.set(origin, node);
    return node;
  }

  let settled = tidy(e);
  // A sum that is numerically constant is proved so (or left alone): see ./zero.ts.
  const constant = work > 0 ? provedConstant(settled, tidy) : undefined;
  if (constant !== undefined) {
    onRewrite?.({ id: 'constant-proved', name: 'constant at sample points, proved by substitution', before: settled, after: constant });
    settled = constant;
  }
  const result = writtenForm(e, settled);
  // The presentation pass runs once a node it rewrites has been met under this memo (a later call that
  // shares the memo may not meet it again, but its result can contain it).
  if (!presentable) return result;
  let shown = presentableMemos.get(memo);
  if (shown === undefined) {
    shown = new Map();
    presentableMemos.set(memo, shown);
  }
  return present(result, shown);
}

/** The presentation pass's results, kept beside each simplification memo that needs one (so shared alike). */
const presentableMemos = new WeakMap<Map<Expr, Expr>, Map<Expr, Expr>>();
