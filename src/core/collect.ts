/**
 * The compound constructors, in one module because they are mutually recursive by nature (a
 * power of a product distributes, a product refolds powers, an odd function's negative argument
 * comes out as a product): `add` and `mul`, which collect like terms (3x + 2x = 5x, numbers
 * folded) and like factors (x·x² = x³) into the canonical form described in src/core/expr.ts
 * (flat, children sorted, 0 and 1 gone); `pow`; and `call`, which applies what ./fold.ts reads
 * from the function table. This module builds on ./node.ts and ./fold.ts, never the reverse.
 * Fast paths (two terms that do not collect, a number times an expression, a
 * factor joining a product) give exactly what collecting would, with less work.
 */
import { type Rational, ONE, ZERO, addQ, mulQ, isZero, isOne, powQ, isInteger, q, isNegative } from './rational.js';
import {
  type Expr,
  type Add,
  type Mul,
  type Call,
  type Pow,
  num,
  makeNode,
  hashChildren,
  canonicalCompare,
  isZeroExpr,
  isOneExpr,
  ONE_EXPR,
  ZERO_EXPR,
  MINUS_ONE_EXPR,
  mix,
  fnHash,
} from './node.js';
import { foldCall } from './fold.js';
import { DerivError } from '../errors.js';
import { findList, findPow, rememberCompound } from './intern.js';
import { sortInPlace } from './sort-small.js';

/** Split a term into its exact coefficient and the rest: 3·x·y → (3, x·y). */
export function splitCoefficient(e: Expr): [Rational, Expr] {
  if (e.kind === 'num') return [e.value, ONE_EXPR];
  const first = e.kind === 'mul' ? e.factors[0]! : undefined;
  if (e.kind === 'mul' && first!.kind === 'num') {
    // Memoised: sums split every term they collect, and building the rest means interning a node.
    let rest = restMemo.get(e);
    if (rest === undefined) {
      const factors = e.factors.slice(1);
      rest = factors.length === 1 ? factors[0]! : makeMul(factors);
      restMemo.set(e, rest);
    }
    return [first!.value, rest];
  }
  return [ONE, e];
}
const restMemo = new WeakMap<Mul, Expr>();

/**
 * Like terms of a sum being collected: rest → coefficient, in first-seen order. A short list is
 * scanned (most sums have a handful of terms); a Map finds the slot once long scans repeat.
 */
const INDEX_AT = 24;
interface Slots {
  /** The rests (of terms) or bases (of factors) seen so far, each once. */
  readonly keys: Expr[];
  /** Built once scans of a long list would be repeated. */
  index: Map<Expr, number> | undefined;
  scans: number;
}
interface TermSlots extends Slots {
  readonly coefficients: Rational[];
  /** The term itself while its slot holds exactly it (one occurrence, unscaled): no need to rebuild it. */
  readonly originals: (Expr | undefined)[];
  constantPart: Rational;
  /** Whether a numeric multiple of a sum was distributed into the slots. */
  distributed: boolean;
}

/** The slot of `key` among keys[0, searchTo), or −1. */
function slotOf(slots: Slots, key: Expr, searchTo = Infinity): number {
  const keys = slots.keys;
  const n = Math.min(keys.length, searchTo);
  if (slots.index === undefined && n > INDEX_AT && ++slots.scans > 4) {
    slots.index = new Map();
    for (let i = 0; i < keys.length; i++) slots.index.set(keys[i]!, i);
  }
  if (slots.index !== undefined) {
    const i = slots.index.get(key);
    return i !== undefined && i < searchTo ? i : -1;
  }
  for (let i = 0; i < n; i++) if (keys[i] === key) return i;
  return -1;
}
/** Appends a new key (after slotOf found none). */
function newSlot(slots: Slots, key: Expr): void {
  slots.keys.push(key);
  slots.index?.set(key, slots.keys.length - 1);
}

