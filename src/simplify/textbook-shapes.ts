/**
 * Strategies for the forms an answer key prints (issue 25), each offering candidates that the
 * simplifier keeps only when smaller (so each is an identity, and ties keep the form as built):
 * - substitutions by group (./substitute.ts): cos(arcsin x)/√(1 − x²) → 1, sin 2x − 2·sin x·cos x → 0,
 *   (cosh x + sinh x)·e^x → e^(2x);
 * - the logarithmic-differentiation form f^g·(g′·ln f + g·f′/f): x^(sin x − 1)·sin x + x^(sin x)·cos x·ln x
 *   → x^(sin x)·(cos x·ln x + sin x/x);
 * - a common factor with its cofactor multiplied out: (x + 1)·(x + 3)²·(6x² + 13x + 3);
 * - a number distributed over a sum: −4·(3 − 2x) → 8x − 12;
 * - nested fractions flattened: powers of sums with denominators, positive or negative, over one denominator;
 * - the root of a fraction: √(1 − 1/x²) = √(x² − 1)/|x|;
 * - expand and simplify a sum when a sum identity can then fire ((1 − y)·a + … with 1/(1 + e^(−z)) + 1/(1 + e^z) = 1),
 *   inside a substitution's candidate only (it costs an expansion and a simplification of each sum it meets).
 */
import { type Expr, type Add, mul, pow, num, call, splitCoefficient } from '../core/expr.js';
import type { Strategy, StrategyContext } from './strategies.js';
import { SUBSTITUTION_GROUPS, substitutionHeads, substituteNear, firingGroups, type SubstitutionGroup } from './substitute.js';
import { headsOfNode, hasSumRowFor } from './identities.js';
import { factorCommon } from './factor.js';
import { expand } from './expand.js';
import { together } from './together.js';
import { isPositive } from './sign.js';
import { baseAndExponent } from './pattern.js';
import { isNegative, isInteger, q } from '../core/rational.js';
import { addAll, mulAll } from '../bulk.js';
import { treeSize } from '../analysis.js';

const GROUP_NAMES: Record<SubstitutionGroup, string> = {
  'inverse-composition': 'inverse function inside its partner (cos(arcsin u) = √(1 − u²))',
  'double-angle': 'double angle (sin 2u = 2·sin u·cos u)',
  'hyperbolic-exp': 'hyperbolic functions through e^u',
  'root-power': 'powers out of roots and absolute values (∛(u²) = (∛u)²)',
  logistic: 'the logistic function through e^u (e^u/(1 + e^u) = 1/(1 + e^(−u)))',
};

let heads: ReadonlySet<string> | undefined;

function mentionsSubstitutable(e: Expr): boolean {
  heads ??= substitutionHeads();
  for (const fn of headsOfNode(e)) if (heads.has(fn)) return true;
  return false;
}

/** Substitution candidates being simplified (EXPAND_FOR_IDENTITY runs only then: it is costly, and needed there). */
let substituting = 0;

/** One strategy per substitution group; candidates are substituted, then simplified (never nested). */
function substitution(group: SubstitutionGroup): Strategy {
  const groups: ReadonlySet<SubstitutionGroup> = new Set([group]);
  let active = false;
  return {
    id: `substitute-${group}`,
    name: GROUP_NAMES[group],
    applies: (e) => (e.kind === 'add' || e.kind === 'mul' || e.kind === 'pow') && mentionsSubstitutable(e) && firingGroups(e).has(group),
    candidates: (e, { tidy }) => {
      if (active) return [];
      const { after } = substituteNear(e, groups);
      if (after === e) return [];
      active = true;
      substituting++;
      try {
        const done = nestedTidy(tidy, after);
        return done === undefined ? [] : [done];
      } finally {
        active = false;
        substituting--;
      }
    },
  };
}

export const SUBSTITUTION_STRATEGIES: readonly Strategy[] = SUBSTITUTION_GROUPS.map(substitution);

/**
 * Candidates simplified inside a candidate nest: x^x^…^x would nest one simplification per level and
 * overflow the stack. Past this depth the shape strategies offer nothing.
 */
const MAX_NESTING = 2;
let nesting = 0;

function nestedTidy(tidy: (e: Expr) => Expr, e: Expr): Expr | undefined {
  if (nesting >= MAX_NESTING) return undefined;
  nesting++;
  try {
    return tidy(e);
  } finally {
    nesting--;
  }
}

const factorsOf = (t: Expr): readonly Expr[] => (t.kind === 'mul' ? t.factors : [t]);

