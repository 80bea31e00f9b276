/**
 * Expanding a sum of products of polynomials in one generator, fast: the product rule on
 * Π(x + k/n) gives Σₖ Πⱼ≠ₖ (x + j/n), n terms of n − 1 factors, whose expansion by distributing
 * (./expand.ts) has 2ⁿ⁻¹ monomials per term before like terms meet. Here each polynomial factor is
 * a dense array of integer coefficients (its rational content kept apart), the factors' least
 * common multiple L is multiplied out once, and each term is L divided exactly by the factors it
 * lacks — O(n²) coefficient operations for the whole sum instead of O(n³) (or 2ⁿ). The sparse
 * multivariate polynomials of ./polynomial.ts (terms in maps keyed by exponent lists, for cancelling
 * common factors) would multiply each term out on its own: n³ map updates here.
 *
 * Contract: the result is the same polynomial as the sum (exact integer arithmetic; the divisions
 * are exact by construction), or undefined when the sum is not a polynomial in one generator
 * (a symbol, or any non-sum atom such as cos(x)), or when the work, degree or coefficient size
 * would pass the bounds below (Π of 1,000 factors is left to the caller as it is).
 */
import { type Expr, type Add, mul, pow, num, splitCoefficient } from '../core/expr.js';
import { type Rational, q, mulQ, gcd } from '../core/rational.js';
import { addAll } from '../bulk.js';

/** Largest degree of the common multiple multiplied out. */
const MAX_DEGREE = 256;
/** Most coefficient operations (multiply-adds) one expansion may make. */
const MAX_WORK = 400_000;
/** Coefficients of the common multiple stay below this in size (4096 bits). */
const LIMIT = 1n << 4096n;
/** (sum)^k factors are taken apart up to this k. */
const MAX_POWER = 64;

/** Coefficients by power of the generator, lowest first; integers; the leading one is not 0. */
type Dense = bigint[];

/** A polynomial factor: content × primitive integer polynomial. */
interface Factor {
  readonly content: Rational;
  readonly poly: Dense;
}

/** One term of the sum: coefficient · g^shift · Π base^multiplicity. */
interface Term {
  coefficient: Rational;
  shift: number;
  readonly bases: Map<Expr, number>;
}

/** Reads expressions as polynomials in the one generator met first (undefined past that). */
class Reader {
  generator: Expr | undefined;
  private readonly factors = new Map<Expr, Factor | null>();

  /** The power of the generator e is (g → 1, g^k → k), or undefined. */
  degreeOf(e: Expr): number | undefined {
    let base = e;
    let k = 1;
    if (e.kind === 'pow') {
      const x = e.exp;
      if (x.kind !== 'num' || x.value.d !== 1n || x.value.n < 1n || x.value.n > BigInt(MAX_DEGREE)) return undefined;
      base = e.base;
      k = Number(x.value.n);
    }
    if (base.kind === 'num' || base.kind === 'add' || base.kind === 'mul' || base.kind === 'pow' || base.kind === 'const') return undefined;
    this.generator ??= base;
    return base === this.generator ? k : undefined;
  }

  /** A sum as a factor (memoised by node: one factor occurs in many terms), or undefined. */
  factor(sum: Add): Factor | undefined {
    const known = this.factors.get(sum);
    if (known !== undefined) return known ?? undefined;
    const made = this.readSum(sum);
    this.factors.set(sum, made ?? null);
    return made;
  }

  private readSum(sum: Add): Factor | undefined {
    const coefficients: Rational[] = [];
    let denominator = 1n;
    for (const t of sum.terms) {
      const [c, rest] = splitCoefficient(t);
      const k = rest.kind === 'num' ? 0 : this.degreeOf(rest);
      if (k === undefined) return undefined;
      coefficients[k] = c;
      denominator = (denominator * c.d) / gcd(denominator, c.d);
    }
    const poly: Dense = Array.from(coefficients, (c) => (c === undefined ? 0n : (c.n * denominator) / c.d));
    let content = 0n;
    for (const c of poly) content = gcd(content, c);
    for (let i = 0; i < poly.length; i++) poly[i]! /= content;
    return { content: q(content, denominator), poly };
  }
}

const degree = (p: Dense): number => p.length - 1;

function multiply(a: Dense, b: Dense): Dense {
  const out = new Array<bigint>(a.length + b.length - 1).fill(0n);
  for (let i = 0; i < a.length; i++) {
    const ai = a[i]!;
    if (ai === 0n) continue;
    for (let j = 0; j < b.length; j++) out[i + j]! += ai * b[j]!;
  }
  return out;
}

/** p / d for a d that divides p exactly over the integers (d primitive, p a multiple of it). */
function divideExactly(p: Dense, d: Dense): Dense {
  const rest = p.slice();
  const lead = d[d.length - 1]!;
  const out = new Array<bigint>(p.length - d.length + 1);
  for (let i = out.length - 1; i >= 0; i--) {
    const c = rest[i + d.length - 1]! / lead;
    out[i] = c;
    if (c !== 0n) for (let j = 0; j < d.length; j++) rest[i + j]! -= c * d[j]!;
  }
  return out;
}

