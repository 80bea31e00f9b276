/**
 * The expression type and its smart constructors.
 *
 * Contracts:
 * - Every node is immutable and hash-consed: structurally equal expressions are
 *   the same object, so `a === b` is equality and sharing is automatic (a DAG).
 * - Only the constructors here (`num`, `sym`, `constant`, `pow`, `call`, and
 *   `add`, `mul` from src/core/collect.ts) make nodes, and they keep the canonical form: sums and
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
  powQ,
  isZero,
  isOne,
  isInteger,
  isNegative,
  eqQ,
} from './rational.js';
import { compareStructure } from './order.js';
import { DerivError } from '../errors.js';
import { findAtom, rememberAtom, findList, findPow, rememberCompound } from './intern.js';
import { add, mul } from './collect.js';
import { foldCall } from './fold.js';

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
/** @internal (src/core/collect.ts) */
export function hashChildren(seed: number, children: readonly Expr[]): number {
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
/** @internal (src/core/collect.ts) */
export function makeNode<T extends Expr>(kind: Expr['kind'], hash: number, f: Fields): T {
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

/** fn(args), with the exact values and parity of the function's row folded (src/core/fold.ts). */
export function call(fn: string, args: readonly Expr[]): Expr {
  const folded = foldCall(fn, args);
  return folded ?? makeCall(fn, args);
}
/** A call node exactly as given, without folding (used by templates and the parser's checks). */
function makeCall(fn: string, args: readonly Expr[]): Call {
  const hash = hashChildren(fnHash(fn), args);
  const hit = findList(hash, 'call', args, fn) as Call | undefined;
  return hit ?? rememberCompound(makeNode<Call>('call', hash, { fn, args: Object.freeze([...args]) }));
}

// ---------------------------------------------------------------- sums and products

// add, mul and splitCoefficient live in src/core/collect.ts (collecting like terms and factors).
export { add, mul, splitCoefficient } from './collect.js';

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