function collectTerm(slots: TermSlots, t: Expr, scale: Rational, unscaled: boolean): void {
  if (t.kind === 'num') {
    slots.constantPart = addQ(slots.constantPart, mulQ(scale, t.value));
    return;
  }
  if (t.kind === 'add') {
    for (const u of t.terms) collectTerm(slots, u, scale, unscaled);
    return;
  }
  const [c, rest] = splitCoefficient(t);
  const s = mulQ(scale, c);
  // A number times a sum inside a sum is distributed: y − (x·w + b) is y − x·w − b.
  if (rest.kind === 'add') {
    slots.distributed = true;
    for (const u of rest.terms) collectTerm(slots, u, s, false);
    return;
  }
  const i = slotOf(slots, rest);
  if (i >= 0) {
    slots.coefficients[i] = addQ(slots.coefficients[i]!, s);
    slots.originals[i] = undefined;
    return;
  }
  newSlot(slots, rest);
  slots.coefficients.push(s);
  slots.originals.push(unscaled ? t : undefined);
}

export function add(...xs: readonly Expr[]): Expr {
  // Zero terms are dropped first so that add(0, t) is add(t) is t: a sum with one live term is
  // that term untouched (2·(a+b) stays factored), however many zeros came with it (the sum rule
  // with steps on passes a zero for every constant term; without steps it skips them).
  if (xs.length !== 1 && xs.some(isZeroExpr)) xs = xs.filter((t) => !isZeroExpr(t));
  if (xs.length === 0) return ZERO_EXPR;
  if (xs.length === 1) return xs[0]!;
  if (xs.length === 2) {
    const quick = twoTerms(xs[0]!, xs[1]!);
    if (quick !== undefined) return quick;
  }
  const slots = collectSlots(xs);
  const sum = sumOf(slots);
  // The same holds when the other terms cancel: 2·(a+b) + t − t is 2·(a+b), not 2·a + 2·b. A term
  // that was distributed is the answer when the sum is exactly its distribution (the count of terms
  // rules out nearly every sum before the distribution is built to compare).
  if (sum.kind === 'add' && slots.distributed)
    for (const x of xs) {
      const rest = x.kind === 'mul' ? splitCoefficient(x)[1] : undefined;
      if (rest?.kind === 'add' && rest.terms.length === sum.terms.length && sumOf(collectSlots([x])) === sum) return x;
    }
  return sum;
}

/** The terms of xs, like terms collected and numeric multiples of sums distributed. */
function collectSlots(xs: readonly Expr[]): TermSlots {
  const slots: TermSlots = { keys: [], index: undefined, scans: 0, coefficients: [], originals: [], constantPart: ZERO, distributed: false };
  for (const x of xs) collectTerm(slots, x, ONE, true);
  return slots;
}

/** The sum the collected slots hold. */
function sumOf(slots: TermSlots): Expr {
  const terms: Expr[] = [];
  for (let i = 0; i < slots.keys.length; i++) {
    const c = slots.coefficients[i]!;
    if (!isZero(c)) terms.push(slots.originals[i] ?? scaleTerm(c, slots.keys[i]!));
  }
  const constantPart = slots.constantPart;
  if (terms.length === 0) return num(constantPart);
  if (!isZero(constantPart)) terms.push(num(constantPart));
  if (terms.length === 1) return terms[0]!;
  sortInPlace(terms, canonicalCompare);
  const hash = hashChildren(4, terms);
  const hit = findList(hash, 'add', terms) as Add | undefined;
  return hit ?? rememberCompound(makeNode<Add>('add', hash, { terms }));
}

/**
 * a + b (neither 0) when nothing collects: no sums to flatten or distribute, and different rests
 * (at most one number). Collecting would keep both terms as they are; this only sorts them.
 */
function twoTerms(a: Expr, b: Expr): Expr | undefined {
  if (a.kind === 'add' || b.kind === 'add' || (a.kind === 'num' && b.kind === 'num')) return undefined;
  const ra = a.kind === 'num' ? a : splitCoefficient(a)[1];
  const rb = b.kind === 'num' ? b : splitCoefficient(b)[1];
  if (ra === rb || ra.kind === 'add' || rb.kind === 'add') return undefined;
  const terms = canonicalCompare(a, b) < 0 ? [a, b] : [b, a];
  const hash = hashChildren(4, terms);
  const hit = findList(hash, 'add', terms) as Add | undefined;
  return hit ?? rememberCompound(makeNode<Add>('add', hash, { terms }));
}

/** c·rest for a rest that carries no coefficient of its own. */
function scaleTerm(c: Rational, rest: Expr): Expr {
  if (isOne(c)) return rest;
  if (rest.kind === 'mul') return makeMul([num(c), ...rest.factors]);
  return makeMul([num(c), rest]);
}

// ---------------------------------------------------------------- products

