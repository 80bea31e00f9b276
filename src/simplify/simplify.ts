/**
 * The simplifier: canonical construction does most of the algebra; this pass
 * chooses, bottom-up, the shortest of a few equivalent forms for each sum:
 *   - as built;
 *   - with common factors pulled out (x^x + x^x·ln x → x^x·(1 + ln x));
 *   - expanded, then re-factored (finds cancellations hidden inside products).
 * Ties keep the form as built, so chain-rule factors stay as a textbook has
 * them: x·(w·x + b − y), not x²·w + x·b − x·y. Products with coefficient −1
 * absorb the sign into a sum factor that is mostly negative: −x·(y − σ) → x·(σ − y).
 * Every step is an identity, so simplify never changes a value.
 */
import { type Expr, type Add, add, mul, num, rebuild, children, splitCoefficient, isMinusOne } from '../expr.js';
import { foldDag } from '../walk.js';
import { factorCommon, negatedSum } from './factor.js';
import { expand } from './expand.js';
import { treeSize } from '../analysis.js';
import { isNegative, q } from '../rational.js';

export interface SimplifyOptions {
  /** Largest number of monomials an expansion attempt may produce (default 64). */
  readonly maxExpandTerms?: number;
}

const cost = (e: Expr): number => treeSize(e, 1e7);

function bestSum(sum: Add, maxTerms: number): Expr {
  let best: Expr = sum;
  let bestCost = cost(sum);
  const consider = (candidate: Expr | undefined): void => {
    if (candidate === undefined || candidate === best) return;
    const c = cost(candidate);
    if (c < bestCost) {
      best = candidate;
      bestCost = c;
    }
  };
  consider(factorCommon(sum));
  // Expansion distributes products over sum factors: without one it would give the sum back.
  if (!sum.terms.some((t) => t.kind === 'mul' && t.factors.some((f) => f.kind === 'add'))) return best;
  const expanded = expand(sum, maxTerms);
  if (expanded !== undefined && expanded !== sum) {
    consider(expanded);
    if (expanded.kind === 'add') consider(factorCommon(expanded));
  }
  return best;
}

/** −1 · … · (mostly negative sum) → … · (negated sum). */
function absorbSign(product: Expr): Expr {
  if (product.kind !== 'mul' || !isMinusOne(product.factors[0]!)) return product;
  const sums = product.factors.filter((f) => f.kind === 'add');
  if (sums.length !== 1) return product;
  const sum = sums[0] as Add;
  const negatives = sum.terms.filter((t) => isNegative(splitCoefficient(t)[0])).length;
  if (negatives * 2 < sum.terms.length) return product;
  const negated = negatedSum(sum);
  return mul(...product.factors.slice(1).map((f) => (f === sum ? negated : f)));
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * A sum factor's positive rational content joins the product's coefficient:
 * 10·(2 + 2x)·u → 20·(1 + x)·u, x·(x/2 + 1/2) → x·(1 + x)/2. Only in a product:
 * a lone sum keeps its terms (2 + 2x), as the parent sum would distribute it back.
 */
function pullContent(product: Expr): Expr {
  if (product.kind !== 'mul' || !product.factors.some((f) => f.kind === 'add')) return product;
  let changed = false;
  // Bounded: Π(x + k/1000) over 1000 factors would pull a coefficient of thousands of digits,
  // exact but 0 in double precision next to a product that overflows. Past 64 bits, leave the product as it is.
  let bits = 0;
  const factors = product.factors.map((f) => {
    if (f.kind !== 'add') return f;
    let n = 0n;
    let d = 1n;
    for (const t of f.terms) {
      const c = splitCoefficient(t)[0];
      n = gcd(n, c.n);
      d = (d * c.d) / gcd(d, c.d);
    }
    if (n === d) return f;
    bits += n.toString(2).length + d.toString(2).length;
    changed = true;
    const inverse = num(q(d, n));
    return mul(num(q(n, d)), add(...f.terms.map((t) => mul(inverse, t))));
  });
  return changed && bits <= 64 ? mul(...factors) : product;
}

function sameKids(node: Expr, kids: readonly Expr[]): boolean {
  if (node.kind === 'pow') return kids[0] === node.base && kids[1] === node.exp;
  const old = children(node);
  for (let i = 0; i < kids.length; i++) if (kids[i] !== old[i]) return false;
  return true;
}

export function simplify(e: Expr, options: SimplifyOptions = {}): Expr {
  const maxTerms = options.maxExpandTerms ?? 64;
  return foldDag<Expr>(e, (node, kids) => {
    // Unchanged children: the node is already canonical (rebuilding would give it back, at a cost).
    let out = kids.length === 0 || sameKids(node, kids) ? node : rebuild(node, kids);
    if (out.kind === 'add') out = bestSum(out, maxTerms);
    if (out.kind === 'mul') out = absorbSign(pullContent(out));
    return out;
  });
}

