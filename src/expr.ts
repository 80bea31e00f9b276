/**
 * The expression type and its smart constructors.
 *
 * Contracts:
 * - Every node is immutable and hash-consed: structurally equal expressions are
 *   the same object, so `a === b` is equality and sharing is automatic (a DAG).
 * - Only the constructors in this file (`num`, `sym`, `constant`, `add`, `mul`,
 *   `pow`, `call`) make nodes, and they keep the canonical form: sums and
 *   products are flat, numbers are folded exactly, like terms and like factors
 *   are collected, 0 and 1 vanish, and children are in a total order that does
 *   not depend on construction history (structural hash, then structure).
 * - There is no subtraction, division or negation node: a−b is a + (−1)·b and
 *   a/b is a·b^(−1). Printers restore the textbook spelling.
 * - Division by an exact zero (0 to a negative power) throws DerivError UNDEFINED.
 */
import {
  type Rational,
  ONE,
  ZERO,
  MINUS_ONE,
  q,
  addQ,
  mulQ,
  powQ,
  isZero,
  isOne,
  isInteger,
  isNegative,
  eqQ,
} from './rational.js';
import { compareStructure } from './order.js';
import { DerivError } from './errors.js';
import { findAtom, rememberAtom, findList, findPow, rememberCompound } from './intern.js';

interface NodeBase {
  /** Process-unique identity (a cheap key for lists of nodes, e.g. in CSE); never used for ordering. */
  readonly id: number;
  /** Deterministic structural hash (same in every process), used for canonical order. */
  readonly hash: number;
}
export interface Num extends NodeBase {
  readonly kind: 'num';
  readonly value: Rational;
}
export type ConstName = 'e' | 'pi';
export interface Const extends NodeBase {
  readonly kind: 'const';
  readonly name: ConstName;
}
export interface Sym extends NodeBase {
  readonly kind: 'sym';
  readonly name: string;
}
export interface Add extends NodeBase {
  readonly kind: 'add';
  readonly terms: readonly Expr[];
}
export interface Mul extends NodeBase {
  readonly kind: 'mul';
  readonly factors: readonly Expr[];
}
export interface Pow extends NodeBase {
  readonly kind: 'pow';
  readonly base: Expr;
  readonly exp: Expr;
}
export interface Call extends NodeBase {
  readonly kind: 'call';
  readonly fn: string;
  readonly args: readonly Expr[];
}
export type Expr = Num | Const | Sym | Add | Mul | Pow | Call;

// ---------------------------------------------------------------- interning

let nextId = 1;