/**
 * The power with a non-numeric exponent among a sum's terms' factors whose exponent is smallest (f^g, not the
 * power rule's f^(g − 1)), or undefined.
 */
function variablePower(sum: Add): Expr | undefined {
  let best: (Expr & { kind: 'pow' }) | undefined;
  for (const t of sum.terms)
    for (const f of factorsOf(t))
      if (f.kind === 'pow' && f.exp.kind !== 'num' && (best === undefined || treeSize(f.exp) < treeSize(best.exp))) best = f;
  return best;
}

export const LOG_DIFFERENTIATION: Strategy = {
  id: 'log-differentiation-form',
  name: 'logarithmic-differentiation form f^g·(g′·ln f + g·f′/f)',
  applies: (e) => e.kind === 'add' && e.terms.length <= 8 && variablePower(e) !== undefined,
  candidates: (e, { tidy }) => {
    const p = variablePower(e as Add)!;
    const inverse = pow(p, num(-1));
    const rest = nestedTidy(tidy, addAll((e as Add).terms.map((t) => mul(t, inverse))));
    return rest === undefined ? [] : [mul(p, rest)];
  },
};

const hasSumFactor = (t: Expr): boolean => factorsOf(t).some((f) => f.kind === 'add' || (f.kind === 'pow' && f.base.kind === 'add'));

const hasSquaredSum = (t: Expr): boolean =>
  factorsOf(t).some((f) => f.kind === 'pow' && f.base.kind === 'add' && f.exp.kind === 'num' && f.exp.value.d === 1n && f.exp.value.n >= 2n);

export const FACTORED_PRODUCT: Strategy = {
  id: 'factor-then-expand',
  name: 'common factor, the rest multiplied out',
  // Every term has a power ≥ 2 of a sum (the product rule on (x + 1)²·(x + 3)³): only then can one come out.
  applies: (e) => e.kind === 'add' && e.terms.length <= 16 && e.terms.every(hasSquaredSum),
  candidates: (e, { maxTerms, tidy }) => {
    const factored = factorCommon(e as Add);
    // Worth it only when a power of a sum came out ((x + 1)·(x + 3)²·(…)); otherwise `expand` covers it.
    if (factored.kind !== 'mul' || !factored.factors.some((f) => f.kind === 'pow' && f.base.kind === 'add')) return [];
    let changed = false;
    const factors = factored.factors.map((f) => {
      if (f.kind !== 'add' || !f.terms.some(hasSumFactor)) return f;
      const expanded = expand(f, maxTerms);
      const done = expanded === undefined || expanded === f ? undefined : nestedTidy(tidy, expanded);
      if (done === undefined) return f;
      changed = true;
      return done;
    });
    return changed ? [mulAll(factors)] : [];
  },
};

/** Whole coefficients stay whole (37·(37w + 100b − 125)/5000 is not spread into fractions). */
const wholeNumber = (e: Expr): boolean => e.kind === 'num' && e.value.d === 1n;

export const DISTRIBUTE_NUMBER: Strategy = {
  id: 'distribute-number',
  name: 'number multiplied into a sum',
  applies: (e) =>
    e.kind === 'mul' && e.factors.length === 2 && wholeNumber(e.factors[0]!) && e.factors[1]!.kind === 'add' &&
    (e.factors[1] as Add).terms.every((t) => splitCoefficient(t)[0].d === 1n),
  candidates: (e) => {
    const [c, s] = (e as Expr & { kind: 'mul' }).factors as [Expr, Add];
    return [addAll(s.terms.map((t) => mul(c, t)))];
  },
};

const hasDenominator = (t: Expr): boolean => factorsOf(t).some((f) => isNegative(baseAndExponent(f)[1]));
const nestedQuotient = (f: Expr): boolean =>
  f.kind === 'pow' && f.base.kind === 'add' && f.exp.kind === 'num' && isInteger(f.exp.value) && f.base.terms.some(hasDenominator);

export const FLATTEN_FRACTIONS: Strategy = {
  id: 'flatten-fractions',
  name: 'nested fractions over one denominator',
  applies: (e) => e.kind === 'mul' && e.factors.filter(nestedQuotient).length >= 1 && e.factors.some((f) => f.kind === 'pow' && f.exp.kind === 'num' && !isNegative(f.exp.value) && nestedQuotient(f)),
  candidates: (e, { maxTerms, tidy }) => {
    let changed = false;
    const factors = (e as Expr & { kind: 'mul' }).factors.map((f) => {
      if (!nestedQuotient(f)) return f;
      const p = f as Expr & { kind: 'pow' };
      const combined = together(p.base as Add, maxTerms, tidy);
      if (combined === undefined) return f;
      changed = true;
      return pow(combined, p.exp);
    });
    return changed ? [mulAll(factors)] : [];
  },
};

