/**
 * The simplifier's strategies: transforms that are code rather than table rows, each named so
 * that a step can say which one fired. A shrinking strategy offers a candidate form of a node
 * and is kept only when the candidate is smaller; a normalising one (sign, content) fixes a
 * choice between equally long forms and always applies.
 */
import { type Expr, type Add, mul, num, splitCoefficient, isMinusOne } from '../core/expr.js';
import { factorCommon, negatedSum } from './factor.js';
import { expand } from './expand.js';
import { expandPolynomialSum } from './univariate.js';
import { togetherForms, togetherInProduct } from './together.js';
import { isNegative, q, gcd } from '../core/rational.js';
import { treeSize } from '../analysis.js';
import { addAll } from '../bulk.js';
import { identityHeadCount } from './identities.js';
import {
  SUBSTITUTION_STRATEGIES, LOG_DIFFERENTIATION, FACTORED_PRODUCT, EXPAND_FOR_IDENTITY, DISTRIBUTE_NUMBER, FLATTEN_FRACTIONS, ROOT_OF_QUOTIENT,
} from './textbook-shapes.js';

export interface StrategyContext {
  /** Largest number of monomials an expansion may produce. */
  readonly maxTerms: number;
  /** Simplifies a freshly built expression (used on a combined numerator before cancelling). */
  readonly tidy: (e: Expr) => Expr;
}

export interface Strategy {
  readonly id: string;
  readonly name: string;
  readonly applies: (e: Expr) => boolean;
  /** Candidate forms of e (undefined entries are skipped). */
  readonly candidates: (e: Expr, context: StrategyContext) => readonly (Expr | undefined)[];
}

/** Sums longer than this are not expanded by distributing (an expansion is capped at maxTerms monomials anyway). */
const EXPANDABLE = 64;
/** Nodes of a monomial c·x^k, for deciding before building whether a dense expansion can be smaller. */
const MONOMIAL_NODES = 5;

const hasSumFactor = (t: Expr): boolean => {
  if (t.kind !== 'mul') return false;
  for (const f of t.factors) if (f.kind === 'add') return true;
  return false;
};
const isDenominator = (f: Expr): boolean => f.kind === 'pow' && f.exp.kind === 'num' && f.exp.value.n < 0n;
const hasDenominator = (t: Expr): boolean => {
  if (t.kind !== 'mul') return isDenominator(t);
  for (const f of t.factors) if (isDenominator(f)) return true;
  return false;
};
const someTermHasDenominator = (sum: Add): boolean => {
  for (const t of sum.terms) if (hasDenominator(t)) return true;
  return false;
};
const someTermHasSumFactor = (sum: Add): boolean => {
  for (const t of sum.terms) if (hasSumFactor(t)) return true;
  return false;
};
/** A power of a sum with a denominator among its terms ((1 + 4/x²)^(−1)). */
const isDenominatorOfDenominator = (f: Expr): boolean => f.kind === 'pow' && f.base.kind === 'add' && someTermHasDenominator(f.base);

/*
 * The `applies` tests below run at every node the simplifier settles, most of which no strategy
 * changes, so they are plain loops (no closures or arrays): they decide most of a small input's time.
 */

/** A product with a sum factor worth multiplying out (see expand-product), none of them too long. */
function expandableProduct(e: Expr): boolean {
  if (e.kind !== 'mul') return false;
  let worth = false;
  let heads = -1;
  for (const f of e.factors) {
    if (f.kind !== 'add') continue;
    if (f.terms.length > EXPANDABLE) return false;
    if (worth) continue;
    if (someTermHasDenominator(f)) worth = true;
    else {
      if (heads < 0) heads = identityHeadCount(e);
      worth = heads >= 2;
    }
  }
  return worth;
}

function hasDenominatorOfDenominator(e: Expr): boolean {
  if (e.kind !== 'mul') return isDenominatorOfDenominator(e);
  for (const f of e.factors) if (isDenominatorOfDenominator(f)) return true;
  return false;
}

