/**
 * Zero (and constant) recognition: a finished sum that evaluates to the same number at a few points
 * is a candidate constant — the numbers are evidence, never the answer. The candidate is then proved
 * symbolically: every call that a substitution row rewrites (rules/identities.ts: inverse compositions,
 * double angles, hyperbolic functions through e^u, roots) is rewritten everywhere and the result
 * simplified again; only when that gives a number, which by construction equals the sum wherever it is
 * defined, is the number returned. Otherwise the sum stays as it is.
 */
import { type Expr, ZERO_EXPR } from '../core/expr.js';
import { isNegative } from '../core/rational.js';
import { evaluate } from '../evaluate.js';
import { freeVariables, treeSize } from '../analysis.js';
import { SUBSTITUTION_GROUPS, substituteEverywhere, substitutionHeads } from './substitute.js';
import { headsOfNode } from './identities.js';
import { expand } from './expand.js';

/** Most monomials the proof multiplies out. */
const MAX_TERMS = 256;

/** Sums larger than this (tree nodes) are not tested: the proof re-simplifies the whole sum. */
const MAX_TESTED = 400;
/** How many points are tried; at least two must give finite values. */
const POINTS = 4;
const ALL_GROUPS = new Set(SUBSTITUTION_GROUPS);

/** Point k's value of the i-th variable: spread in (0.1, 0.9), inside every inverse function's domain. */
const coordinate = (k: number, i: number): number => 0.1 + ((0.31 + 0.2137 * k + 0.1379 * i) % 0.8);

function values(e: Expr & { kind: 'add' }): number[] | undefined {
  const names = [...freeVariables(e)];
  const out: number[] = [];
  for (let k = 0; k < POINTS; k++) {
    const scope: Record<string, number> = {};
    names.forEach((n, i) => (scope[n] = coordinate(k, i)));
    try {
      const v = evaluate(e, scope);
      // The size of the terms sets the tolerance: their sum cancelling to rounding error counts as 0.
      let scale = 0;
      for (const t of e.terms) scale = Math.max(scale, Math.abs(evaluate(t, scope)));
      if (Number.isFinite(v) && Number.isFinite(scale)) out.push(v, scale);
    } catch {
      // a point outside the domain: skip it
    }
  }
  return out.length >= 4 ? out : undefined;
}

/** Whether the values (pairs of value and term scale) agree to rounding error. */
function looksConstant(pairs: readonly number[]): boolean {
  const first = pairs[0]!;
  for (let i = 0; i < pairs.length; i += 2) {
    const tolerance = 1e-9 * Math.max(1, pairs[i + 1]!);
    if (Math.abs(pairs[i]! - first) > tolerance) return false;
  }
  return true;
}

let heads: ReadonlySet<string> | undefined;

/** Whether some term's factors call a function a substitution rewrites (only then can the proof succeed). */
function rewritable(e: Expr): boolean {
  heads ??= substitutionHeads(true);
  for (const fn of headsOfNode(e)) if (heads.has(fn)) return true;
  return false;
}

/**
 * The number a sum of functions equals, proved (see the header), or undefined; for a product, 0 when one
 * of its sum factors is proved 0.
 */
export function provedConstant(e: Expr, tidy: (e: Expr) => Expr): Expr | undefined {
  if (e.kind === 'mul') {
    for (const f of e.factors) {
      const base = f.kind === 'pow' && f.exp.kind === 'num' && !isNegative(f.exp.value) ? f.base : f;
      if (base.kind === 'add' && provedConstant(base, tidy) === ZERO_EXPR) return ZERO_EXPR;
    }
    return undefined;
  }
  if (e.kind !== 'add' || !rewritable(e) || treeSize(e, MAX_TESTED + 1) > MAX_TESTED) return undefined;
  const pairs = values(e);
  if (pairs === undefined || !looksConstant(pairs)) return undefined;
  const { after } = substituteEverywhere(e, ALL_GROUPS);
  // Multiplied out first (the simplifier would fold e^u − e^(−u) back into 2·sinh u), then simplified.
  const expanded = expand(after, MAX_TERMS) ?? after;
  const proved = expanded.kind === 'num' ? expanded : tidy(expanded);
  return proved.kind === 'num' ? proved : undefined;
}
