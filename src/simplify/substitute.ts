/**
 * Substitutions (SUBSTITUTION_ROWS in rules/identities.ts): rewrites that make a call larger on its
 * own (cos(arcsin u) → √(1 − u²), sinh u → (e^u − e^(−u))/2) but let the node around it collapse.
 * `substituteNear` rewrites the calls close to a node's top (its terms, their factors and powers'
 * bases, and the terms of sum factors, two levels down) — what a strategy offers as a candidate;
 * `substituteEverywhere` rewrites every call, for the zero test. Both are identities wherever the
 * input is defined (each row's `domain` says where it holds), so a candidate never changes a value.
 */
import { SUBSTITUTION_ROWS, type SubstitutionRow } from '../../rules/identities.js';
import { type Expr, children, rebuild, pow, num } from '../core/expr.js';
import { mulAll } from '../bulk.js';
import { foldDag } from '../core/walk.js';
import { compile, conditionHolds, type CompiledRow } from './identities.js';
import { matchExact, matchProduct, instantiate } from './pattern.js';

export type SubstitutionGroup = SubstitutionRow['group'];
export const SUBSTITUTION_GROUPS: readonly SubstitutionGroup[] = [...new Set(SUBSTITUTION_ROWS.map((r) => r.group))];

interface Entry {
  readonly row: CompiledRow;
  readonly group: SubstitutionGroup;
}

let byHead: Map<string, Entry[]> | undefined;
/** The key product rows are filed under (no function is named so), and the functions they need. */
const PRODUCT = '*';
const productHeads = new Set<string>();

function table(): Map<string, Entry[]> {
  if (byHead === undefined) {
    byHead = new Map();
    for (const r of SUBSTITUTION_ROWS) {
      const row = compile(r);
      if (row.shape === 'sum') throw new Error(`substitution row ${r.id}: its left side must be a call or a product`);
      const key = row.shape === 'call' ? row.needs[0]! : PRODUCT;
      byHead.set(key, [...(byHead.get(key) ?? []), { row, group: r.group }]);
      if (row.shape === 'product') for (const fn of row.needs) productHeads.add(fn);
    }
  }
  return byHead;
}

/** The functions some substitution row rewrites (for a cheap `applies`); with `calls`, only the call rows' ones. */
export function substitutionHeads(calls = false): ReadonlySet<string> {
  const own = [...table().keys()].filter((k) => k !== PRODUCT);
  return new Set(calls ? own : [...own, ...productHeads]);
}

/** The product rewritten by the first product row of one of `groups` found in it; the product itself when none is. */
function substituteProduct(e: Expr, groups: ReadonlySet<SubstitutionGroup>, used: Set<string>): Expr {
  for (const { row, group } of table().get(PRODUCT) ?? []) {
    if (!groups.has(group)) continue;
    const m = matchProduct(row.factors, e, (b) => conditionHolds(row, b));
    // Only where the pattern's factors are used up: e^x/(1 + e^x)² keeps its quotient-rule form.
    if (m === undefined || m.rest.length !== (e.kind === 'mul' ? e.factors.length : 1) - row.factors.length) continue;
    used.add(row.row.id);
    return mulAll([pow(instantiate(row.to, m.bindings), num({ n: m.power, d: 1n })), ...m.rest]);
  }
  return e;
}

/** The call rewritten by the first row of one of `groups` that matches it; the call itself when none does. */
function substituteCall(e: Expr, groups: ReadonlySet<SubstitutionGroup>, used: Set<string>): Expr {
  if (e.kind !== 'call') return e;
  for (const { row, group } of table().get(e.fn) ?? []) {
    if (!groups.has(group)) continue;
    for (const b of matchExact(row.from, e)) {
      if (!conditionHolds(row, b)) continue;
      used.add(row.row.id);
      return instantiate(row.to, b);
    }
  }
  return e;
}

export interface Substituted {
  readonly after: Expr;
  /** Ids of the rows that fired (for steps). */
  readonly rows: ReadonlySet<string>;
}

/** e with the calls near its top substituted by `groups`' rows (see the header); `after` is e when none fired. */
export function substituteNear(e: Expr, groups: ReadonlySet<SubstitutionGroup>, build = true): Substituted {
  const used = new Set<string>();
  if (!build) {
    // Only which rows fire: every call and product is tried, nothing is rebuilt.
    const probe = (x: Expr, depth: number): void => {
      if (x.kind === 'call') substituteCall(x, groups, used);
      else if (x.kind === 'pow') probe(x.base, depth);
      else if (x.kind === 'mul' || (x.kind === 'add' && depth > 0)) {
        for (const k of children(x)) probe(k, depth - (x.kind === 'add' ? 1 : 0));
        if (x.kind === 'mul' && x !== e) substituteProduct(x, groups, used);
      }
    };
    probe(e, 2);
    return { after: e, rows: used };
  }
  const visit = (x: Expr, depth: number): Expr => {
    switch (x.kind) {
      case 'call':
        return substituteCall(x, groups, used);
      case 'pow': {
        const base = visit(x.base, depth);
        return base === x.base ? x : rebuild(x, [base, x.exp]);
      }
      case 'mul':
      case 'add': {
        if (x.kind === 'add' && depth === 0) return x;
        const kids = children(x);
        const next = depth - (x.kind === 'add' ? 1 : 0);
        let changed = false;
        const out = kids.map((k) => {
          const v = visit(k, next);
          if (v !== k) changed = true;
          return v;
        });
        const rebuilt = changed ? rebuild(x, out) : x;
        // Product rows rewrite terms of a sum, not the node itself (e^x/(1 + e^x) alone stays as the quotient rule gives it).
        return rebuilt.kind === 'mul' && x !== e ? substituteProduct(rebuilt, groups, used) : rebuilt;
      }
      default:
        return x;
    }
  };
  const after = visit(e, 2);
  return { after, rows: used };
}

const firingMemo = new WeakMap<Expr, ReadonlySet<SubstitutionGroup>>();
let allGroups: ReadonlySet<SubstitutionGroup> | undefined;
let groupOf: Map<string, SubstitutionGroup> | undefined;

/** The groups whose rows `substituteNear` would fire on e (memoised per node: every group's strategy asks). */
export function firingGroups(e: Expr): ReadonlySet<SubstitutionGroup> {
  let known = firingMemo.get(e);
  if (known === undefined) {
    allGroups ??= new Set(SUBSTITUTION_ROWS.map((r) => r.group));
    groupOf ??= new Map(SUBSTITUTION_ROWS.map((r) => [r.id, r.group]));
    const { rows } = substituteNear(e, allGroups, false);
    known = new Set([...rows].map((id) => groupOf!.get(id)!));
    firingMemo.set(e, known);
  }
  return known;
}

/** e with every call that a row of `groups` rewrites substituted, bottom-up (the arguments first). */
export function substituteEverywhere(e: Expr, groups: ReadonlySet<SubstitutionGroup>): Substituted {
  const used = new Set<string>();
  const after = foldDag<Expr>(e, (node, kids) => {
    const old = children(node);
    let same = kids.length === old.length;
    for (let i = 0; i < kids.length && same; i++) same = kids[i] === old[i];
    return substituteCall(same ? node : rebuild(node, kids), groups, used);
  });
  return { after, rows: used };
}
