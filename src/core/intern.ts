/**
 * The intern table behind hash-consing (src/core/expr.ts): finds the existing node
 * of a given shape, or remembers a new one.
 *
 * Contracts:
 * - Nodes are held weakly (WeakRef): a node nobody references can be
 *   collected, so a long-running process that differentiates many unrelated
 *   expressions does not grow without bound. Dead entries are swept in bulk
 *   once the table has grown by as much as it held after the last sweep
 *   (amortised O(1) per insertion, no finalizer per node).
 * - What WeakRefs pin for the rest of the job (every new WeakRef's target, every deref()'s result) is released
 *   every KEPT_RELEASE_EVERY pins where the runtime allows it (./kept-objects.ts), so a synchronous loop over
 *   unrelated expressions keeps only what is live, not everything it made.
 * - Compound nodes are found by their structural hash (a number) and a
 *   shallow comparison: same kind, same function name, and the very same
 *   children. No key strings are built (that was most of the cost of making
 *   a node). Atoms (numbers, symbols, constants) are keyed by their text.
 */
import type { Expr } from './node.js';
import { keptObjectsRelease } from './kept-objects.js';

type Bucket = WeakRef<Expr> | WeakRef<Expr>[];

/** Compound nodes by structural hash; a bucket holds more than one node only on a hash collision. */
const compound = new Map<number, Bucket>();
/** Atoms by key text (`n3/4`, `sx`, `cpi`). */
const atoms = new Map<string, WeakRef<Expr>>();

/**
 * Nodes made or found recently, held strongly: looking one up here needs no WeakRef.deref()
 * (a runtime call that also pins its target until the current job ends, about 40 ns). Every
 * node here is also in the weak tables, so emptying this cache never changes what a lookup
 * returns; it is emptied once it holds RECENT_MAX nodes, which bounds the memory it keeps alive
 * (with 16K, a long run over unrelated expressions stays at the heap size it had with no cache;
 * 32K doubled it, for no measurable speed).
 */
const RECENT_MAX = 1 << 14;
const recentCompound = new Map<number, Expr | Expr[]>();
const recentAtoms = new Map<string, Expr>();
let recentCount = 0;

/** Pins (WeakRefs made, derefs that found a node) between two releases: 1.3 µs per release, amortised to nothing. */
const KEPT_RELEASE_EVERY = 1 << 12;
const releaseKept = keptObjectsRelease();
let pinnedSinceRelease = 0;

function pinned(count: number): void {
  if ((pinnedSinceRelease += count) < KEPT_RELEASE_EVERY) return;
  pinnedSinceRelease = 0;
  releaseKept?.();
}

let insertedSinceSweep = 0;
let sweepAfter = 4096;

