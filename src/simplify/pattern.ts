/**
 * Matching identity patterns (rules/identities.ts) against canonical expressions.
 *
 * A pattern is an ordinary expression whose symbols are pattern variables. Matching is
 * structural, with three allowances that canonical form makes necessary (see the table's header):
 * sums and products match in any order (AC), products match a part raised to a positive
 * integer power, sums match a part scaled by a number, and `c*u` (c a number) matches any
 * expression whose coefficient has c's sign, binding u to it divided by c.
 * Matching never builds more than the bindings it returns; `instantiate` builds the result.
 */
import { type Expr, mul, pow, num, splitCoefficient, children, rebuild } from '../core/expr.js';
import { type Rational, ONE, ZERO, divQ, mulQ, subQ, isNegative, isZero, cmpQ, eqQ } from '../core/rational.js';
import { freeVariables } from '../analysis.js';

export type Bindings = ReadonlyMap<string, Expr>;
const NO_BINDINGS: Bindings = new Map();

function bind(b: Bindings, name: string, e: Expr): Bindings | undefined {
  const known = b.get(name);
  if (known !== undefined) return known === e ? b : undefined;
  const out = new Map(b);
  out.set(name, e);
  return out;
}

/** Every way `pattern` matches `e` exactly (no scaling or powers at the top), extending `b`. */
export function matchExact(pattern: Expr, e: Expr, b: Bindings = NO_BINDINGS): Bindings[] {
  switch (pattern.kind) {
    case 'sym': {
      const out = bind(b, pattern.name, e);
      return out === undefined ? [] : [out];
    }
    case 'num':
    case 'const':
      return pattern === e ? [b] : [];
    case 'call': {
      if (e.kind !== 'call' || e.fn !== pattern.fn || e.args.length !== pattern.args.length) return [];
      return matchSequence(pattern.args, e.args, b);
    }
    case 'pow':
      if (e.kind !== 'pow') return [];
      return matchSequence([pattern.base, pattern.exp], [e.base, e.exp], b);
    case 'mul': {
      const scaled = scaledVariable(pattern);
      if (scaled !== undefined) {
        const [c, name] = scaled;
        const own = splitCoefficient(e)[0];
        if (isNegative(own) !== isNegative(c)) return [];
        const out = bind(b, name, mul(num(divQ(ONE, c)), e));
        return out === undefined ? [] : [out];
      }
      if (e.kind !== 'mul' || e.factors.length !== pattern.factors.length) return [];
      return matchUnordered(pattern.factors, e.factors, b);
    }
    case 'add':
      if (e.kind !== 'add' || e.terms.length !== pattern.terms.length) return [];
      return matchUnordered(pattern.terms, e.terms, b);
  }
}

/** c·u for a number c and a pattern variable u: [c, 'u']. */
function scaledVariable(pattern: Expr): [Rational, string] | undefined {
  if (pattern.kind !== 'mul' || pattern.factors.length !== 2) return undefined;
  const [c, u] = pattern.factors as [Expr, Expr];
  return c.kind === 'num' && u.kind === 'sym' ? [c.value, u.name] : undefined;
}

function matchSequence(ps: readonly Expr[], es: readonly Expr[], b: Bindings): Bindings[] {
  let states: Bindings[] = [b];
  for (let i = 0; i < ps.length && states.length > 0; i++) {
    const next: Bindings[] = [];
    for (const s of states) next.push(...matchExact(ps[i]!, es[i]!, s));
    states = next;
  }
  return states;
}

/** Equally long lists matched in any order (patterns are a few terms long). */
function matchUnordered(ps: readonly Expr[], es: readonly Expr[], b: Bindings): Bindings[] {
  const out: Bindings[] = [];
  const used = new Array<boolean>(es.length).fill(false);
  const go = (i: number, s: Bindings): void => {
    if (i === ps.length) {
      out.push(s);
      return;
    }
    for (let j = 0; j < es.length; j++) {
      if (used[j]) continue;
      used[j] = true;
      for (const t of matchExact(ps[i]!, es[j]!, s)) go(i + 1, t);
      used[j] = false;
    }
  };
  go(0, b);
  return out;
}

// ---------------------------------------------------------------- products

/** A factor as base and numeric exponent (x^2 → [x, 2], sin(x) → [sin(x), 1]). */
export function baseAndExponent(f: Expr): [Expr, Rational] {
  return f.kind === 'pow' && f.exp.kind === 'num' ? [f.base, f.exp.value] : [f, ONE];
}

export interface ProductMatch {
  readonly bindings: Bindings;
  /** The positive integer power of the pattern found in the product. */
  readonly power: bigint;
  /** The product's factors left over (exponents reduced), coefficient included. */
  readonly rest: readonly Expr[];
}