/** The product of canonical factors (coefficient first, if any, the rest sorted); takes ownership of the array. */
function makeMul(factors: Expr[]): Mul {
  const hash = hashChildren(5, factors);
  const hit = findList(hash, 'mul', factors) as Mul | undefined;
  return hit ?? rememberCompound(makeNode<Mul>('mul', hash, { factors }));
}

/** c·e for a non-number e: what collecting gives (e's factors are already collected), without the collection. */
function scaled(c: Rational, e: Expr): Expr {
  if (isZero(c)) return ZERO_EXPR;
  if (isOne(c)) return e;
  if (e.kind !== 'mul') return makeMul([num(c), e]);
  const first = e.factors[0]!;
  if (first.kind !== 'num') return makeMul([num(c), ...e.factors]);
  const k = mulQ(c, first.value);
  if (isOne(k)) return e.factors.length === 2 ? e.factors[1]! : makeMul(e.factors.slice(1));
  const out = e.factors.slice();
  out[0] = num(k);
  return makeMul(out);
}

/**
 * product·f when f's base is not among the product's: f goes into its sorted place, which is what
 * collecting would give (nothing merges), without the collection. Undefined when the bases meet.
 * The derivative of sin(sin(…x)) n deep multiplies a factor into products of 1…n factors.
 */
function withFactor(product: Mul, f: Expr): Expr | undefined {
  const base = f.kind === 'pow' ? f.base : f;
  const factors = product.factors;
  const ray = exponentRay(f);
  for (let i = 0; i < factors.length; i++) {
    const g = factors[i]!;
    if ((g.kind === 'pow' ? g.base : g) === base || (ray !== undefined && exponentRay(g) === ray)) return undefined;
  }
  let lo = factors[0]!.kind === 'num' ? 1 : 0;
  let hi = factors.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (canonicalCompare(factors[mid]!, f) < 0) lo = mid + 1;
    else hi = mid;
  }
  const out = factors.slice(0, lo);
  out.push(f);
  for (let i = lo; i < factors.length; i++) out.push(factors[i]!);
  return makeMul(out);
}

/** a·b for two factors that are neither numbers nor products: sorted, unless their bases meet. */
function twoFactors(a: Expr, b: Expr): Expr | undefined {
  if ((a.kind === 'pow' ? a.base : a) === (b.kind === 'pow' ? b.base : b)) return undefined;
  const ray = exponentRay(a);
  if (ray !== undefined && exponentRay(b) === ray) return undefined;
  return makeMul(canonicalCompare(a, b) < 0 ? [a, b] : [b, a]);
}

/**
 * For exp(u): u with its numeric scale taken out (u = c·ray for a rational c), else undefined. Exponentials
 * whose exponents lie on one ray merge, exp(a·u)·exp(b·u) = exp((a + b)·u): the same relation that
 * exp(u)^k = exp(k·u) (src/core/expr.ts) creates, so a product is the same however it was grouped
 * (exp(u)²·exp(u) and exp(u)·exp(u)·exp(u) are both exp(3u)). Other exponentials stay apart, as the chain
 * rule writes them (e^(e^x)·e^x); the simplifier merges them when their exponents collect.
 */
function exponentRay(f: Expr): Expr | undefined {
  if (f.kind !== 'call' || f.fn !== 'exp') return undefined;
  const u = (f as Call).args[0]!;
  let ray = rayMemo.get(u);
  if (ray === undefined) {
    ray = u.kind === 'add' ? unitSum(u) : splitCoefficient(u)[1];
    rayMemo.set(u, ray);
  }
  return ray;
}

/**
 * The sum scaled so that one chosen term has coefficient 1: the term whose rest (coefficient taken off)
 * comes first in canonical order, a choice that does not depend on the sum's scale.
 */
function unitSum(u: Add): Expr {
  let lead = splitCoefficient(u.terms[0]!);
  for (const t of u.terms) {
    const split = splitCoefficient(t);
    if (canonicalCompare(split[1], lead[1]) < 0) lead = split;
  }
  const c = lead[0];
  if (isOne(c)) return u;
  const inverse = num({ n: c.n < 0n ? -c.d : c.d, d: c.n < 0n ? -c.n : c.n });
  return add(...u.terms.map((t) => mul(inverse, t)));
}
const rayMemo = new WeakMap<Expr, Expr>();

