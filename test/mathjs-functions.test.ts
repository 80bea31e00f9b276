/**
 * What people coming from mathjs expect: its functions (sech … acoth, nthRoot) as rule-table rows (their
 * finite-difference, chain-rule and mathjs-agreement tests run in rules.test.ts over every row), n-ary
 * min and max, names with $, and a constant base 0 that never produces log(0).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { derivative, parse, evaluate, toText, toLatex, FUNCTION_ROWS, DerivError } from '../src/index.js';
import { mathjsEvaluate, centralDifference, close } from './helpers/oracle.js';
import { runs } from './helpers/run-seed.js';

describe('the mathjs functions deriv lacked are rows', () => {
  it.each(['sech', 'csch', 'coth', 'asec', 'acsc', 'acot', 'asech', 'acsch', 'acoth', 'nthRoot'])('%s is in the table', (name) => {
    expect(FUNCTION_ROWS.some((r) => r.name === name)).toBe(true);
  });

  it.each([
    ['sech(x)', '-sech(x)*tanh(x)'],
    ['coth(2*x)', '-2*csch(2*x)^2'],
    ['acot(x^2)', '-2*x/(1 + x^4)'],
    ['nthRoot(x, 3)', 'nthRoot(x, 3)/(3*x)'],
    ['0^(x^2+1)', '0'],
    ['0^x*y', '0'],
  ])('d/dx %s -> %s', (f, expected) => {
    expect(derivative(f, 'x').expr).toBe(parse(expected));
  });

  it.each([
    ['nthRoot(-8, 3)', -2],
    ['nthRoot(27, 3)', 3],
    ['nthRoot(16)', 4],
    ['sech(0)', 1],
  ])('%s evaluates to %d, as mathjs', (text, value) => {
    expect(evaluate(parse(text), {})).toBeCloseTo(value, 12);
    expect(mathjsEvaluate(text, {})).toBeCloseTo(value, 12);
  });

  it('nthRoot prints as a root in LaTeX', () => {
    expect(toLatex(parse('nthRoot(x, 3)'))).toBe('\\sqrt[3]{x}');
  });
  it('a root index holding brackets is braced, so the first ] does not close it (found by the KaTeX property)', () => {
    expect(toLatex(parse('nthRoot(x, nthRoot(x, 2))'))).toBe('\\sqrt[{\\sqrt[2]{x}}]{x}');
  });
});

describe('n-ary min and max', () => {
  it.each([
    ['max(1, x^2, x + 1)', 'max(max(1, x^2), x + 1)'],
    ['min(a, b, c, d)', 'min(min(min(a, b), c), d)'],
  ])('%s reads as %s', (text, nested) => {
    expect(parse(text)).toBe(parse(nested));
  });

  it('property: the derivative of max(a, b, c) matches a finite difference away from ties', () => {
    const f = 'max(1, x^2, x + 1)';
    const d = derivative(f, 'x');
    const args = (t: number): number[] => [1, t * t, t + 1];
    const top = (t: number): number => args(t).indexOf(Math.max(...args(t)));
    fc.assert(
      fc.property(fc.double({ min: -3, max: 3, noNaN: true }), (x) => {
        const fd = centralDifference((t) => Math.max(...args(t)), x);
        // The finite difference can only judge where one argument is the largest over its whole stencil: a tie
        // inside the span (x = ±1, 0, the golden ratio, 1 − the golden ratio) bends the estimate.
        fc.pre(fd.stable && fd.span.every((t) => top(t) === top(x)));
        expect(close(d.evaluate({ x }), fd.value, 1e-6), `x = ${x}: ${d.evaluate({ x })} vs ${fd.value}`).toBe(true);
      }),
      { numRuns: runs(200) },
    );
  });

  it('x = 1.6164175755116867 (0.0036 from the tie x² = x + 1): the stencil crosses the tie, so the oracle is not asked', () => {
    const x = 1.6164175755116867;
    const fd = centralDifference((t) => Math.max(1, t * t, t + 1), x);
    const golden = (1 + Math.sqrt(5)) / 2;
    expect(fd.span[0] < golden && golden < fd.span[1]).toBe(true);
    expect(derivative('max(1, x^2, x + 1)', 'x').evaluate({ x })).toBe(1);
  });
});

describe('names with $ (mathjs allows them)', () => {
  it.each([
    ['$x^2', '$x', '2*$x'],
    ['$a*x + $b', '$a', 'x'],
  ])('d/d%2$s %1$s -> %3$s', (f, v, expected) => {
    expect(derivative(f, v).toString()).toBe(expected);
    expect(mathjsEvaluate(derivative(f, v).toString(), { $x: 2, x: 3 })).toBeTypeOf('number');
  });

  it('LaTeX escapes the $', () => {
    expect(toLatex(parse('$x'))).toBe('\\mathrm{\\$x}');
  });

  it.each(['$x^2$', '$$x^2$$', 'a + $$'])('%j keeps the LaTeX-delimiter error', (text) => {
    expect(() => parse(text)).toThrow(DerivError);
  });

  it('round-trips through text', () => {
    expect(toText(parse('$x*$y'))).toBe('$x*$y');
  });
});
