/**
 * The identity table (rules/identities.ts) compiled for the simplifier: each row parsed once,
 * classified by the head of its left side, and indexed by the functions it needs, so a node only
 * tries the rows that can apply to it (a polynomial tries none).
 */
import { IDENTITY_ROWS, PRESENTATION_ROWS, STABLE_ROWS, type IdentityRow } from '../../rules/identities.js';
import { type Expr, mul, pow, num, splitCoefficient, children, rebuild, factsOf } from '../core/expr.js';
import { foldDag } from '../core/walk.js';
import { addAll, mulAll } from '../bulk.js';
import { parse } from '../parse/parser.js';
import type { Rational } from '../core/rational.js';
import { type Bindings, matchExact, matchProduct, matchSum, instantiate, baseAndExponent } from './pattern.js';
import { isPositive } from './sign.js';

type Shape = 'call' | 'product' | 'sum';

export interface CompiledRow {
  readonly row: IdentityRow;
  readonly shape: Shape;
  readonly from: Expr;
  readonly to: Expr;
  /** Function names that must occur among the node's own factors (product, call) or its terms' factors (sum). */
  readonly needs: readonly string[];
  readonly factors: readonly (readonly [Expr, Rational])[];
  readonly terms: readonly (readonly [Rational, Expr])[];
}

/**
 * The function names that identify a factor base: its own function, or for a sum the functions
 * at the head of its terms' factors ((1 + exp(−u))^(−1) needs exp). Pattern variables need none.
 */
function baseHeads(base: Expr, into: Set<string>): void {
  if (base.kind === 'call') into.add(base.fn);
  else if (base.kind === 'add') for (const fn of sumHeads(base)) into.add(fn);
}

const sumHeadsMemo = new WeakMap<Expr, ReadonlySet<string>>();

/** The functions at the head of a sum's terms' factors (memoised: a long residual is asked once per product it is in). */
function sumHeads(sum: Expr & { readonly kind: 'add' }): ReadonlySet<string> {
  let heads = sumHeadsMemo.get(sum);
  if (heads === undefined) {
    const found = new Set<string>();
    for (const t of sum.terms) {
      const rest = splitCoefficient(t)[1];
      for (const f of rest.kind === 'mul' ? rest.factors : [rest]) {
        const b = f.kind === 'pow' ? f.base : f;
        if (b.kind === 'call') found.add(b.fn);
      }
    }
    heads = found;
    sumHeadsMemo.set(sum, heads);
  }
  return heads;
}

function headsOf(factorBases: readonly Expr[]): string[] {
  const out = new Set<string>();
  for (const b of factorBases) baseHeads(b, out);
  return [...out];
}

export function compile(row: IdentityRow): CompiledRow {
  const from = parse(row.from);
  const to = parse(row.to);
  // A left side that construction already folds (to a variable or a number) would match everything.
  if (from.kind === 'sym' || from.kind === 'num' || from.kind === 'const')
    throw new Error(`identity row ${row.id}: its left side ${row.from} is folded when built; it needs no row`);
  if (from.kind === 'add') {
    const terms = from.terms.map((t) => splitCoefficient(t) as readonly [Rational, Expr]);
    const bases = terms.flatMap(([, r]) => (r.kind === 'mul' ? r.factors : [r]).map((f) => baseAndExponent(f)[0]));
    return { row, shape: 'sum', from, to, needs: headsOf(bases), factors: [], terms };
  }
  if (from.kind === 'call') return { row, shape: 'call', from, to, needs: [from.fn], factors: [], terms: [] };
  const factors = (from.kind === 'mul' ? from.factors : [from]).map(baseAndExponent);
  return { row, shape: 'product', from, to, needs: headsOf(factors.map(([b]) => b)), factors, terms: [] };
}

let compiled: readonly CompiledRow[] | undefined;
let byCallHead: Map<string, CompiledRow[]> | undefined;
/** Product and sum rows by each function they need (a row is listed under every one). */
let byNeed: Map<string, CompiledRow[]> | undefined;

