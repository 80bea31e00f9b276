/**
 * Sparse multivariate polynomials with exact rational coefficients, over "generators": the parts
 * of an expression that are not sums, products or positive integer powers (x, cos(x), exp(2*x),
 * √y are each one generator). Used to cancel common factors of a numerator and a denominator.
 *
 * Monomials are ordered lexicographically by generator index (the order generators were met);
 * division follows the division algorithm in that order: d divides p exactly when the remainder is 0.
 */
import { type Expr, add, mul, pow, num } from '../core/expr.js';
import { type Rational, ZERO, addQ, mulQ, divQ, isZero, negQ } from '../core/rational.js';

/** Exponents by generator index (trailing zeros trimmed), and the coefficient. */
interface Term {
  readonly exps: readonly number[];
  readonly c: Rational;
}
/** Terms sorted in decreasing lexicographic order of their monomials; no zero coefficients. */
export type Poly = readonly Term[];

/** The generators met so far: expression ↔ index. */
export class Generators {
  readonly list: Expr[] = [];
  private readonly index = new Map<Expr, number>();
  of(e: Expr): number {
    let i = this.index.get(e);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(e);
      this.index.set(e, i);
    }
    return i;
  }
}

function compareMonomials(a: readonly number[], b: readonly number[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
const keyOf = (exps: readonly number[]): string => exps.join(',');
function trim(exps: number[]): number[] {
  let n = exps.length;
  while (n > 0 && exps[n - 1] === 0) n--;
  exps.length = n;
  return exps;
}

function normalise(terms: Map<string, Term>): Poly {
  const out: Term[] = [];
  for (const t of terms.values()) if (!isZero(t.c)) out.push(t);
  return out.sort((a, b) => compareMonomials(b.exps, a.exps));
}

function addInto(acc: Map<string, Term>, exps: readonly number[], c: Rational): void {
  const k = keyOf(exps);
  const had = acc.get(k);
  acc.set(k, { exps, c: had === undefined ? c : addQ(had.c, c) });
}

export function addPoly(a: Poly, b: Poly): Poly {
  const acc = new Map<string, Term>();
  for (const t of a) addInto(acc, t.exps, t.c);
  for (const t of b) addInto(acc, t.exps, t.c);
  return normalise(acc);
}

function mulExps(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = (a[i] ?? 0) + (b[i] ?? 0);
  return out;
}

export function mulPoly(a: Poly, b: Poly): Poly {
  const acc = new Map<string, Term>();
  for (const s of a) for (const t of b) addInto(acc, mulExps(s.exps, t.exps), mulQ(s.c, t.c));
  return normalise(acc);
}

/** Nesting of sums, products and powers converted (deeper input is not a polynomial here). */
const MAX_DEPTH = 24;

/**
 * e as a polynomial over generators, or undefined when it would have more than maxTerms terms
 * (or a power above 64). Negative and fractional powers are generators of their own.
 */
export function toPoly(e: Expr, gens: Generators, maxTerms: number, depth = 0): Poly | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const toPoly_ = (k: Expr): Poly | undefined => toPoly(k, gens, maxTerms, depth + 1);
  switch (e.kind) {
    case 'num':
      return isZero(e.value) ? [] : [{ exps: [], c: e.value }];
    case 'add': {
      let acc: Poly = [];
      for (const t of e.terms) {
        const p = toPoly_(t);
        if (p === undefined) return undefined;
        acc = addPoly(acc, p);
        if (acc.length > maxTerms) return undefined;
      }
      return acc;
    }
    case 'mul': {
      let acc: Poly = [{ exps: [], c: { n: 1n, d: 1n } }];
      for (const f of e.factors) {
        const p = toPoly_(f);
        if (p === undefined) return undefined;
        acc = mulPoly(acc, p);
        if (acc.length > maxTerms) return undefined;
      }
      return acc;
    }
    case 'pow': {
      const k = e.exp.kind === 'num' && e.exp.value.d === 1n && e.exp.value.n > 0n ? e.exp.value.n : undefined;
      if (k === undefined || k > 64n) return generator(e, gens);
      if (e.base.kind !== 'add') {
        const exps: number[] = [];
        exps[gens.of(e.base)] = Number(k);
        return [{ exps: Array.from(exps, (x) => x ?? 0), c: { n: 1n, d: 1n } }];
      }
      const base = toPoly_(e.base);
      if (base === undefined) return undefined;
      let acc: Poly = [{ exps: [], c: { n: 1n, d: 1n } }];
      for (let i = 0n; i < k; i++) {
        acc = mulPoly(acc, base);
        if (acc.length > maxTerms) return undefined;
      }
      return acc;
    }
    default:
      return generator(e, gens);
  }
}

function generator(e: Expr, gens: Generators): Poly {
  const exps: number[] = [];
  exps[gens.of(e)] = 1;
  return [{ exps: Array.from(exps, (x) => x ?? 0), c: { n: 1n, d: 1n } }];
}

/** Term visits one division may make (the sum of the intermediate polynomial's sizes). */
const MAX_DIVISION_WORK = 200_000;
/** Coefficients past 2^256 (numerator or denominator) stop a division. */
const COEFFICIENT_LIMIT = 1n << 256n;
const tooBig = (c: Rational): boolean => c.n > COEFFICIENT_LIMIT || -c.n > COEFFICIENT_LIMIT || c.d > COEFFICIENT_LIMIT;

/**
 * p = quotient·d + remainder by the division algorithm (lex order): leading terms divisible by d's
 * leading term go to the quotient, the others to the remainder. Undefined for d = 0.
 */
export function divideWithRemainder(p: Poly, d: Poly): { quotient: Poly; remainder: Poly } | undefined {
  if (d.length === 0) return undefined;
  const lead = d[0]!;
  const quotient = new Map<string, Term>();
  const remainder = new Map<string, Term>();
  let rest = p;
  // Bounded work: a division whose intermediate polynomial keeps growing (many generators, a high
  // power) or whose coefficients swell gives no short result anyway, so it stops with undefined
  // instead of running for minutes (the fuzz test found one that did).
  let work = 0;
  for (let guard = 0; rest.length > 0; guard++) {
    work += rest.length;
    if (guard > 10_000 || work > MAX_DIVISION_WORK) return undefined;
    const top = rest[0]!;
    if (tooBig(top.c)) return undefined;
    const exps: number[] = [];
    let divisible = true;
    const n = Math.max(top.exps.length, lead.exps.length);
    for (let i = 0; i < n && divisible; i++) {
      const e = (top.exps[i] ?? 0) - (lead.exps[i] ?? 0);
      if (e < 0) divisible = false;
      exps.push(e);
    }
    if (!divisible) {
      addInto(remainder, top.exps, top.c);
      rest = rest.slice(1);
      continue;
    }
    const t: Term = { exps: trim(exps), c: divQ(top.c, lead.c) };
    addInto(quotient, t.exps, t.c);
    rest = addPoly(rest, mulPoly([{ exps: t.exps, c: negQ(t.c) }], d));
  }
  return { quotient: normalise(quotient), remainder: normalise(remainder) };
}

/** p / d when d divides p exactly (d ≠ 0), else undefined. */
export function divideExactly(p: Poly, d: Poly): Poly | undefined {
  const split = divideWithRemainder(p, d);
  return split !== undefined && split.remainder.length === 0 ? split.quotient : undefined;
}

/** The polynomial as an expression (through the constructors). */
export function fromPoly(p: Poly, gens: Generators): Expr {
  const terms: Expr[] = [];
  for (const t of p) {
    const factors: Expr[] = [num(t.c)];
    t.exps.forEach((k, i) => {
      if (k !== 0) factors.push(pow(gens.list[i]!, num(BigInt(k))));
    });
    terms.push(mul(...factors));
  }
  return terms.length === 0 ? num(ZERO) : add(...terms);
}
