/**
 * Properties over random well-formed expressions (fast-check): variables
 * x, y, w, b; + − * / and small integer powers; smooth rows of the table
 * (sin, cos, exp, tanh, sigmoid, atan, softplus, asinh, and log/sqrt of
 * positive things); and, for the laws that hold everywhere (printing,
 * parsing, canonical form), calls to every row of the table. Each property states a law that must hold for every
 * expression; points where a numeric comparison is meaningless (overflow,
 * a pole, an ill-conditioned finite difference) are skipped and counted, and
 * a property fails if it skipped too many of its runs to mean anything.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import katex from 'katex';
import { derivative, DerivError, evaluate, parse, simplify, toLatex, toText, type Expr } from '../src/index.js';
import { latexHeading } from '../src/print/heading.js';
import { FUNCTION_ROWS } from '../rules/functions.js';
import { children, rebuild, splitCoefficient } from '../src/core/expr.js';
import { foldDag } from '../src/core/walk.js';
import { centralDifference, close, mathjsReal } from './helpers/oracle.js';
import { runs } from './helpers/run-seed.js';

/** Runs per property (PROPERTY_SCALE=20 for a longer soak). */
const RUNS = runs(250);
const VARS = ['x', 'y', 'w', 'b'] as const;
type Var = (typeof VARS)[number];
type Point = Record<Var, number>;

const atom = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...VARS) },
  { weight: 1, arbitrary: fc.constantFrom('2', '3', '1/2', '0.25', 'pi', 'e') },
);
const SMOOTH = ['sin', 'cos', 'exp', 'tanh', 'sigmoid', 'atan', 'softplus', 'asinh'] as const;

/** Random expression text in deriv's (and mathjs's) syntax. */
const expression: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'medium', withCrossShrink: true },
    atom,
    fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '/'), tie('e')).map(([a, op, b]) => `(${a}) ${op} (${b})`),
    tie('e').map((a) => `-(${a})`),
    fc.tuple(tie('e'), fc.integer({ min: -3, max: 4 })).map(([a, k]) => `(${a})^${k < 0 ? `(${k})` : k}`),
    fc.tuple(fc.constantFrom(...SMOOTH), tie('e')).map(([f, a]) => `${f}(${a})`),
    tie('e').map((a) => `log(1 + (${a})^2)`),
    tie('e').map((a) => `sqrt(1 + (${a})^2)`),
    // Implicit multiplication, as users type it.
    fc.tuple(fc.constantFrom('2', '3'), fc.constantFrom(...VARS)).map(([k, v]) => `${k}${v}`),
  ),
})).e;

/** Calls to every row of the table, kinks and restricted domains included (for the laws that hold everywhere). */
const ROWS = FUNCTION_ROWS.map((r) => [r.name, r.params.length] as const);
const anyExpression: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '/', '^'), tie('e')).map(([a, op, b]) => `(${a}) ${op} (${b})`),
    fc.tuple(tie('e'), fc.constantFrom('1/2', '-1/2', '1/3', '-3', '2')).map(([a, k]) => `(${a})^(${k})`),
    fc.tuple(fc.constantFrom(...ROWS), tie('e'), tie('e'), tie('e')).map(([[f, n], a, b, c]) => `${f}(${[a, b, c].slice(0, n).join(', ')})`),
  ),
})).e;

/**
 * Points on a 1/1000 grid of [-2, 2]: no denormals like 1e-155, where a formula
 * that is exactly right still loses every digit (log(1 + x^2)/x^2 with x^2 = 0).
 */
const coordinate = fc.integer({ min: -2000, max: 2000 }).map((k) => k / 1000);
const point: fc.Arbitrary<Point> = fc.record({ x: coordinate, y: coordinate, w: coordinate, b: coordinate });
const variable = fc.constantFrom(...VARS);