/** The factors with every group of exponentials on one ray merged into one exp; undefined when none merge. */
function mergeExponentials(factors: readonly Expr[]): Expr[] | undefined {
  let groups: Map<Expr, Expr[]> | undefined;
  let merges = false;
  for (const f of factors) {
    const ray = exponentRay(f);
    if (ray === undefined) continue;
    groups ??= new Map();
    const group = groups.get(ray);
    if (group === undefined) groups.set(ray, [f]);
    else {
      group.push(f);
      merges = true;
    }
  }
  if (!merges) return undefined;
  const out: Expr[] = [];
  for (const f of factors) if (exponentRay(f) === undefined) out.push(f);
  for (const group of groups!.values())
    out.push(group.length === 1 ? group[0]! : call('exp', [add(...group.map((g) => (g as Call).args[0]!))]));
  return out;
}

/** Like factors of a product being collected: base → exponents, in first-seen order (as TermSlots). */
interface FactorSlots extends Slots {
  readonly exponents: Expr[];
  /** Further exponents of the same base, to be added up. */
  readonly more: (Expr[] | undefined)[];
  /** The factor itself while its slot holds exactly it: pow(base, exponent) would give it back. */
  readonly originals: (Expr | undefined)[];
  coefficient: Rational;
}

function collectFactor(slots: FactorSlots, f: Expr, searchTo = Infinity): void {
  if (f.kind === 'num') {
    slots.coefficient = mulQ(slots.coefficient, f.value);
    return;
  }
  if (f.kind === 'mul') {
    // A canonical product's bases are distinct: each need only be looked for among the bases collected before it.
    const before = slots.keys.length;
    for (const g of f.factors) collectFactor(slots, g, before);
    return;
  }
  const base = f.kind === 'pow' ? f.base : f;
  const exponent = f.kind === 'pow' ? f.exp : ONE_EXPR;
  const i = slotOf(slots, base, searchTo);
  if (i >= 0) {
    const more = slots.more[i];
    if (more === undefined) slots.more[i] = [exponent];
    else more.push(exponent);
    slots.originals[i] = undefined;
    return;
  }
  newSlot(slots, base);
  slots.exponents.push(exponent);
  slots.more.push(undefined);
  slots.originals.push(f);
}

export function mul(...xs: readonly Expr[]): Expr {
  if (xs.length === 1) return xs[0]!;
  if (xs.length === 2) {
    const [a, b] = xs as [Expr, Expr];
    if (a.kind === 'num' && b.kind !== 'num') return scaled(a.value, b);
    if (b.kind === 'num' && a.kind !== 'num') return scaled(b.value, a);
    const quick =
      a.kind === 'mul' && b.kind !== 'mul'
        ? withFactor(a, b)
        : b.kind === 'mul' && a.kind !== 'mul'
          ? withFactor(b, a)
          : a.kind !== 'mul' && b.kind !== 'mul' && a.kind !== 'num' && b.kind !== 'num'
            ? twoFactors(a, b)
            : undefined;
    if (quick !== undefined) return quick;
  }
  const slots: FactorSlots = { keys: [], index: undefined, scans: 0, exponents: [], more: [], originals: [], coefficient: ONE };
  for (const x of xs) collectFactor(slots, x);
  const coefficient = slots.coefficient;
  if (isZero(coefficient)) return ZERO_EXPR;
  let factors: Expr[] = [];
  let needsRefold = false;
  for (let i = 0; i < slots.keys.length; i++) {
    const original = slots.originals[i];
    if (original !== undefined) {
      // pow(base, exponent) of a factor's own base and exponent is that factor (canonical, interned).
      factors.push(original);
      continue;
    }
    const base = slots.keys[i]!;
    const more = slots.more[i];
    const p = more === undefined ? pow(base, slots.exponents[i]!) : pow(base, add(slots.exponents[i]!, ...more));
    // pow may rewrite to another base ((√y)^(−1) = y^(−1/2), exp(x)^2 = exp(2x)), which may
    // equal another factor's base: collect again, or y^(−1/2)·y^(−1/2) survives as two factors.
    const newBase = p.kind === 'pow' ? p.base : p;
    if (p.kind === 'num' || p.kind === 'mul' || (newBase !== base && !isOneExpr(p))) needsRefold = true;
    if (!isOneExpr(p)) factors.push(p);
  }
  if (needsRefold) return mul(num(coefficient), ...factors);
  const merged = mergeExponentials(factors);
  if (merged !== undefined) return mul(num(coefficient), ...merged);
  sortInPlace(factors, canonicalCompare);
  if (factors.length === 0) return num(coefficient);
  if (isOne(coefficient) && factors.length === 1) return factors[0]!;
  if (!isOne(coefficient)) factors = [num(coefficient), ...factors];
  return makeMul(factors);
}

