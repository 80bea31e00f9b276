/**
 * The differentiator: ∂e/∂x with every other variable held constant.
 *
 * One pass, bottom-up over the DAG (each shared subexpression is differentiated
 * once), descending only into children that depend on x. Sums and products
 * have their own rules; powers and every function go through the rule table
 * and one generic chain rule:
 *     ∂f(u₁…uₙ)/∂x = Σᵢ (∂f/∂uᵢ)(u₁…uₙ) · ∂uᵢ/∂x     over the uᵢ that depend on x.
 * Arguments that do not depend on x are skipped, so x² never produces ln x.
 * An optional trace records which rule produced each derivative (for --steps).
 */
import { type Expr, mul, pow, ZERO_EXPR, ONE_EXPR, MINUS_ONE_EXPR, children } from './core/expr.js';
import { addAll, mulAll } from './bulk.js';
import { dependsOn } from './analysis.js';
import { rowFor } from './function-table.js';
import { partialAt } from './templates.js';
import { foldDag } from './core/walk.js';
import { DerivError } from './errors.js';
import { dependentTerms } from './dependents.js';
import { budget, maxSizeOf, type SizeOptions } from './limits.js';

export type RuleId =
  | 'constant' // the node does not depend on x
  | 'variable' // ∂x/∂x = 1
  | 'sum'
  | 'constant-factor' // c·f with only f depending on x
  | 'product'
  | 'power' // the pow row, base depends on x, exponent constant
  | 'exponential' // the pow row, only the exponent depends on x
  | 'general-power' // f^g, both depend on x
  | 'function'; // a table row applied to a bare variable (no chain needed)

export interface TraceStep {
  readonly rule: RuleId | 'chain';
  /** The table row used (function name), for 'chain' and 'function' steps. */
  readonly row?: string;
  readonly before: Expr;
  readonly after: Expr;
  /** For chain steps: the outer partials ∂f/∂uᵢ and inner derivatives ∂uᵢ/∂x, per dependent argument. */
  readonly parts?: readonly { readonly inner: Expr; readonly outer: Expr; readonly innerDerivative: Expr }[];
}

export interface DiffOptions extends SizeOptions {
  /** Receives one step per differentiated node, children before parents. */
  readonly trace?: (step: TraceStep) => void;
}

/**
 * ∂e/∂x. x must be a variable name (validated by the caller). Throws TOO_LARGE
 * when the pass would build more than `maxSize` nodes (see src/limits.ts).
 */
export function differentiate(e: Expr, x: string, options: DiffOptions = {}): Expr {
  const trace = options.trace;
  const charge = budget(maxSizeOf(options), `the derivative with respect to ${x}`);
  // Without a trace (which records a 'constant' step for every term), a sum descends only into its dependent terms.
  const kidsOf = (node: Expr): readonly Expr[] =>
    !dependsOn(node, x) ? NONE : node.kind === 'add' && trace === undefined ? dependentTerms(node, x) : children(node);
  const memo = new Map<Expr, Expr>();
  const derivativeOfChild = (child: Expr): Expr => memo.get(child) ?? ZERO_EXPR;
  return foldDag<Expr>(
    e,
    (node, d) => {
      if (!dependsOn(node, x)) {
        trace?.({ rule: 'constant', before: node, after: ZERO_EXPR });
        return ZERO_EXPR;
      }
      if (trace === undefined) {
        const result = logarithmic(node, derivativeOfChild) ?? derivativeOf(node, x, d, charge);
        charge(1 + childCount(result));
        return result;
      }
      const parts: Part[] = [];
      const plain = derivativeOf(node, x, d, charge, parts);
      const result = logarithmic(node, derivativeOfChild) ?? plain;
      charge(1 + childCount(result));
      trace({ ...stepOf(node, x, parts), before: node, after: result });
      return result;
    },
    memo,
    kidsOf,
  );
}

/**
 * Logarithmic differentiation: ∂/∂x log(f₁·f₂·…) = Σ fᵢ′/fᵢ, which equals the chain rule's
 * (f₁·f₂·…)′/(f₁·f₂·…) wherever the product is non-zero, term by term already in lowest terms
 * (log(x²·exp(x)) gives 2/x + 1, not (2·x·exp(x) + x²·exp(x))/(x²·exp(x))). The factors'
 * derivatives are the walk's results for the product's children (all visited before the log).
 */