function rows(): readonly CompiledRow[] {
  if (compiled === undefined) {
    compiled = IDENTITY_ROWS.map(compile);
    byCallHead = new Map();
    byNeed = new Map();
    for (const r of compiled) {
      if (r.shape === 'call') byCallHead.set(r.needs[0]!, [...(byCallHead.get(r.needs[0]!) ?? []), r]);
      else for (const fn of r.needs) byNeed.set(fn, [...(byNeed.get(fn) ?? []), r]);
    }
  }
  return compiled;
}

/** The product or sum rows whose needed functions all occur among `heads`, in table order (memoised per heads set). */
function candidateRows(heads: ReadonlySet<string>, sum: boolean): readonly CompiledRow[] {
  let known = candidatesMemo.get(heads);
  if (known === undefined) {
    known = findCandidates(heads, sum);
    candidatesMemo.set(heads, known);
  }
  return known;
}
/** Keyed by a node's own heads set (a sum's and a product's are never the same object, see headsOfNode). */
const candidatesMemo = new WeakMap<ReadonlySet<string>, readonly CompiledRow[]>();

function findCandidates(heads: ReadonlySet<string>, sum: boolean): CompiledRow[] {
  const out = new Set<CompiledRow>();
  for (const fn of heads)
    for (const r of byNeed!.get(fn) ?? []) if ((r.shape === 'sum') === sum && r.needs.every((n) => heads.has(n))) out.add(r);
  return [...out].sort((a, b) => order.get(a)! - order.get(b)!);
}
const order = new Map<CompiledRow, number>();

const termCount = (e: Expr): number => (e.kind === 'add' ? e.terms.length : e.kind === 'num' && e.value.n === 0n ? 0 : 1);

export function conditionHolds(r: CompiledRow, b: Bindings): boolean {
  const when = r.row.when;
  if (when === undefined) return true;
  if (!(when.positive ?? []).every((name) => isPositive(b.get(name)!))) return false;
  if (!(when.integral ?? []).every((name) => splitCoefficient(b.get(name)!)[0].d === 1n)) return false;
  const collects = when.collects ?? [];
  if (collects.length > 0) {
    const parts = collects.map((name) => b.get(name)!);
    const separate = parts.reduce((n, e) => n + termCount(e), 0);
    if (termCount(addAll(parts)) >= separate) return false;
  }
  return true;
}

/** The function names among a product's factor bases (or a single factor's). */
function factorHeads(e: Expr, into: Set<string>): void {
  for (const f of e.kind === 'mul' ? e.factors : [e]) baseHeads(f.kind === 'pow' ? f.base : f, into);
}

const NO_HEADS: ReadonlySet<string> = new Set();

/** The function names a product or sum node offers to rows (memoised per node). */
export function headsOfNode(e: Expr): ReadonlySet<string> {
  let heads = factsOf(e).heads;
  if (heads === undefined) {
    const found = new Set<string>();
    if (e.kind === 'add') for (const t of e.terms) factorHeads(splitCoefficient(t)[1], found);
    else factorHeads(e, found);
    heads = found.size === 0 ? NO_HEADS : found;
    factsOf(e).heads = heads;
  }
  return heads;
}

export interface Rewrite {
  readonly id: string;
  readonly name: string;
  readonly after: Expr;
}

/**
 * One identity applied at the top of `e`, the first row (in table order) that matches and meets
 * its condition; undefined when none does. The caller decides whether to keep it (by size).
 */
export function applyIdentity(e: Expr, accept: (after: Expr) => boolean): Rewrite | undefined {
  const all = rows();
  if (order.size === 0) all.forEach((r, i) => order.set(r, i));
  if (e.kind === 'call') {
    for (const r of byCallHead!.get(e.fn) ?? []) {
      for (const b of matchExact(r.from, e)) {
        if (!conditionHolds(r, b)) continue;
        const after = instantiate(r.to, b);
        if (accept(after)) return { id: r.row.id, name: r.row.name, after };
      }
    }
  }
  if (e.kind !== 'mul' && e.kind !== 'pow' && e.kind !== 'add' && e.kind !== 'call') return undefined;
  const heads = headsOfNode(e);
  if (heads.size === 0) return undefined;
  for (const r of candidateRows(heads, e.kind === 'add')) {
    if (r.shape === 'product') {
      const m = matchProduct(r.factors, e, (b) => conditionHolds(r, b));
      if (m === undefined) continue;
      const after = mulAll([pow(instantiate(r.to, m.bindings), num({ n: m.power, d: 1n })), ...m.rest]);
      if (accept(after)) return { id: r.row.id, name: r.row.name, after };
    } else {
      const m = matchSum(r.terms, e);
      if (m === undefined || !conditionHolds(r, m.bindings)) continue;
      const after = addAll([mul(m.scale, instantiate(r.to, m.bindings)), ...m.rest]);
      if (accept(after)) return { id: r.row.id, name: r.row.name, after };
    }
  }
  return undefined;
}