const isSqrtOfQuotient = (f: Expr): boolean => {
  const b = baseAndExponent(f)[0];
  const radicand = b.kind === 'call' && b.fn === 'sqrt' ? b.args[0]! : undefined;
  return radicand?.kind === 'add' && radicand.terms.some(hasDenominator);
};

/**
 * √(N·Π bᵢ^(−kᵢ)) as √N·Π |bᵢ|^(−kᵢ/2) when every kᵢ is even, or √N·Π bᵢ^(−kᵢ/2) when every bᵢ is
 * provably positive; undefined otherwise (√(N/D) = √N/√D needs D > 0).
 */
function rootOfQuotient(radicand: Add, maxTerms: number, tidy: (e: Expr) => Expr): Expr | undefined {
  const combined = together(radicand, maxTerms, tidy);
  if (combined === undefined) return undefined;
  const [c, rest] = splitCoefficient(combined);
  const top: Expr[] = [num(c)];
  const bottom: Expr[] = [];
  let even = true;
  let positive = true;
  for (const f of factorsOf(rest)) {
    const [b, k] = baseAndExponent(f);
    if (!isNegative(k) || !isInteger(k)) {
      top.push(f);
      continue;
    }
    if (k.n % 2n !== 0n) even = false;
    if (!isPositive(b)) positive = false;
    bottom.push(f);
  }
  if (bottom.length === 0 || (!even && !positive)) return undefined;
  const roots = bottom.map((f) => {
    const [b, k] = baseAndExponent(f);
    return even && !positive ? pow(call('abs', [b]), num(q(k.n / 2n))) : pow(b, num(q(k.n, 2n)));
  });
  return mul(call('sqrt', [mul(...top)]), ...roots);
}

/** The bases a radicand's terms divide by (x for 1 − 1/x²). */
function denominatorBases(radicand: Add): Set<Expr> {
  const out = new Set<Expr>();
  for (const t of radicand.terms)
    for (const f of factorsOf(splitCoefficient(t)[1])) {
      const [b, k] = baseAndExponent(f);
      if (isNegative(k)) out.add(b);
    }
  return out;
}

/** A factor's base with an absolute value taken off (|x|^(−1) → x). */
const bareBase = (f: Expr): Expr => {
  const b = baseAndExponent(f)[0];
  return b.kind === 'call' && b.fn === 'abs' ? b.args[0]! : b;
};

export const ROOT_OF_QUOTIENT: Strategy = {
  id: 'root-of-quotient',
  name: 'root of a quotient: √(1 − 1/x²) = √(x² − 1)/|x|',
  applies: (e) => (e.kind === 'mul' || e.kind === 'pow') && factorsOf(e).some(isSqrtOfQuotient),
  candidates: (e, { maxTerms, tidy }) => {
    let changed = false;
    const all = factorsOf(e);
    const factors = all.map((f) => {
      if (!isSqrtOfQuotient(f)) return f;
      const [b, k] = baseAndExponent(f);
      const radicand = (b as Expr & { kind: 'call' }).args[0] as Add;
      // Only where the denominator taken out of the root meets another factor (x^(−2)·…/√(1 − 1/x²)).
      const bases = denominatorBases(radicand);
      if (!all.some((g) => g !== f && bases.has(bareBase(g)))) return f;
      const root = rootOfQuotient(radicand, maxTerms, tidy);
      if (root === undefined) return f;
      changed = true;
      return pow(root, num(k));
    });
    const done = changed ? nestedTidy(tidy, mulAll(factors)) : undefined;
    return done === undefined ? [] : [done];
  },
};

export const EXPAND_FOR_IDENTITY: Strategy = {
  id: 'expand-for-identity',
  name: 'expand, then an identity',
  applies: (e) => substituting > 0 && e.kind === 'add' && e.terms.length <= 16 && e.terms.some(hasSumFactor) && hasSumRowFor(e),
  candidates: (e, context: StrategyContext) => {
    const expanded = expand(e, context.maxTerms);
    const done = expanded === undefined || expanded === e ? undefined : nestedTidy(context.tidy, expanded);
    return done === undefined ? [] : [done];
  },
};