// ---------------------------------------------------------------- calls

/** fn(args), with the exact values and parity of the function's row folded (src/core/fold.ts). */
export function call(fn: string, args: readonly Expr[]): Expr {
  const folded = foldCall(fn, args);
  if (folded === undefined) return makeCall(fn, args);
  if ('value' in folded) return folded.value;
  // Parity: f(−u) is f(u) for an even function, −f(u) for an odd one.
  const flipped = call(fn, [neg(args[0]!)]);
  return folded.parity === 'odd' ? neg(flipped) : flipped;
}
/** A call node exactly as given, without folding (used by templates and the parser's checks). */
function makeCall(fn: string, args: readonly Expr[]): Call {
  const hash = hashChildren(fnHash(fn), args);
  const hit = findList(hash, 'call', args, fn) as Call | undefined;
  return hit ?? rememberCompound(makeNode<Call>('call', hash, { fn, args: [...args] }));
}

// ---------------------------------------------------------------- powers

export function pow(base: Expr, e: Expr): Expr {
  if (e.kind === 'num') {
    const k = e.value;
    if (isZero(k)) return ONE_EXPR;
    if (isOne(k)) return base;
    if (base.kind === 'num') {
      const folded = powQ(base.value, k);
      if (folded !== undefined) return num(folded);
    }
    if (isInteger(k)) {
      // (a^b)^k = a^(b·k) and (a·b)^k = a^k·b^k hold for integer k.
      if (base.kind === 'pow') return pow(base.base, mul(base.exp, e));
      if (base.kind === 'mul') return mul(...base.factors.map((f) => pow(f, e)));
      // sqrt(u)^(2m) = u^m wherever sqrt(u) is defined.
      if (base.kind === 'call' && base.fn === 'sqrt' && k.n % 2n === 0n)
        return pow(base.args[0]!, num(q(k.n / 2n)));
    }
  }
  if (base.kind === 'num') {
    if (isOne(base.value)) return ONE_EXPR;
    if (isZero(base.value) && e.kind === 'num') {
      if (!isNegative(e.value)) return ZERO_EXPR;
      // 0 to a negative power divides by zero: no expression holds it, or 0·(1/0) would fold to 0.
      throw new DerivError('UNDEFINED', 'division by zero', { hint: 'a denominator here is identically 0' });
    }
  }
  // e^u is exp(u); exp(u)^v = exp(u·v) for real u, v.
  if (base.kind === 'const' && base.name === 'e') return call('exp', [e]);
  if (base.kind === 'call' && base.fn === 'exp') {
    // A numeric multiple of a sum exponent is distributed, as add() writes it when exponentials merge
    // (src/core/collect.ts), so exp(x + y)^3 and exp(x + y)·exp(2x + 2y) are the same node.
    const u = base.args[0]!;
    return call('exp', [u.kind === 'add' && e.kind === 'num' ? add(...u.terms.map((t) => mul(t, e))) : mul(u, e)]);
  }
  const hash = mix(mix(6, base.hash), e.hash);
  const hit = findPow(hash, base, e);
  return hit ?? rememberCompound(makeNode<Pow>('pow', hash, { base, exp: e, args: [base, e] }));
}

// ---------------------------------------------------------------- shorthands

export const neg = (a: Expr): Expr => mul(MINUS_ONE_EXPR, a);
export const sub = (a: Expr, b: Expr): Expr => add(a, neg(b));
export const div = (a: Expr, b: Expr): Expr => mul(a, pow(b, MINUS_ONE_EXPR));

/** Rebuild a node of the same kind from new children, through the smart constructors. */
export function rebuild(e: Expr, kids: readonly Expr[]): Expr {
  switch (e.kind) {
    case 'add':
      return add(...kids);
    case 'mul':
      return mul(...kids);
    case 'pow':
      return pow(kids[0]!, kids[1]!);
    case 'call':
      return call(e.fn, kids);
    default:
      return e;
  }
}