/** Whether some sum-shaped row could match once e's terms are multiplied out (its functions all occur in e). */
export function hasSumRowFor(e: Expr): boolean {
  const all = rows();
  if (order.size === 0) all.forEach((r, i) => order.set(r, i));
  const heads = headsOfNode(e);
  return heads.size > 0 && candidateRows(heads, true).length > 0;
}

let identityHeads: ReadonlySet<string> | undefined;

/**
 * How many functions that identity rows mention occur among e's factors and its sum factors' terms
 * (a cheap filter for expanding a product, which pays off when identities then combine terms of
 * different functions: e^(−z)·σ(z), sin² + cos²).
 */
export function identityHeadCount(e: Expr): number {
  identityHeads ??= new Set(rows().flatMap((r) => r.needs));
  let n = 0;
  for (const fn of headsOfNode(e)) if (identityHeads.has(fn)) n++;
  return n;
}

let presentation: Map<string, CompiledRow[]> | undefined;
const PRESENTABLE = new Set(PRESENTATION_ROWS.map((r) => /^(\w+)\(/.exec(r.from)![1]!));

/** Whether a presentation row rewrites this node itself (σ(−u), not σ(u)). */
export function isPresentable(e: Expr): boolean {
  if (e.kind !== 'call' || !PRESENTABLE.has(e.fn)) return false;
  presentationRows();
  return (presentation!.get(e.fn) ?? []).some((r) => matchExact(r.from, e).length > 0);
}

/**
 * The presentation rows (rules/identities.ts) applied bottom-up once; e itself when none applies.
 * `memo` holds earlier results (shared by a gradient's partials, as the simplifier's memo).
 */
function presentationRows(): Map<string, CompiledRow[]> {
  presentation ??= byHead(PRESENTATION_ROWS);
  return presentation;
}

/** Rows by the function they rewrite (a call's name; '*' for a power or product, matched whole). */
function byHead(table: readonly IdentityRow[]): Map<string, CompiledRow[]> {
  const out = new Map<string, CompiledRow[]>();
  for (const r of table.map(compile)) {
    const head = r.from.kind === 'call' ? r.from.fn : '*';
    out.set(head, [...(out.get(head) ?? []), r]);
  }
  return out;
}

export function present(e: Expr, memo: Map<Expr, Expr> = new Map()): Expr {
  return rewriteOnce(e, presentationRows(), memo);
}

let stable: Map<string, CompiledRow[]> | undefined;
/**
 * e with the stable-form rows (rules/identities.ts: log(exp(u) + exp(v)) → logaddexp(u, v), …) applied
 * bottom-up once: what generated code computes, so that it does not overflow where the written form would.
 */
export function stableForm(e: Expr): Expr {
  stable ??= byHead(STABLE_ROWS);
  return rewriteOnce(e, stable, new Map());
}

function rewriteOnce(e: Expr, table: ReadonlyMap<string, readonly CompiledRow[]>, memo: Map<Expr, Expr>): Expr {
  return foldDag<Expr>(e, (node, kids) => {
    let same = true;
    if (kids.length > 0) {
      const old = children(node);
      for (let i = 0; i < kids.length && same; i++) same = kids[i] === old[i];
    }
    const out = same ? node : rebuild(node, kids);
    if (out.kind !== 'call' && out.kind !== 'pow' && out.kind !== 'mul') return out;
    for (const r of table.get(out.kind === 'call' ? out.fn : '*') ?? []) {
      const [b] = matchExact(r.from, out);
      if (b !== undefined) return instantiate(r.to, b);
    }
    return out;
  }, memo);
}