/** A term of the sum read as coefficient · g^shift · Π base^multiplicity, or undefined. */
function readTerm(t: Expr, reader: Reader): Term | undefined {
  const [c, rest] = splitCoefficient(t);
  const term: Term = { coefficient: c, shift: 0, bases: new Map() };
  let degree = 0;
  const factors = rest.kind === 'mul' ? rest.factors : rest.kind === 'num' ? [] : [rest];
  for (const f of factors) {
    let base = f;
    let k = 1;
    if (f.kind === 'pow' && f.base.kind === 'add') {
      const x = f.exp;
      if (x.kind !== 'num' || x.value.d !== 1n || x.value.n < 1n || x.value.n > BigInt(MAX_POWER)) return undefined;
      base = f.base;
      k = Number(x.value.n);
    }
    if (base.kind === 'add') {
      const factor = reader.factor(base);
      if (factor === undefined) return undefined;
      for (let i = 0; i < k; i++) term.coefficient = mulQ(term.coefficient, factor.content);
      term.bases.set(base, (term.bases.get(base) ?? 0) + k);
      degree += k * (factor.poly.length - 1);
    } else {
      const d = reader.degreeOf(f);
      if (d === undefined) return undefined;
      term.shift += d;
      degree += d;
    }
    // A term past the degree bound puts the whole sum past it (checked early: Π of 1,000 factors).
    if (degree > MAX_DEGREE) return undefined;
  }
  return term;
}


/**
 * The sum multiplied out and collected, as an expression, or undefined (see the contract above).
 * `worthIt(n)` is asked with the number of monomials before the expression is built.
 */
export function expandPolynomialSum(sum: Add, worthIt: (monomials: number) => boolean): Expr | undefined {
  const reader = new Reader();
  const terms: Term[] = [];
  let hasSum = false;
  for (const t of sum.terms) {
    const term = readTerm(t, reader);
    if (term === undefined) return undefined;
    if (term.bases.size > 0) hasSum = true;
    terms.push(term);
  }
  const g = reader.generator;
  if (!hasSum || g === undefined) return undefined;

  // The common multiple of the terms' sum factors, and its degree.
  const multiple = new Map<Expr, number>();
  for (const term of terms) for (const [b, k] of term.bases) multiple.set(b, Math.max(k, multiple.get(b) ?? 0));
  let top = 0;
  for (const [b, k] of multiple) top += k * degree(reader.factor(b as Add)!.poly);
  if (top > MAX_DEGREE) return undefined;

  let work = 0;
  let lcm: Dense = [1n];
  for (const [b, k] of multiple) {
    const p = reader.factor(b as Add)!.poly;
    for (let i = 0; i < k; i++) {
      work += lcm.length * p.length;
      if (work > MAX_WORK) return undefined;
      lcm = multiply(lcm, p);
      // Checked as it grows: (x + 10^100)^64·… would otherwise multiply 20,000-digit numbers before any check.
      for (const c of lcm) if (c > LIMIT || c < -LIMIT) return undefined;
    }
  }

  // Each term: the multiple divided by what the term lacks, or its own factors multiplied, whichever is less work.
  let denominator = 1n;
  for (const term of terms) denominator = (denominator * term.coefficient.d) / gcd(denominator, term.coefficient.d);
  const total: bigint[] = [];
  for (const term of terms) {
    let own = 0;
    for (const [b, k] of term.bases) own += k * degree(reader.factor(b as Add)!.poly);
    let poly: Dense;
    if (top - own <= own) {
      poly = lcm;
      for (const [b, k] of multiple) {
        const p = reader.factor(b as Add)!.poly;
        for (let i = term.bases.get(b) ?? 0; i < k; i++) {
          work += poly.length * p.length;
          poly = divideExactly(poly, p);
        }
      }
    } else {
      poly = [1n];
      for (const [b, k] of term.bases) {
        const p = reader.factor(b as Add)!.poly;
        for (let i = 0; i < k; i++) {
          work += poly.length * p.length;
          poly = multiply(poly, p);
        }
      }
    }
    if (work > MAX_WORK) return undefined;
    const scale = (term.coefficient.n * denominator) / term.coefficient.d;
    for (let i = 0; i < poly.length; i++) total[i + term.shift] = (total[i + term.shift] ?? 0n) + scale * poly[i]!;
  }

  let monomials = 0;
  for (const c of total) if (c !== undefined && c !== 0n) monomials++;
  if (!worthIt(monomials)) return undefined;
  const out: Expr[] = [];
  total.forEach((c, i) => {
    if (c === undefined || c === 0n) return;
    const coefficient = num(q(c, denominator));
    out.push(i === 0 ? coefficient : mul(coefficient, i === 1 ? g : pow(g, num(i))));
  });
  return out.length === 0 ? num(0) : out.length === 1 ? out[0]! : addAll(out);
}
