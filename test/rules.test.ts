/**
 * The rule table against numbers: every partial template of every row of
 * rules/functions.ts, evaluated at random points of the row's sample domain,
 * must match a central finite difference of the row's own numeric
 * implementation; the engine's chain rule must do the same through inner
 * functions; each row's numbers must agree with mathjs where mathjs has the
 * function; and unknown functions or wrong argument counts are coded errors.
 */
import { describe, expect, it } from 'vitest';
import { FUNCTION_ROWS, type FunctionRow } from '../rules/functions.js';
import { derivative, DerivError, evaluate, parse } from '../src/index.js';
import { sym } from '../src/core/expr.js';
import { partialAt } from '../src/templates.js';
import { centralDifference, close, drawArgument, mathjsEvaluate, mathjsLacks, rng } from './helpers/oracle.js';

const POINTS = 12;
const label = (row: FunctionRow): string => `${row.name}(${row.params.join(', ')})`;

/** A point of the row's sample domain, keyed by parameter name. */
function samplePoint(row: FunctionRow, random: () => number): Record<string, number> {
  return Object.fromEntries(row.params.map((p, i) => [p, drawArgument(random, row, i)]));
}

/** Whole-number parameters (polygamma's order) are not differentiated: their partial is 0 by definition. */
const isWhole = (row: FunctionRow, i: number): boolean => row.integer?.includes(i) === true;
const PARTIAL_CASES = FUNCTION_ROWS.flatMap((row) =>
  row.params.flatMap((param, i) => (isWhole(row, i) ? [] : [[`∂${label(row)}/∂${param} = ${row.partials[i]}`, row, i] as const])),
);

describe('rule table: every partial against central finite differences', () => {
  it.each(PARTIAL_CASES)('%s', (_name, row, i) => {
    const template = partialAt(row, i, row.params.map((p) => sym(p)));
    const random = rng(row.name.length * 97 + i * 13 + row.params.length);
    let judged = 0;
    for (let k = 0; k < POINTS; k++) {
      const point = samplePoint(row, random);
      const args = row.params.map((p) => point[p]!);
      const fd = centralDifference((t) => row.evaluate(...args.map((a, j) => (j === i ? t : a))), args[i]!);
      // Where the two step sizes disagree the difference cannot judge (near the edge of a domain): skipped.
      if (!fd.stable) continue;
      judged++;
      const symbolic = evaluate(template, point);
      expect(close(symbolic, fd.value, 1e-7), `${symbolic} vs ${fd.value} at ${JSON.stringify(point)}`).toBe(true);
    }
    // The sample domains keep away from edges, so nearly every point is judged.
    expect(judged, 'points the finite difference could judge').toBeGreaterThanOrEqual(POINTS - 2);
  });
});

/**
 * mathjs's lgamma is good to about 2e-12 (lgamma(0.5): mathjs 0.5723649429227464, Python's math and deriv
 * 0.5723649429247004, the true value 0.57236494292470008…).
 */
const MATHJS_TOLERANCE: Readonly<Record<string, number>> = { lgamma: 1e-11 };

describe('rule table: the numeric implementation agrees with mathjs', () => {
  /** Rows whose name (and argument order) mathjs shares. Our own functions are the oracle's too, so they are left out. */
  it.each(FUNCTION_ROWS.filter((r) => !mathjsLacks.has(r.name)).map((r) => [label(r), r] as const))('%s', (_name, row) => {
    const random = rng(row.name.length * 7 + row.params.length);
    for (let k = 0; k < POINTS; k++) {
      const point = samplePoint(row, random);
      const value = row.evaluate(...row.params.map((p) => point[p]!));
      expect(close(value, mathjsEvaluate(`${row.name}(${row.params.join(', ')})`, point), MATHJS_TOLERANCE[row.name] ?? 1e-12)).toBe(true);
    }
  });
});

/** Inner functions of z (a name no row uses as a parameter) for the chain rule: text, its derivative, and a preimage of u (so f's argument lands in its domain). */
const INNER: readonly (readonly [string, (x: number) => number, (u: number) => number])[] = [
  ['2*z+1', () => 2, (u) => (u - 1) / 2],
  ['z^3', (z) => 3 * z * z, (u) => Math.cbrt(u)],
  ['-z/3', () => -1 / 3, (u) => -3 * u],
];

