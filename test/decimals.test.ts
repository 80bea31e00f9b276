/**
 * Decimal in, decimal out: an input written with decimals (0.37*w, 1e-3) is answered with finite decimals
 * where a fraction would otherwise print (0.5*x, not x/2). Only the spelling of numbers changes: each answer is
 * checked against central differences, its text parses back to the very same node, and the LaTeX renders.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { derivative, gradient, parse, evaluate } from '../src/index.js';
import { decimalText } from '../src/parse/decimals.js';
import { renderBoth } from './helpers/render.js';
import { deriv } from './helpers/cli.js';

const CASES: readonly (readonly [string, string, string])[] = [
  ['0.25*x^2', 'x', '0.5*x'],
  ['1.5*x^3', 'x', '4.5*x^2'],
  ['0.1*x + 0.2*x^2', 'x', '0.4*x + 0.1'],
  ['(0.37*w + b - 1.25)^2', 'w', '0.0074*(37*w + 100*b - 125)'],
  ['(0.37*w + b - 1.25)^2', 'b', '0.02*(37*w + 100*b - 125)'],
  ['0.25*x^2 + 1.5*x', 'x', '0.5*x + 1.5'],
  ['(1.5*x - 2)^3', 'x', '4.5*(1.5*x - 2)^2'],
  ['1e-3*x^2', 'x', '0.002*x'],
  ['sin(0.5*x)', 'x', '0.5*cos(0.5*x)'],
  ['x^1.5', 'x', '1.5*sqrt(x)'],
  ['-0.25*x^2', 'x', '-0.5*x'],
  ['0.5/x', 'x', '-0.5/x^2'],
  ['exp(-0.5*x)', 'x', '-0.5*exp(-0.5*x)'],
  // Found by the round-trip property: a coefficient moved into the sum no longer read back as the same node.
  ['2^(x^(w + w^0.25))', 'w', '0.25*2^(x^(w + w^0.25))*x^(w + w^0.25)*(4 + 1/w^0.75)*log(2)*log(x)'],
  // No finite decimal: the fraction stays.
  ['0.1*x/0.3', 'x', '1/3'],
  // Written without decimals: fractions as before.
  ['x^2/4', 'x', 'x/2'],
  ['(37*w + 100*b - 125)^2/10000', 'w', '37*(37*w + 100*b - 125)/5000'],
];

/** Central difference of text f in v at a point. */
function centralDifference(f: string, v: string, point: Record<string, number>): number {
  const h = 1e-6;
  return (evaluate(f, { ...point, [v]: point[v]! + h }) - evaluate(f, { ...point, [v]: point[v]! - h })) / (2 * h);
}

describe('decimal in, decimal out', () => {
  it.each(CASES)('d/d%s of %s -> %s', (f, v, want) => {
    const d = derivative(f, v);
    expect(d.toString()).toBe(want);
    const point = { x: 0.7, w: 0.4, b: 1.3 };
    expect(d.evaluate(point)).toBeCloseTo(centralDifference(f, v, point), 5);
    // The printed answer is the same expression.
    expect(parse(d.toString())).toBe(d.expr);
    renderBoth(d.toTex());
  });

  it('the same expression written with fractions after decimals -> fractions', () => {
    expect(derivative('0.25*x^2 + 1.5*x', 'x').toString()).toBe('0.5*x + 1.5');
    expect(derivative('x^2/4 + 3*x/2', 'x').toString()).toBe('x/2 + 3/2');
    expect(derivative(parse('x^2/4 + 3*x/2'), 'x').toString()).toBe('x/2 + 3/2');
  });

  it('a gradient of an MSE over decimal data -> decimal coefficients', () => {
    const g = gradient('(0.49*w+b-0.71)^2+(-1.10*w+b-0.62)^2+(-0.54*w+b-2.69)^2', ['w', 'b']);
    expect(g.map((d) => d.toString())).toEqual(['3.4834*w - 2.3*b + 3.5734', '6*b - 2.3*w - 8.04']);
  });

  it.each([
    [1n, 2n, '0.5'],
    [28569n, 100n, '285.69'],
    [37n, 5000n, '0.0074'],
    [1n, 1024n, '0.0009765625'],
    [1n, 3n, undefined],
    [1n, 2n ** 40n, undefined], // 40 places: a fraction stays
  ] as const)('decimalText(%s, %s) -> %s', (n, d, want) => {
    expect(decimalText(n, d)).toBe(want);
  });

  it('decimalText is exact: the digits read back as the same fraction', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 }), (n, a, b) => {
        const d = 2n ** BigInt(a) * 5n ** BigInt(b);
        fc.pre(d > 1n);
        const text = decimalText(n, d);
        if (text === undefined) return;
        const [whole, frac] = text.split('.');
        const scale = 10n ** BigInt(frac!.length);
        expect(BigInt(whole!) * scale + BigInt(frac!)).toBe((n * scale) / d);
        expect((n * scale) % d).toBe(0n);
      }),
    );
  });
});

describe('decimals through every option of the command line', () => {
  // --cse printed 0.25*x^2*y + sin(0.5*x*y) as t1 = x*y/2 (issue 22): its pieces lost the input's mark.
  it.each([
    [['--cse'], 't1 = 0.5*x*y\nt2 = cos(t1)\n∂/∂x = 0.5*y*t2 + t1\n∂/∂y = 0.25*x*(x + 2*t2)'],
    [[], '∂/∂x = 0.5*x*y + 0.5*y*cos(0.5*x*y)\n∂/∂y = 0.25*x*(x + 2*cos(0.5*x*y))'],
    [['--wrt', 'x'], '0.5*x*y + 0.5*y*cos(0.5*x*y)'],
  ])('0.25*x^2*y + sin(0.5*x*y) %j -> %j', async (options, expected) => {
    const r = await deriv(['0.25*x^2*y+sin(0.5*x*y)', ...options]);
    expect(r.stdout).toBe(expected);
  });
});