function sameList(a: readonly Expr[], b: readonly Expr[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether `node` is the add/mul/call of exactly these children (and, for a call, this function). */
function isList(node: Expr, kind: 'add' | 'mul' | 'call', kids: readonly Expr[], fn: string): boolean {
  if (node.kind !== kind) return false;
  switch (node.kind) {
    case 'add':
      return sameList(node.terms, kids);
    case 'mul':
      return sameList(node.factors, kids);
    case 'call':
      return node.fn === fn && sameList(node.args, kids);
    default:
      return false;
  }
}
const isPow = (node: Expr, base: Expr, exp: Expr): boolean => node.kind === 'pow' && node.base === base && node.exp === exp;

function keepRecent(node: Expr): void {
  if (++recentCount > RECENT_MAX) {
    recentCompound.clear();
    recentAtoms.clear();
    recentCount = 1;
  }
  const bucket = recentCompound.get(node.hash);
  if (bucket === undefined) recentCompound.set(node.hash, node);
  else if (Array.isArray(bucket)) bucket.push(node);
  else recentCompound.set(node.hash, [bucket, node]);
}

/**
 * The hash of the last lookup that found no node with that hash in either table, or −1 (hashes are unsigned). The
 * constructors remember a new node right after their lookup missed (src/core/collect.ts), so rememberCompound then
 * sets its entries without looking them up again: two fewer lookups in large maps per new node.
 */
let missedHash = -1;

/** The interned sum, product or call with this hash and these children, if any. */
export function findList(hash: number, kind: 'add' | 'mul' | 'call', kids: readonly Expr[], fn = ''): Expr | undefined {
  missedHash = -1;
  const recent = recentCompound.get(hash);
  if (recent !== undefined) {
    if (!Array.isArray(recent)) {
      if (isList(recent, kind, kids, fn)) return recent;
    } else for (const node of recent) if (isList(node, kind, kids, fn)) return node;
  }
  const bucket = compound.get(hash);
  if (bucket === undefined) {
    if (recent === undefined) missedHash = hash;
    return undefined;
  }
  const refs = Array.isArray(bucket) ? bucket : [bucket];
  for (const ref of refs) {
    const node = ref.deref();
    if (node !== undefined) pinned(1);
    if (node !== undefined && isList(node, kind, kids, fn)) {
      keepRecent(node);
      return node;
    }
  }
  return undefined;
}

/** The interned power base^exp with this hash, if any. */
export function findPow(hash: number, base: Expr, exp: Expr): Expr | undefined {
  missedHash = -1;
  const recent = recentCompound.get(hash);
  if (recent !== undefined) {
    if (!Array.isArray(recent)) {
      if (isPow(recent, base, exp)) return recent;
    } else for (const node of recent) if (isPow(node, base, exp)) return node;
  }
  const bucket = compound.get(hash);
  if (bucket === undefined) {
    if (recent === undefined) missedHash = hash;
    return undefined;
  }
  const refs = Array.isArray(bucket) ? bucket : [bucket];
  for (const ref of refs) {
    const node = ref.deref();
    if (node !== undefined) pinned(1);
    if (node !== undefined && isPow(node, base, exp)) {
      keepRecent(node);
      return node;
    }
  }
  return undefined;
}

/** Remembers a new compound node (the caller has looked it up first). */
export function rememberCompound<T extends Expr>(node: T): T {
  const ref = new WeakRef<Expr>(node);
  if (node.hash === missedHash) {
    // Neither table had this hash at the lookup just made: new entries, no lookups.
    missedHash = -1;
    compound.set(node.hash, ref);
    if (++recentCount > RECENT_MAX) {
      recentCompound.clear();
      recentAtoms.clear();
      recentCount = 1;
    }
    recentCompound.set(node.hash, node);
  } else {
    const bucket = compound.get(node.hash);
    if (bucket === undefined) compound.set(node.hash, ref);
    else if (Array.isArray(bucket)) bucket.push(ref);
    else compound.set(node.hash, [bucket, ref]);
    keepRecent(node);
  }
  counted();
  pinned(1);
  return node;
}

/** The interned atom with this key, if any. */
export function findAtom(key: string): Expr | undefined {
  const recent = recentAtoms.get(key);
  if (recent !== undefined) return recent;
  const node = atoms.get(key)?.deref();
  if (node !== undefined) {
    rememberRecentAtom(key, node);
    pinned(1);
  }
  return node;
}

/** Remembers a new atom under its key. */
export function rememberAtom<T extends Expr>(key: string, node: T): T {
  atoms.set(key, new WeakRef<Expr>(node));
  rememberRecentAtom(key, node);
  counted();
  pinned(1);
  return node;
}

function rememberRecentAtom(key: string, node: Expr): void {
  if (++recentCount > RECENT_MAX) {
    recentCompound.clear();
    recentAtoms.clear();
    recentCount = 1;
  }
  recentAtoms.set(key, node);
}

/**
 * A WeakRef to an object nothing else holds, made at each sweep (and released at once): once it reads empty, the
 * collector has cleared WeakRefs since that sweep. Until then a sweep would find no dead entry it has not already
 * dropped, so it waits (checked every KEPT_RELEASE_EVERY insertions). Only where pins can be released mid-job: a
 * pinned sentinel would never read empty within a synchronous loop.
 */
let collectedSince: WeakRef<object> | undefined;

function counted(): void {
  if (++insertedSinceSweep < sweepAfter) return;
  if (collectedSince !== undefined) {
    const gone = collectedSince.deref() === undefined;
    releaseKept!(); // the deref just now pinned the sentinel: unpin it, so the next collection can clear it
    if (!gone) {
      insertedSinceSweep -= KEPT_RELEASE_EVERY;
      return;
    }
  }
  sweep();
}

/**
 * Drops the entries of collected nodes; the next sweep comes after as many insertions as there are live entries,
 * and (where pins are released) once a collection has cleared WeakRefs since this one.
 */
function sweep(): void {
  let live = 0;
  for (const [hash, bucket] of compound) {
    if (!Array.isArray(bucket)) {
      if (bucket.deref() === undefined) compound.delete(hash);
      else live++;
      continue;
    }
    const kept = bucket.filter((ref) => ref.deref() !== undefined);
    live += kept.length;
    if (kept.length === 0) compound.delete(hash);
    else compound.set(hash, kept.length === 1 ? kept[0]! : kept);
  }
  for (const [key, ref] of atoms) {
    if (ref.deref() === undefined) atoms.delete(key);
    else live++;
  }
  insertedSinceSweep = 0;
  sweepAfter = Math.max(4096, live);
  if (releaseKept !== undefined) collectedSince = new WeakRef({});
  pinned(KEPT_RELEASE_EVERY); // the sweep deref'd every entry (and made the sentinel): release them all now
}