function hashString(s: string, seed: number): number {
  let h = seed ^ 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
function mix(h: number, x: number): number {
  h = Math.imul(h ^ x, 0x9e3779b1);
  return ((h << 13) | (h >>> 19)) >>> 0;
}
function hashChildren(seed: number, children: readonly Expr[]): number {
  let h = seed;
  for (let i = 0; i < children.length; i++) h = mix(h, children[i]!.hash);
  return mix(h, children.length);
}
/** The fields a node of some kind may have; each kind uses its own and leaves the rest undefined. */
interface Fields {
  readonly value?: Rational;
  readonly name?: string;
  readonly terms?: readonly Expr[];
  readonly factors?: readonly Expr[];
  readonly base?: Expr;
  readonly exp?: Expr;
  readonly fn?: string;
  readonly args?: readonly Expr[];
}

/**
 * A new frozen node. Every node has all fields, in one order (unused ones undefined), so nodes of
 * all kinds share one hidden class and the `kind` tests everywhere read a monomorphic property
 * (seven shapes made every such read megamorphic).
 */
function makeNode<T extends Expr>(kind: Expr['kind'], hash: number, f: Fields): T {
  return Object.freeze({
    kind,
    id: nextId++,
    hash,
    value: f.value,
    name: f.name,
    terms: f.terms,
    factors: f.factors,
    base: f.base,
    exp: f.exp,
    fn: f.fn,
    args: f.args,
  }) as unknown as T;
}

/** hashString of function names, computed once per name. */
const fnHashes = new Map<string, number>();
function fnHash(fn: string): number {
  let h = fnHashes.get(fn);
  if (h === undefined) {
    h = hashString(fn, 7);
    fnHashes.set(fn, h);
  }
  return h;
}

/** Canonical order of children: by structural hash, ties broken by structure. */
export function canonicalCompare(a: Expr, b: Expr): number {
  if (a === b) return 0;
  if (a.hash !== b.hash) return a.hash < b.hash ? -1 : 1;
  return compareStructure(a, b);
}

// ---------------------------------------------------------------- atoms

/** Small integers are made once and kept (they are everywhere: coefficients, exponents, ±1). */
const SMALL = 1024;
const SMALL_N = 1024n; // compared with bigints as a bigint (a mixed bigint/number comparison is slow)
const smallInts: (Num | undefined)[] = [];

export function num(value: Rational | number | bigint): Num {
  const v = typeof value === 'object' ? value : q(BigInt(value));
  const small = v.d === 1n && v.n >= -SMALL_N && v.n <= SMALL_N;
  if (small) {
    const hit = smallInts[Number(v.n) + SMALL];
    if (hit !== undefined) return hit;
  }
  const key = `n${v.n}/${v.d}`;
  let node = findAtom(key) as Num | undefined;
  if (node === undefined)
    node = rememberAtom(key, makeNode<Num>('num', hashString(key, 1), { value: v }));
  if (small) smallInts[Number(v.n) + SMALL] = node;
  return node;
}
export function sym(name: string): Sym {
  const key = `s${name}`;
  const hit = findAtom(key) as Sym | undefined;
  return hit ?? rememberAtom(key, makeNode<Sym>('sym', hashString(name, 2), { name }));
}
export function constant(name: ConstName): Const {
  const key = `c${name}`;
  const hit = findAtom(key) as Const | undefined;
  return hit ?? rememberAtom(key, makeNode<Const>('const', hashString(name, 3), { name }));
}

export const isNum = (e: Expr): e is Num => e.kind === 'num';
export const isZeroExpr = (e: Expr): boolean => e.kind === 'num' && isZero(e.value);
export const isOneExpr = (e: Expr): boolean => e.kind === 'num' && isOne(e.value);

// ---------------------------------------------------------------- calls

/** Exact simplifications a function row may offer (sin(0) = 0, log(exp(u)) = u). */
export type FoldHook = (args: readonly Expr[]) => Expr | undefined;
const foldHooks = new Map<string, FoldHook>();
export function registerFold(fn: string, hook: FoldHook): void {
  foldHooks.set(fn, hook);
}

export function call(fn: string, args: readonly Expr[]): Expr {
  const hook = foldHooks.get(fn);
  if (hook !== undefined) {
    const folded = hook(args);
    if (folded !== undefined) return folded;
  }
  return makeCall(fn, args);
}
/** A call node exactly as given, without folding (used by templates and the parser's checks). */
function makeCall(fn: string, args: readonly Expr[]): Call {
  const hash = hashChildren(fnHash(fn), args);
  const hit = findList(hash, 'call', args, fn) as Call | undefined;
  return hit ?? rememberCompound(makeNode<Call>('call', hash, { fn, args: Object.freeze([...args]) }));
}

// ---------------------------------------------------------------- sums

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
  if (xs.length === 0) return num(ZERO);
  if (xs.length === 1) return xs[0]!;
  if (xs.length === 2) {
    const quick = twoTerms(xs[0]!, xs[1]!);
    if (quick !== undefined) return quick;
  }
  const slots: TermSlots = { keys: [], index: undefined, scans: 0, coefficients: [], originals: [], constantPart: ZERO };
  for (const x of xs) collectTerm(slots, x, ONE, true);
  const terms: Expr[] = [];
  for (let i = 0; i < slots.keys.length; i++) {
    const c = slots.coefficients[i]!;
    if (!isZero(c)) terms.push(slots.originals[i] ?? scaleTerm(c, slots.keys[i]!));
  }
  const constantPart = slots.constantPart;
  if (terms.length === 0) return num(constantPart);
  if (!isZero(constantPart)) terms.push(num(constantPart));
  if (terms.length === 1) return terms[0]!;
  terms.sort(canonicalCompare);
  const hash = hashChildren(4, terms);
  const hit = findList(hash, 'add', terms) as Add | undefined;
  return hit ?? rememberCompound(makeNode<Add>('add', hash, { terms: Object.freeze(terms) }));
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
  return hit ?? rememberCompound(makeNode<Add>('add', hash, { terms: Object.freeze(terms) }));
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
  return hit ?? rememberCompound(makeNode<Mul>('mul', hash, { factors: Object.freeze(factors) }));
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
  for (let i = 0; i < factors.length; i++) {
    const g = factors[i]!;
    if ((g.kind === 'pow' ? g.base : g) === base) return undefined;
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
  factors.sort(canonicalCompare);
  if (factors.length === 0) return num(coefficient);
  if (isOne(coefficient) && factors.length === 1) return factors[0]!;
  if (!isOne(coefficient)) factors = [num(coefficient), ...factors];
  return makeMul(factors);
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
  if (base.kind === 'call' && base.fn === 'exp') return call('exp', [mul(base.args[0]!, e)]);
  const hash = mix(mix(6, base.hash), e.hash);
  const hit = findPow(hash, base, e);
  return hit ?? rememberCompound(makeNode<Pow>('pow', hash, { base, exp: e }));
}

// ---------------------------------------------------------------- shorthands

export const ZERO_EXPR: Num = num(ZERO);
export const ONE_EXPR: Num = num(ONE);
export const MINUS_ONE_EXPR: Num = num(MINUS_ONE);
export const neg = (a: Expr): Expr => mul(MINUS_ONE_EXPR, a);
export const sub = (a: Expr, b: Expr): Expr => add(a, neg(b));
export const div = (a: Expr, b: Expr): Expr => mul(a, pow(b, MINUS_ONE_EXPR));
export const isMinusOne = (e: Expr): boolean => e.kind === 'num' && eqQ(e.value, MINUS_ONE);

/** The children of a node, in canonical order. */
export function children(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case 'add':
      return e.terms;
    case 'mul':
      return e.factors;
    case 'pow':
      return [e.base, e.exp];
    case 'call':
      return e.args;
    default:
      return [];
  }
}

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