/**
 * The pattern (a product of factors with numeric exponents) inside the product `e`, at the largest
 * positive integer power m it divides: sin(x)^3·cos(x)^(−2) holds sin(u)·cos(u)^(−1) at m = 2.
 */
export function matchProduct(
  pattern: readonly (readonly [Expr, Rational])[],
  e: Expr,
  accept: (b: Bindings) => boolean = () => true,
): ProductMatch | undefined {
  const factors = e.kind === 'mul' ? e.factors : [e];
  if (factors.length < pattern.length) return undefined;
  const parts = factors.map(baseAndExponent);
  // Cheap test first: each pattern factor needs its own factor of the same exponent sign (and function, if it names one).
  for (let i = 0; i < pattern.length; i++) {
    const [pb, pe] = pattern[i]!;
    const negative = isNegative(pe);
    const fits = (b: Expr, k: Rational): boolean => isNegative(k) === negative && (pb.kind !== 'call' || (b.kind === 'call' && b.fn === pb.fn));
    let needed = 0;
    for (let j = 0; j < pattern.length; j++) if (pattern[j]![0].kind === pb.kind && fits(pattern[j]![0], pattern[j]![1])) needed++;
    let have = 0;
    for (const [b, k] of parts) if (fits(b, k)) have++;
    if (have < Math.max(1, needed)) return undefined;
  }
  const used = new Array<boolean>(parts.length).fill(false);
  const chosen = new Array<number>(pattern.length);
  let found: ProductMatch | undefined;
  const go = (i: number, b: Bindings): boolean => {
    if (i === pattern.length) {
      if (!accept(b)) return false;
      found = finishProduct(pattern, parts, factors, chosen, b);
      return found !== undefined;
    }
    const [pb, pe] = pattern[i]!;
    for (let j = 0; j < parts.length; j++) {
      if (used[j]) continue;
      const [base, k] = parts[j]!;
      // Same sign, and at least the pattern's exponent: the power m is at least 1.
      if (isNegative(k) !== isNegative(pe) || cmpQ(divQ(k, pe), ONE) < 0) continue;
      for (const s of matchExact(pb, base, b)) {
        used[j] = true;
        chosen[i] = j;
        const done = go(i + 1, s);
        used[j] = false;
        if (done) return true;
      }
    }
    return false;
  };
  go(0, NO_BINDINGS);
  return found;
}

function finishProduct(
  pattern: readonly (readonly [Expr, Rational])[],
  parts: readonly [Expr, Rational][],
  factors: readonly Expr[],
  chosen: readonly number[],
  bindings: Bindings,
): ProductMatch | undefined {
  let m: Rational | undefined;
  for (let i = 0; i < pattern.length; i++) {
    const ratio = divQ(parts[chosen[i]!]![1], pattern[i]![1]);
    if (m === undefined || cmpQ(ratio, m) < 0) m = ratio;
  }
  // The power is a whole number (a^m·b^m = (a·b)^m needs integer m for every real a, b).
  const power = m!.n / m!.d;
  if (power < 1n) return undefined;
  const rest: Expr[] = [];
  for (let j = 0; j < factors.length; j++) {
    const i = chosen.indexOf(j);
    if (i < 0) {
      rest.push(factors[j]!);
      continue;
    }
    const left = subQ(parts[j]![1], mulQ(pattern[i]![1], { n: power, d: 1n }));
    if (!isZero(left)) rest.push(pow(parts[j]![0], num(left)));
  }
  return { bindings, power, rest };
}

// ---------------------------------------------------------------- sums

export interface SumMatch {
  readonly bindings: Bindings;
  /** What the pattern was multiplied by: a number, or a common factor (y·sin(x)² + y·cos(x)² at y). */
  readonly scale: Expr;
  /** The sum's terms left over. */
  readonly rest: readonly Expr[];
}

/** Each way a term is c·(pattern term) times a cofactor: the bindings and the cofactor. */
function termMatches(term: Expr, pc: Rational, pr: Expr, b: Bindings): { bindings: Bindings; cofactor: Expr }[] {
  const [c, rest] = splitCoefficient(term);
  const factors = rest.kind === 'mul' ? rest.factors : [rest];
  const out: { bindings: Bindings; cofactor: Expr }[] = [];
  for (const t of matchExact(pr, rest, b)) out.push({ bindings: t, cofactor: num(divQ(c, pc)) });
  if (factors.length > 1)
    for (let i = 0; i < factors.length; i++)
      for (const t of matchExact(pr, factors[i]!, b))
        out.push({ bindings: t, cofactor: mul(num(divQ(c, pc)), ...factors.slice(0, i), ...factors.slice(i + 1)) });
  return out;
}

