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

interface NodeBase {
  /** Process-unique identity, used only for interning keys (never for ordering). */
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

/**
 * The intern table holds nodes weakly: a node nobody references can be
 * collected, and its entry is then dropped, so a long-running process that
 * differentiates many unrelated expressions does not grow without bound.
 */
const table = new Map<string, WeakRef<Expr>>();
const registry = new FinalizationRegistry<string>((key) => {
  const ref = table.get(key);
  if (ref !== undefined && ref.deref() === undefined) table.delete(key);
});
let nextId = 1;

function intern<T extends Expr>(key: string, make: (id: number) => T): T {
  const hit = table.get(key)?.deref();
  if (hit !== undefined) return hit as T;
  const node = Object.freeze(make(nextId++)) as T;
  table.set(key, new WeakRef<Expr>(node));
  registry.register(node, key);
  return node;
}

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
  for (const c of children) h = mix(h, c.hash);
  return mix(h, children.length);
}
const idList = (xs: readonly Expr[]): string => xs.map((x) => x.id).join(',');

/** Canonical order of children: by structural hash, ties broken by structure. */
export function canonicalCompare(a: Expr, b: Expr): number {
  if (a === b) return 0;
  if (a.hash !== b.hash) return a.hash < b.hash ? -1 : 1;
  return compareStructure(a, b);
}

// ---------------------------------------------------------------- atoms

export function num(value: Rational | number | bigint): Num {
  const v = typeof value === 'object' ? value : q(BigInt(value));
  const key = `n${v.n}/${v.d}`;
  return intern(key, (id) => ({ kind: 'num', value: v, id, hash: hashString(key, 1) }));
}
export function sym(name: string): Sym {
  const key = `s${name}`;
  return intern(key, (id) => ({ kind: 'sym', name, id, hash: hashString(name, 2) }));
}
export function constant(name: ConstName): Const {
  const key = `c${name}`;
  return intern(key, (id) => ({ kind: 'const', name, id, hash: hashString(name, 3) }));
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
  const key = `f${fn}(${idList(args)}`;
  return intern(key, (id) => ({
    kind: 'call',
    fn,
    args: Object.freeze([...args]),
    id,
    hash: hashChildren(hashString(fn, 7), args),
  }));
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

export function add(...xs: readonly Expr[]): Expr {
  // Zero terms are dropped first so that add(0, t) is add(t) is t: a sum with one live term is
  // that term untouched (2·(a+b) stays factored), however many zeros came with it (the sum rule
  // with steps on passes a zero for every constant term; without steps it skips them).
  if (xs.length !== 1 && xs.some(isZeroExpr)) xs = xs.filter((t) => !isZeroExpr(t));
  if (xs.length === 0) return num(ZERO);
  if (xs.length === 1) return xs[0]!;
  let constantPart = ZERO;
  const coefficients = new Map<Expr, Rational>();
  const visit = (t: Expr, scale: Rational): void => {
    if (t.kind === 'num') {
      constantPart = addQ(constantPart, mulQ(scale, t.value));
    } else if (t.kind === 'add') {
      for (const u of t.terms) visit(u, scale);
    } else {
      const [c, rest] = splitCoefficient(t);
      const s = mulQ(scale, c);
      // A number times a sum inside a sum is distributed: y − (x·w + b) is y − x·w − b.
      if (rest.kind === 'add') visit(rest, s);
      else coefficients.set(rest, addQ(coefficients.get(rest) ?? ZERO, s));
    }
  };
  for (const x of xs) visit(x, ONE);
  const terms: Expr[] = [];
  for (const [rest, c] of coefficients) {
    if (!isZero(c)) terms.push(scaleTerm(c, rest));
  }
  if (terms.length === 0) return num(constantPart);
  if (!isZero(constantPart)) terms.push(num(constantPart));
  if (terms.length === 1) return terms[0]!;
  terms.sort(canonicalCompare);
  return intern(`a${idList(terms)}`, (id) => ({
    kind: 'add',
    terms: Object.freeze(terms),
    id,
    hash: hashChildren(4, terms),
  }));
}

/** c·rest for a rest that carries no coefficient of its own. */
function scaleTerm(c: Rational, rest: Expr): Expr {
  if (isOne(c)) return rest;
  if (rest.kind === 'mul') return makeMul([num(c), ...rest.factors]);
  return makeMul([num(c), rest]);
}

// ---------------------------------------------------------------- products

function makeMul(factors: readonly Expr[]): Mul {
  // factors are already canonical: coefficient first (if any), the rest sorted.
  return intern(`m${idList(factors)}`, (id) => ({
    kind: 'mul',
    factors: Object.freeze([...factors]),
    id,
    hash: hashChildren(5, factors),
  }));
}

export function mul(...xs: readonly Expr[]): Expr {
  if (xs.length === 1) return xs[0]!;
  let coefficient = ONE;
  const exponents = new Map<Expr, Expr[]>();
  const visit = (f: Expr): void => {
    if (f.kind === 'num') coefficient = mulQ(coefficient, f.value);
    else if (f.kind === 'mul') for (const g of f.factors) visit(g);
    else if (f.kind === 'pow') push(f.base, f.exp);
    else push(f, ONE_EXPR);
  };
  const push = (base: Expr, e: Expr): void => {
    const list = exponents.get(base);
    if (list === undefined) exponents.set(base, [e]);
    else list.push(e);
  };
  for (const x of xs) visit(x);
  if (isZero(coefficient)) return ZERO_EXPR;
  let factors: Expr[] = [];
  let needsRefold = false;
  for (const [base, es] of exponents) {
    const p = es.length === 1 ? pow(base, es[0]!) : pow(base, add(...es));
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
  return intern(`p${base.id},${e.id}`, (id) => ({
    kind: 'pow',
    base,
    exp: e,
    id,
    hash: mix(mix(6, base.hash), e.hash),
  }));
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