function logarithmic(node: Expr, derivativeOfChild: (child: Expr) => Expr): Expr | undefined {
  if (node.kind !== 'call' || node.fn !== 'log' || node.args.length !== 1) return undefined;
  const product = node.args[0]!;
  if (product.kind !== 'mul') return undefined;
  const terms: Expr[] = [];
  for (const f of product.factors) {
    const df = derivativeOfChild(f);
    if (df !== ZERO_EXPR) terms.push(mul(df, pow(f, MINUS_ONE_EXPR)));
  }
  return addAll(terms);
}

const NONE: readonly Expr[] = [];
const childCount = (e: Expr): number =>
  e.kind === 'add' ? e.terms.length : e.kind === 'mul' ? e.factors.length : e.kind === 'pow' ? 2 : e.kind === 'call' ? e.args.length : 0;

type Part = { inner: Expr; outer: Expr; innerDerivative: Expr };

/**
 * The derivative of one node from its children's derivatives `d`. With `parts`, the chain rule's
 * outer partials and inner derivatives are recorded there too (for a trace).
 */
function derivativeOf(node: Expr, x: string, d: readonly Expr[], charge: (n: number) => void, parts?: Part[]): Expr {
  switch (node.kind) {
    case 'sym':
      return ONE_EXPR;
    case 'add':
      return addAll(d);
    case 'mul': {
      const factors = node.factors;
      const dependent: boolean[] = [];
      let count = 0;
      for (const f of factors) {
        const dep = dependsOn(f, x);
        dependent.push(dep);
        if (dep) count++;
      }
      charge(count * factors.length); // before building count products of factors.length each
      const terms: Expr[] = [];
      for (let i = 0; i < factors.length; i++) {
        if (!dependent[i]) continue;
        const product = factors.slice();
        product[i] = d[i]!;
        terms.push(mulAll(product));
      }
      return addAll(terms);
    }
    case 'pow':
    case 'call': {
      // 0^g is 0 wherever g > 0 (and undefined elsewhere): its derivative is 0, never a^b*log(a) with log(0).
      if (node.kind === 'pow' && node.base.kind === 'num' && node.base.value.n === 0n) return ZERO_EXPR;
      const args = children(node);
      const row = rowFor(node.kind === 'pow' ? 'pow' : node.fn, args.length);
      if (row === undefined)
        throw new DerivError('UNKNOWN_FUNCTION', `no derivative rule for ${node.kind === 'call' ? node.fn : 'pow'}`);
      const terms: Expr[] = [];
      for (let i = 0; i < args.length; i++) {
        if (!dependsOn(args[i]!, x)) continue;
        const outer = partialAt(row, i, args);
        parts?.push({ inner: args[i]!, outer, innerDerivative: d[i]! });
        terms.push(mul(outer, d[i]!));
      }
      return addAll(terms);
    }
    default:
      return ZERO_EXPR;
  }
}

/** The rule that derivativeOf applied to a node that depends on x (with the parts it recorded). */
function stepOf(node: Expr, x: string, parts: readonly Part[]): Omit<TraceStep, 'before' | 'after'> {
  switch (node.kind) {
    case 'sym':
      return { rule: 'variable' };
    case 'add':
      return { rule: 'sum' };
    case 'mul':
      return { rule: node.factors.filter((f) => dependsOn(f, x)).length === 1 ? 'constant-factor' : 'product' };
    case 'pow': {
      const rule = parts.length === 2 ? 'general-power' : dependsOn(node.base, x) ? 'power' : 'exponential';
      const chained = parts.some((p) => p.inner.kind !== 'sym');
      return chained ? { rule: 'chain', row: 'pow', parts } : { rule, row: 'pow', parts };
    }
    case 'call': {
      const bare = parts.length === 1 && parts[0]!.inner.kind === 'sym';
      return bare ? { rule: 'function', row: node.fn, parts } : { rule: 'chain', row: node.fn, parts };
    }
    default:
      return { rule: 'constant' };
  }
}
