/**
 * Expression nodes: the types, hashing and hash-consing, canonical order, and the atoms
 * (numbers, symbols, constants). The compound constructors (`add`, `mul`, `pow`, `call`) are in
 * ./collect.ts, which builds on this module; src/core/expr.ts presents both as one interface.
 * Arrows point one way: rational, order, intern ← node ← fold ← collect ← expr.
 */
import { type Rational, ONE, ZERO, MINUS_ONE, q, isZero, isOne, eqQ } from './rational.js';
import { compareStructure } from './order.js';
import { findAtom, rememberAtom } from './intern.js';

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

export function hashString(s: string, seed: number): number {
  let h = seed ^ 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
/** @internal (src/core/collect.ts) */
export function mix(h: number, x: number): number {
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
 * A new node: readonly by type (nothing in deriv writes its fields but the fact slots below, each once), and not
 * frozen, so that facts about it live on it (see NodeFacts). Its child arrays (terms, factors, args) are readonly by
 * type and not frozen either: V8 in Node 20 reads a frozen array's elements ~2.6× slower and allocates an iterator
 * for each for-of over one, which made whole derivatives 9–22 % slower (x+x^2, a sigmoid, poly 100, tanh 1000).
 * A caller who casts the readonly away and writes to a node breaks hash-consing.
 * Every node has all fields, in one order (unused ones undefined), so nodes of all kinds share one hidden class and
 * the `kind` tests everywhere read a monomorphic property (seven shapes made every such read megamorphic).
 * A power's `args` holds its pair [base, exp] (not part of the Pow type): children() hands that out instead of
 * allocating a pair per call, ~1 kB per seed request.
 */
/** @internal (src/core/collect.ts) */
export function makeNode<T extends Expr>(kind: Expr['kind'], hash: number, f: Fields): T {
  return {
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
    free: undefined,
    size: undefined,
    heads: undefined,
  } as unknown as T;
}

/**
 * Facts computed at most once per node by the module that owns each (analysis.ts: free variables and tree
 * size; simplify/identities.ts: the function heads rows look for), kept on the node itself: a field read,
 * where a WeakMap holding every live node cost a hash lookup that missed the cache on big expressions
 * (tanh 1000's gradient: ~10 % of its time) and ephemeron work at every garbage collection.
 */
export interface NodeFacts {
  free: ReadonlySet<string> | undefined;
  size: number | undefined;
  heads: ReadonlySet<string> | undefined;
}
/** The fact slots of a node (for the modules that own them). */
export const factsOf = (e: Expr): NodeFacts => e as unknown as NodeFacts;

/** hashString of function names, computed once per name. */
const fnHashes = new Map<string, number>();
/** @internal (src/core/collect.ts) */
export function fnHash(fn: string): number {
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

// ---------------------------------------------------------------- shorthands

export const ZERO_EXPR: Num = num(ZERO);
export const ONE_EXPR: Num = num(ONE);
export const MINUS_ONE_EXPR: Num = num(MINUS_ONE);
export const isMinusOne = (e: Expr): boolean => e.kind === 'num' && eqQ(e.value, MINUS_ONE);

/** The children of a node, in canonical order. */
export function children(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case 'add':
      return e.terms;
    case 'mul':
      return e.factors;
    case 'pow':
      // Its pair [base, exp], made once with the node (see makeNode): walks ask for it at every visit.
      return (e as unknown as { readonly args: readonly Expr[] }).args;
    case 'call':
      return e.args;
    default:
      return [];
  }
}

