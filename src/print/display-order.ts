/**
 * The order in which printers show the terms of a sum and the factors of a
 * product. Canonical order inside Expr is by hash (fast, deterministic, but
 * arbitrary); people expect their own order back: `w*x + b - y`, not
 * `b - y + w*x`. So variables are ranked by first appearance in the input
 * text, and terms and factors are sorted by the ranks of the variables they
 * contain, and terms with the same variables by descending degree, as a
 * textbook writes polynomials. A sum's constant comes last in a polynomial
 * (`x^2 + 4*x + 1`, `2*x + 1`) and first beside functions (`1 + exp(-x)`,
 * `1 - cos(x)`); a positive term leads. Numbers come first in a product; among factors, plain powers of variables come before
 * parenthesised sums, which come before function calls (`2*x*cos(x^2)`,
 * `x*(w*x + b - y)`).
 */
import type { Expr } from '../core/expr.js';
import { freeVariables } from '../analysis.js';
import { compareStructure } from '../core/order.js';
import { sortInPlace } from '../core/sort-small.js';

const byNumber = (a: number, b: number): number => a - b;

export type VariableOrder = readonly string[];

/**
 * Rank tables and the sort keys made from them, per order array: shared by every printer call
 * with the same order (a gradient's 3000 partials share their terms' keys).
 */
const rankTables = new WeakMap<VariableOrder, { rank: Map<string, number>; keys: WeakMap<Expr, readonly number[]> }>();
const EMPTY_ORDER: VariableOrder = [];
const instances = new WeakMap<VariableOrder, DisplayOrder>();

export class DisplayOrder {
  private readonly rank: Map<string, number>;
  private readonly keys: WeakMap<Expr, readonly number[]>;

  /** The DisplayOrder of an order array (it holds nothing but that array's shared tables, so one serves every printer call). */
  static of(order: VariableOrder = EMPTY_ORDER): DisplayOrder {
    let made = instances.get(order);
    if (made === undefined) {
      made = new DisplayOrder(order);
      instances.set(order, made);
    }
    return made;
  }

  constructor(order: VariableOrder = EMPTY_ORDER) {
    let table = rankTables.get(order);
    if (table === undefined) {
      const rank = new Map<string, number>();
      order.forEach((name, i) => rank.set(name, i));
      table = { rank, keys: new WeakMap() };
      rankTables.set(order, table);
    }
    this.rank = table.rank;
    this.keys = table.keys;
  }

  private rankOf(name: string): number {
    let r = this.rank.get(name);
    if (r === undefined) {
      // Variables the input did not mention (none, normally) go last, alphabetically.
      r = 1e9;
      this.rank.set(name, r);
    }
    return r;
  }

  /** Sorted ranks of the variables in e. */
  private key(e: Expr): readonly number[] {
    let k = this.keys.get(e);
    if (k === undefined) {
      k = sortInPlace([...freeVariables(e)].map((v) => this.rankOf(v)), byNumber);
      this.keys.set(e, k);
    }
    return k;
  }

  private compareKeys(a: Expr, b: Expr): number {
    const ka = this.key(a);
    const kb = this.key(b);
    const n = Math.min(ka.length, kb.length);
    for (let i = 0; i < n; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
    if (ka.length !== kb.length) return ka.length - kb.length;
    if (ka.length > 0 && ka[0] === 1e9 && kb.length > 0) {
      const na = [...freeVariables(a)].sort().join(',');
      const nb = [...freeVariables(b)].sort().join(',');
      if (na !== nb) return na < nb ? -1 : 1;
    }
    return 0;
  }

  compareTerms = (a: Expr, b: Expr): number =>
    this.compareKeys(a, b) || degree(b) - degree(a) || compareStructure(a, b);

  /**
   * Terms of a sum in display order, with a positive term first when there is
   * one: `sigmoid(u) - y`, not `-y + sigmoid(u)`.
   */
  sortTerms(terms: readonly Expr[], isNegative: (e: Expr) => boolean): Expr[] {
    const sorted = terms.length > 8 ? this.sortedByKeys(terms) : sortInPlace([...terms], this.compareTerms);
    // Constants sort first (no variables); in a polynomial they go last.
    let constants = 0;
    while (constants < sorted.length && this.key(sorted[constants]!).length === 0) constants++;
    if (constants > 0 && constants < sorted.length && sorted.every((t, i) => i < constants || isMonomial(t)))
      sorted.push(...sorted.splice(0, constants));
    if (isNegative(sorted[0]!)) {
      const firstPositive = sorted.findIndex((t) => !isNegative(t));
      if (firstPositive > 0) sorted.unshift(...sorted.splice(firstPositive, 1));
    }
    return sorted;
  }

  /**
   * terms sorted by compareTerms, with each term's key and degree looked up once instead of at
   * every comparison (a 1000-term sum makes some 20,000 comparisons).
   */
  private sortedByKeys(terms: readonly Expr[]): Expr[] {
    const entries = terms.map((t) => ({ t, k: this.key(t), d: degree(t) }));
    entries.sort((a, b) => {
      const ka = a.k;
      const kb = b.k;
      const n = Math.min(ka.length, kb.length);
      for (let i = 0; i < n; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
      if (ka.length !== kb.length) return ka.length - kb.length;
      return (ka.length > 0 && ka[0] === 1e9 ? this.compareKeys(a.t, b.t) : 0) || b.d - a.d || compareStructure(a.t, b.t);
    });
    return entries.map((e) => e.t);
  }

  compareFactors = (a: Expr, b: Expr): number =>
    factorClass(a) - factorClass(b) || this.compareKeys(a, b) || compareStructure(a, b);

  /** factors sorted by compareFactors (in place), class and key looked up once per factor when there are many. */
  sortFactors(factors: Expr[]): Expr[] {
    if (factors.length <= 8) return sortInPlace(factors, this.compareFactors);
    const entries = factors.map((t) => ({ t, c: factorClass(t), k: this.key(t) }));
    entries.sort((a, b) => {
      if (a.c !== b.c) return a.c - b.c;
      const ka = a.k;
      const kb = b.k;
      const n = Math.min(ka.length, kb.length);
      for (let i = 0; i < n; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
      if (ka.length !== kb.length) return ka.length - kb.length;
      return (ka.length > 0 && ka[0] === 1e9 ? this.compareKeys(a.t, b.t) : 0) || compareStructure(a.t, b.t);
    });
    for (let i = 0; i < entries.length; i++) factors[i] = entries[i]!.t;
    return factors;
  }
}

/** A number times whole powers of variables (a term of a polynomial, or of one in 1/x). */
function isMonomial(e: Expr): boolean {
  switch (e.kind) {
    case 'sym':
    case 'num':
    case 'const':
      return true;
    case 'pow':
      return e.base.kind === 'sym' && e.exp.kind === 'num' && e.exp.value.d === 1n;
    case 'mul':
      return e.factors.every(isMonomial);
    default:
      return false;
  }
}

/** Total polynomial degree of a term, for ordering x before x^2 (non-integer powers count 1). */
function degree(e: Expr): number {
  switch (e.kind) {
    case 'sym':
      return 1;
    case 'pow':
      return e.exp.kind === 'num' ? Number(e.exp.value.n) / Number(e.exp.value.d) : 1;
    case 'mul':
      return e.factors.reduce((s, f) => s + degree(f), 0);
    default:
      return 0;
  }
}

function factorClass(e: Expr): number {
  const core = e.kind === 'pow' ? e.base : e;
  switch (core.kind) {
    case 'num':
      return 0;
    case 'const':
    case 'sym':
      return 1;
    case 'add':
      return 2;
    default:
      return 3;
  }
}