/**
 * The pattern (terms as coefficient and rest) inside the sum `e`, every matched term the pattern's
 * term times one cofactor s: −2·cos(x)² − 2·sin(x)² holds sin(u)² + cos(u)² at s = −2. A constant
 * term of the pattern is s times itself: taken out of the sum's constant when s is a number (leaving
 * the remainder), or found as a term when s is not.
 */
export function matchSum(pattern: readonly (readonly [Rational, Expr])[], e: Expr): SumMatch | undefined {
  if (e.kind !== 'add') return undefined;
  const terms = e.terms;
  const constantIndex = terms.findIndex((t) => t.kind === 'num');
  const symbolic = pattern.filter(([, p]) => p.kind !== 'num');
  if (terms.length - (constantIndex >= 0 ? 1 : 0) < symbolic.length) return undefined;
  const used = new Array<boolean>(terms.length).fill(false);
  let found: SumMatch | undefined;
  const constant = pattern.find(([, p]) => p.kind === 'num');
  const finish = (b: Bindings, s: Expr): boolean => {
    const rest: Expr[] = [];
    for (let j = 0; j < terms.length; j++) if (!used[j]) rest.push(terms[j]!);
    if (constant !== undefined) {
      if (s.kind === 'num') {
        const needed = mulQ(s.value, constant[0]);
        const have = constantIndex >= 0 ? (terms[constantIndex] as { value: Rational }).value : ZERO;
        // Only from a constant of the same sign and at least as large (1 + tan² inside 3 + 2·tan², not inside 2·tan²).
        if (isZero(have) || isNegative(have) !== isNegative(needed) || cmpQ(abs(have), abs(needed)) < 0) return false;
        rest.splice(rest.indexOf(terms[constantIndex]!), 1);
        if (!eqQ(have, needed)) rest.push(num(subQ(have, needed)));
      } else {
        const needed = mul(num(constant[0]), s);
        const at = rest.indexOf(needed);
        if (at < 0) return false;
        rest.splice(at, 1);
      }
    }
    found = { bindings: b, scale: s, rest };
    return true;
  };
  // Terms by node, made when a pattern term after the first is looked up.
  let index: Map<Expr, number> | undefined;
  const go = (i: number, b: Bindings, s: Expr | undefined): boolean => {
    if (i === symbolic.length) return s !== undefined && finish(b, s);
    const [pc, pr] = symbolic[i]!;
    if (s !== undefined && boundBy(pr, b)) {
      // Once the cofactor and every variable of this pattern term are fixed, the one term that can match is
      // pc·pr[b]·s, looked up instead of scanning the sum: a term matches when pr[b] is its rest or one of its
      // factors and the rest of it is (c/pc)·s, that is, when it is that product (canonical nodes are what
      // their constructors give back from their parts, and a sum's terms are distinct). A scan for every match
      // of the first pattern term made pythagoras on the 8,000 terms of Σ (cos² − sin²)(x + k) take 12 s.
      if (index === undefined) {
        index = new Map();
        for (let j = 0; j < terms.length; j++) index.set(terms[j]!, j);
      }
      const j = index.get(mul(num(pc), instantiate(pr, b), s));
      if (j === undefined || used[j] || j === constantIndex) return false;
      for (const m of termMatches(terms[j]!, pc, pr, b)) {
        if (m.cofactor !== s) continue;
        used[j] = true;
        const done = go(i + 1, m.bindings, m.cofactor);
        used[j] = false;
        if (done) return true;
      }
      return false;
    }
    for (let j = 0; j < terms.length; j++) {
      if (used[j] || j === constantIndex) continue;
      for (const m of termMatches(terms[j]!, pc, pr, b)) {
        if (s !== undefined && m.cofactor !== s) continue;
        used[j] = true;
        const done = go(i + 1, m.bindings, m.cofactor);
        used[j] = false;
        if (done) return true;
      }
    }
    return false;
  };
  go(0, NO_BINDINGS, undefined);
  return found;
}

const abs = (a: Rational): Rational => (isNegative(a) ? { n: -a.n, d: a.d } : a);

/** Whether every pattern variable of p has a binding in b. */
function boundBy(p: Expr, b: Bindings): boolean {
  for (const v of freeVariables(p)) if (!b.has(v)) return false;
  return true;
}

// ---------------------------------------------------------------- results

/** The template with its pattern variables replaced by their bindings, built through the constructors. */
export function instantiate(template: Expr, b: Bindings): Expr {
  if (template.kind === 'sym') return b.get(template.name) ?? template;
  const kids = children(template);
  if (kids.length === 0) return template;
  return rebuild(template, kids.map((k) => instantiate(k, b)));
}