/** Spellings a textbook never shows (a digit or name before 0* or 1* is part of a longer token: 10*x, w1*x). */
const UNTIDY: readonly RegExp[] = [/(^|[^\w./])[01]\*/, /\*1(?![\w./(])/, /\^1(?![\w./(])/, /--/, /\+\s*-/, /-\s*-/, /\+\s*\+/];

/** The same in LaTeX, plus: letters are never \mathrm, and \cdot only comes before a number. */
const UNTIDY_TEX: readonly RegExp[] = [/\\mathrm/, /\\cdot (?![0-9])/, /\^\{1\}/, /(^|[^\w.{}])1 [A-Za-z\\]/, /- -|--/, /\+ -/];

/** Values beyond this are overflow-prone: a comparison there says nothing. */
const HUGE = 1e6;
const usable = (...xs: number[]): boolean => xs.every((v) => Number.isFinite(v) && Math.abs(v) < HUGE);
/**
 * Every subexpression of every e is usable at p: sin(1/t) with t = 1e-14 has a
 * tame value, but its digits depend on rounding, so two evaluators disagree.
 */
const wellScaled = (p: Point, ...es: Expr[]): boolean =>
  es.every((e) => foldDag<boolean>(e, (node, kids) => kids.every(Boolean) && usable(evaluate(node, p))));

/** The first violation of the canonical-form contract of src/expr.ts found in e, if any. */
function canonicalProblem(e: Expr): string | undefined {
  let problem: string | undefined;
  foldDag<null>(e, (node) => {
    if (problem !== undefined) return null;
    if (rebuild(node, children(node)) !== node) problem = `rebuilding ${toText(node)} changes it`;
    else if (node.kind === 'mul') {
      const bases = node.factors.filter((g) => g.kind !== 'num').map((g) => (g.kind === 'pow' ? g.base : g));
      if (new Set(bases).size !== bases.length) problem = `${toText(node)} has two factors with one base`;
    } else if (node.kind === 'add') {
      const rests = node.terms.filter((t) => t.kind !== 'num').map((t) => splitCoefficient(t)[1]);
      if (new Set(rests).size !== rests.length) problem = `${toText(node)} has uncollected like terms`;
    }
    return null;
  });
  return problem;
}

const tally = new Map<string, { passed: number; skipped: number }>();
function count(name: string, outcome: 'passed' | 'skipped'): void {
  const t = tally.get(name) ?? { passed: 0, skipped: 0 };
  t[outcome]++;
  tally.set(name, t);
}
/** Runs one property body; an expression that divides by an exact zero (UNDEFINED) is a skip, not a failure. */
function guarded(name: string, body: () => void): void {
  try {
    body();
  } catch (e) {
    if (e instanceof DerivError && e.code === 'UNDEFINED') return count(name, 'skipped');
    throw e;
  }
}

/** Most runs of a numeric property must have been real checks, not skips. */
function expectMostlyChecked(name: string): void {
  const t = tally.get(name)!;
  expect(t.passed, `${name}: ${t.skipped} of ${t.passed + t.skipped} runs skipped`).toBeGreaterThanOrEqual(RUNS * 0.6);
}

afterAll(() => {
  const lines = [...tally].map(([name, t]) => `  ${name}: ${t.passed} passed, ${t.skipped} skipped`);
  const total = [...tally.values()].reduce((s, t) => s + t.passed, 0);
  console.log(`property runs passed: ${total}\n${lines.join('\n')}`);
});

describe('properties of random expressions', () => {
  it('the derivative agrees with central finite differences where smooth and well-conditioned', () => {
    const name = 'derivative = finite difference';
    fc.assert(
      fc.property(expression, variable, point, (text, v, p) =>
        guarded(name, () => {
          const f = parse(text);
          const value = derivative(f, v).evaluate(p);
          const fd = centralDifference((t) => evaluate(f, { ...p, [v]: t }), p[v]);
          if (!usable(value, fd.value) || !wellScaled(p, f) || !fd.stable) return count(name, 'skipped');
          expect(close(value, fd.value, 1e-6), `${text}: ∂/∂${v} = ${value}, finite difference ${fd.value}`).toBe(true);
          count(name, 'passed');
        }),
      ),
      { numRuns: RUNS },
    );
    expectMostlyChecked(name);
  });

  it('simplify never changes a value (raw derivative vs simplified; expression vs simplified)', () => {
    const name = 'simplify keeps values';
    fc.assert(
      fc.property(expression, variable, point, (text, v, p) =>
        guarded(name, () => {
          const f = parse(text);
          const raw = derivative(f, v, { simplify: false }).expr;
          const pairs: [Expr, Expr][] = [
            [raw, simplify(raw)],
            [f, simplify(f)],
          ];
          const values = pairs.flatMap(([a, b]) => [evaluate(a, p), evaluate(b, p)]);
          if (!usable(...values) || !wellScaled(p, ...pairs.flat())) return count(name, 'skipped');
          for (let i = 0; i < values.length; i += 2)
            expect(close(values[i]!, values[i + 1]!, 1e-8), `${text} (∂/∂${v}): ${values[i]} vs ${values[i + 1]}`).toBe(true);
          count(name, 'passed');
        }),
      ),
      { numRuns: RUNS },
    );
    expectMostlyChecked(name);
  });

  it('parse(toText(e)) is e itself, for random expressions and their derivatives', () => {
    const name = 'parse(print(e)) === e';
    fc.assert(
      fc.property(fc.oneof(expression, anyExpression), variable, (text, v) =>
        guarded(name, () => {
          const f = parse(text);
          const d = derivative(f, v);
          const raw = derivative(f, v, { simplify: false }).expr;
          for (const e of [f, d.expr, raw]) expect(parse(toText(e)), toText(e)).toBe(e);
          expect(parse(d.toString())).toBe(d.expr);
          count(name, 'passed');
        }),
      ),
      { numRuns: RUNS },
    );
  });

  it('mathjs evaluates our text output to the value our evaluator gives', () => {
    const name = 'mathjs agrees';
    fc.assert(
      fc.property(fc.oneof(expression, anyExpression), variable, point, (text, v, p) =>
        guarded(name, () => {
          const f = parse(text);
          const d = derivative(f, v);
          const ours = [evaluate(f, p), d.evaluate(p)];
          if (!usable(...ours) || !wellScaled(p, f, d.expr)) return count(name, 'skipped');
          const theirs = [mathjsReal(toText(f), p), mathjsReal(d.toString(), p)];
          if (theirs[0] === undefined || theirs[1] === undefined) return count(name, 'skipped'); // mathjs's complex branch
          expect(close(ours[0]!, theirs[0]!, 1e-8), `${toText(f)}: ${ours[0]} vs mathjs ${theirs[0]}`).toBe(true);
          expect(close(ours[1]!, theirs[1]!, 1e-8), `${d.toString()}: ${ours[1]} vs mathjs ${theirs[1]}`).toBe(true);
          count(name, 'passed');
        }),
      ),
      { numRuns: RUNS },
    );
    expectMostlyChecked(name);
  });

  it('derivatives print in textbook form: no 0*, 1*, ^1, --, +-, and a variable that does not occur gives 0', () => {
    const name = 'textbook form';
    fc.assert(
      fc.property(fc.oneof(expression, anyExpression), variable, (text, v) =>
        guarded(name, () => {
          const d = derivative(text, v).toString();
          for (const untidy of UNTIDY) expect(d, `∂(${text})/∂${v} = ${d}`).not.toMatch(untidy);
          expect(derivative(text, 'z').toString()).toBe('0');
          count(name, 'passed');
        }),
      ),
      { numRuns: RUNS },
    );
  });

  it('mixed partials commute: ∂²f/∂u∂v = ∂²f/∂v∂u', () => {
    const name = 'mixed partials commute';
    fc.assert(
      fc.property(expression, variable, variable, point, (text, u, v, p) =>
        guarded(name, () => {
          const f = parse(text);
          const duv = derivative(f, [u, v]);
          const dvu = derivative(f, [v, u]);
          const uv = duv.evaluate(p);
          const vu = dvu.evaluate(p);
          if (!usable(uv, vu) || !wellScaled(p, f, duv.expr, dvu.expr)) return count(name, 'skipped');
          expect(close(uv, vu, 1e-8), `${text}: ∂²/∂${u}∂${v} = ${uv}, ∂²/∂${v}∂${u} = ${vu}`).toBe(true);
          count(name, 'passed');
        }),
      ),
      { numRuns: RUNS },
    );
    expectMostlyChecked(name);
  });

  it('every node of every result is in canonical form (rebuilding it gives itself; like terms and factors collected)', () => {
    const name = 'canonical form';
    fc.assert(
      fc.property(fc.oneof(expression, anyExpression), variable, (text, v) =>
        guarded(name, () => {
          const f = parse(text);
          for (const e of [f, derivative(f, v).expr, derivative(f, v, { simplify: false }).expr]) {
            const problem = canonicalProblem(e);
            expect(problem, `${toText(e)}: ${problem}`).toBeUndefined();
          }
          count(name, 'passed');
        }),
      ),
      { numRuns: RUNS },
    );
  });

  it('regression: (√y)^(−1/2) beside y^(−1/2) is one factor, y^(−1) (round trip of a raw derivative)', () => {
    const raw = derivative('log((y^(1/2))^(1/2), y)', 'y', { simplify: false }).expr;
    expect(canonicalProblem(raw)).toBeUndefined();
    expect(parse(toText(raw))).toBe(raw);
  });

  it('every LaTeX output renders in KaTeX with throwOnError', () => {
    const name = 'KaTeX renders';
    fc.assert(
      fc.property(fc.oneof(expression, anyExpression), variable, (text, v) =>
        guarded(name, () => {
          const f = parse(text);
          const d = derivative(f, v);
          for (const tex of [toLatex(f), d.toTex(), `${latexHeading(d.variables, 'L')} = ${d.toTex()}`]) {
            expect(() => katex.renderToString(tex, { throwOnError: true }), tex).not.toThrow();
            // Textbook LaTeX: letters stay italic, \cdot only before a number, no ^{1}, 1·x, -- or + -.
            for (const untidy of UNTIDY_TEX) expect(tex).not.toMatch(untidy);
          }
          count(name, 'passed');
        }),
      ),
      { numRuns: RUNS },
    );
  });
});