export const SHRINKING_STRATEGIES: readonly Strategy[] = [
  {
    id: 'common-factor',
    name: 'common factor',
    applies: (e) => e.kind === 'add',
    candidates: (e) => [factorCommon(e as Add)],
  },
  {
    id: 'expand',
    name: 'expand and collect',
    // Expansion distributes products over sum factors: without one it would give the sum back.
    // Past the distributing expansion's budget, a sum of products of polynomials in one generator is
    // multiplied out densely (the product rule on Π(x + k): n² coefficient operations, not 2ⁿ monomials).
    applies: (e) => e.kind === 'add' && someTermHasSumFactor(e),
    candidates: (e, { maxTerms }) => {
      const expanded = (e as Add).terms.length <= EXPANDABLE ? expand(e, maxTerms) : undefined;
      if (expanded !== undefined) return [expanded, expanded.kind === 'add' ? factorCommon(expanded) : undefined];
      const dense = expandPolynomialSum(e as Add, (monomials) => MONOMIAL_NODES * monomials < treeSize(e));
      return [dense, dense?.kind === 'add' ? factorCommon(dense) : undefined];
    },
  },
  {
    id: 'expand-product',
    name: 'expand and collect',
    // A product over a sum, multiplied out and simplified term by term, where identities then cancel
    // terms (e^(−z)·σ(z) = σ(−z) inside −(y − 1 + y·e^(−z))·σ(z) gives σ(z) − y). Plain distribution
    // is not offered: the simplified expansion must beat the expansion with its common factors pulled out.
    applies: expandableProduct,
    candidates: (e, { maxTerms, tidy }) => {
      const expanded = expand(e, maxTerms);
      if (expanded === undefined || expanded === e || expanded.kind !== 'add') return [];
      const simplified = tidy(expanded);
      if (simplified === expanded || treeSize(simplified) >= treeSize(factorCommon(expanded))) return [];
      return [simplified];
    },
  },
  {
    id: 'common-denominator',
    name: 'common denominator',
    applies: (e) => e.kind === 'add' && someTermHasDenominator(e),
    candidates: (e, { maxTerms, tidy }) => togetherForms(e as Add, maxTerms, tidy),
  },
  {
    id: 'denominator-of-denominator',
    name: 'common denominator inside a denominator',
    applies: hasDenominatorOfDenominator,
    candidates: (e, { maxTerms, tidy }) => [togetherInProduct(e, maxTerms, tidy)],
  },
];

/** −1 · … · (mostly negative sum) → … · (negated sum): −x·(y − σ) → x·(σ − y). */
function absorbSign(product: Expr): Expr {
  if (product.kind !== 'mul' || !isMinusOne(product.factors[0]!)) return product;
  let sum: Add | undefined;
  for (const f of product.factors) {
    if (f.kind !== 'add') continue;
    if (sum !== undefined) return product;
    sum = f;
  }
  if (sum === undefined) return product;
  const negatives = sum.terms.filter((t) => isNegative(splitCoefficient(t)[0])).length;
  if (negatives * 2 < sum.terms.length) return product;
  const negated = negatedSum(sum);
  return mul(...product.factors.slice(1).map((f) => (f === sum ? negated : f)));
}

/**
 * A sum factor's positive rational content joins the product's coefficient:
 * 10·(2 + 2x)·u → 20·(1 + x)·u, x·(x/2 + 1/2) → x·(1 + x)/2. Only in a product:
 * a lone sum keeps its terms (2 + 2x), as the parent sum would distribute it back.
 */
function pullContent(product: Expr): Expr {
  if (product.kind !== 'mul') return product;
  let sums = false;
  for (const f of product.factors) if (f.kind === 'add') sums = true;
  if (!sums) return product;
  let changed = false;
  // Bounded: Π(x + k/1000) over 1000 factors would pull a coefficient of thousands of digits,
  // exact but 0 in double precision next to a product that overflows. Past 64 bits, leave the product as it is.
  let bits = 0;
  const factors = product.factors.map((f) => {
    if (f.kind !== 'add') return f;
    const [n, d] = contentOf(f);
    if (n === d) return f;
    bits += n.toString(2).length + d.toString(2).length;
    changed = true;
    const inverse = num(q(d, n));
    return mul(num(q(n, d)), addAll(f.terms.map((t) => mul(inverse, t))));
  });
  return changed && bits <= 64 ? mul(...factors) : product;
}

const contentMemo = new WeakMap<Expr, readonly [bigint, bigint]>();

/** A sum's rational content: gcd of its coefficients' numerators over lcm of their denominators (memoised). */
function contentOf(sum: Add): readonly [bigint, bigint] {
  let known = contentMemo.get(sum);
  if (known === undefined) {
    let n = 0n;
    let d = 1n;
    for (const t of sum.terms) {
      const c = splitCoefficient(t)[0];
      n = gcd(n, c.n);
      d = (d * c.d) / gcd(d, c.d);
    }
    known = [n, d];
    contentMemo.set(sum, known);
  }
  return known;
}

/** The shrinking strategies that can apply to a node of each kind (sums; products and powers). */
const SUM_IDS = ['common-factor', 'expand', 'common-denominator'];
export const STRATEGIES_FOR_SUMS: readonly Strategy[] = [
  ...SHRINKING_STRATEGIES.filter((s) => SUM_IDS.includes(s.id)),
  FACTORED_PRODUCT, LOG_DIFFERENTIATION, EXPAND_FOR_IDENTITY, ...SUBSTITUTION_STRATEGIES,
];
export const STRATEGIES_FOR_PRODUCTS: readonly Strategy[] = [
  ...SHRINKING_STRATEGIES.filter((s) => !SUM_IDS.includes(s.id)),
  DISTRIBUTE_NUMBER, FLATTEN_FRACTIONS, ROOT_OF_QUOTIENT, ...SUBSTITUTION_STRATEGIES,
];

export interface Normalisation {
  readonly id: string;
  readonly name: string;
  readonly apply: (e: Expr) => Expr;
}

export const NORMALISATIONS: readonly Normalisation[] = [
  { id: 'content', name: 'numeric content out of a sum factor', apply: pullContent },
  { id: 'sign', name: 'sign into a mostly negative sum factor', apply: absorbSign },
];