const CHAIN_CASES = FUNCTION_ROWS.flatMap((row) =>
  row.params.flatMap((_, i) => isWhole(row, i) ? [] :
    INNER.map(([inner, dInner, preimage]) => {
      const args = row.params.map((p, j) => (j === i ? `(${inner})` : p));
      const text = row.name === 'pow' ? `(${args[0]})^(${args[1]})` : `${row.name}(${args.join(', ')})`;
      return [text, row, i, dInner, preimage] as const;
    }),
  ),
);

describe('the chain rule through the engine: d/dz f(g(z)) = ∂f(g(z)) · g′(z)', () => {
  it.each(CHAIN_CASES)('∂(%s)/∂z', (text, row, i, dInner, preimage) => {
    const d = derivative(text, 'z');
    const f = parse(text);
    const random = rng(text.length * 31 + i);
    const outer = partialAt(row, i, row.params.map((p) => sym(p)));
    let checked = 0;
    for (let k = 0; k < POINTS / 2; k++) {
      const point = samplePoint(row, random);
      const u = point[row.params[i]!]!;
      const z = preimage(u);
      if (Math.abs(dInner(z)) < 1e-3) continue; // z³ is flat at 0
      const scope = { ...point, z };
      const engine = d.evaluate(scope);
      // Against the template (∂f at g(z)) times g′(z), and against a finite difference of f(g(z)).
      expect(close(engine, evaluate(outer, point) * dInner(z), 1e-9)).toBe(true);
      const fd = centralDifference((t) => evaluate(f, { ...scope, z: t }), z);
      if (fd.stable) expect(close(engine, fd.value, 1e-6)).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it.each([
    ['sin(cos(x))', 'x', '-cos(cos(x))*sin(x)'],
    ['exp(sin(x^2))', 'x', '2*x*cos(x^2)*exp(sin(x^2))'],
    ['log(sigmoid(w*x+b))', 'w', 'x*(1-sigmoid(w*x+b))'],
    ['x^x', 'x', 'x^x*(1+log(x))'],
    ['2^x', 'x', '2^x*log(2)'],
    ['x^2', 'x', '2*x'],
    ['relu(w*x)', 'w', 'x*heaviside(w*x)'],
    ['max(0, w*x)', 'w', 'x*heaviside(w*x, 1/2)'],
    ['abs(x^3)', 'x', '3*x^2*sign(x^3)'],
    ['log(x, 2)', 'x', '1/(x*log(2))'],
    ['softplus(2*x)', 'x', '2*sigmoid(2*x)'],
    ['atan2(y, x)', 'x', '-y/(x^2+y^2)'],
    ['sin(x)', 'y', '0'],
  ])('∂(%s)/∂%s -> %s', (f, v, expected) => {
    expect(derivative(f, v).expr).toBe(parse(expected));
  });
});

describe('conventions at kinks (docs/functions.md): PyTorch\'s, so relu′(0) = 0 and a tie of max/min splits ½/½', () => {
  it.each([
    ['relu(x)', 0, 0],
    ['relu(x)', 2, 1],
    ['relu(x)', -2, 0],
    ['max(0, x)', 0, 0.5],
    ['max(x, 0)', 0, 0.5],
    ['min(0, x)', 0, 0.5],
    ['max(0, x)', 1, 1],
    ['min(0, x)', -1, 1],
    ['abs(x)', 0, 0],
    ['abs(x)', -3, -1],
    ['heaviside(x)', 0, 0],
    ['step(x)', 1, 0],
    ['sign(x)', 0, 0],
  ])('d/dx %s at x = %d -> %s', (f, x, expected) => {
    expect(derivative(f, 'x').evaluate({ x })).toBe(expected);
  });
});

describe('errors from the table', () => {
  const code = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      if (e instanceof DerivError) return e.code;
      throw e;
    }
    return 'none';
  };
  it.each([
    ['foo(x)', 'UNKNOWN_FUNCTION'],
    ['sinx(x)', 'UNKNOWN_FUNCTION'],
    ['gamma(x)', 'UNKNOWN_FUNCTION'],
    ['x*erfcx(x)', 'UNKNOWN_FUNCTION'],
    ['sin(x, y)', 'ARITY'],
    ['atan2(x)', 'ARITY'],
    ['log()', 'ARITY'],
    ['log(x, 2, 3)', 'ARITY'],
    ['max(x)', 'ARITY'],
    ['min()', 'ARITY'],
    ['sigmoid()', 'ARITY'],
    ['pow(x)', 'ARITY'],
  ])('%s -> %s', (text, expected) => {
    expect(code(() => parse(text))).toBe(expected);
    expect(code(() => derivative(text, 'x'))).toBe(expected);
  });
});
