/**
 * Answer-key form (issue 25): zero when it is zero, identities across trig/exp/hyperbolic and inverse
 * functions, and the shapes a textbook prints. Every row of the table, each answer also checked
 * against central finite differences (a wrong "answer key" cannot pass); the substitution rows against
 * values; the zero test against a sum that is tiny but not zero (numbers alone never make a 0).
 */
import { describe, expect, it } from 'vitest';
import { SUBSTITUTION_ROWS } from '../rules/identities.js';
import { derivative, parse, evaluate } from '../src/index.js';

const ROWS: readonly (readonly [string, string, string])[] = [
  ['cos(2*x) - 2*cos(x)^2', 'x', '0'],
  ['tanh(x) - (exp(2*x) - 1)/(exp(2*x) + 1)', 'x', '0'],
  ['asin(sin(x))', 'x', 'cos(x)/abs(cos(x))'],
  ['sin(asin(x))', 'x', '1'],
  ['x - sin(x)*cos(x)', 'x', '2*sin(x)^2'],
  ['atanh(cos(x))', 'x', '-1/sin(x)'],
  ['(exp(x) - exp(-x))/2', 'x', 'cosh(x)'],
  ['exp(x)*sinh(x)', 'x', 'exp(2*x)'],
  ['x^sin(x)', 'x', 'x^sin(x)*(cos(x)*log(x) + sin(x)/x)'],
  ['(2*x)^(x^2)', 'x', '(x + 2*x*log(2*x))*(2*x)^(x^2)'],
  ['1/(1 + 1/(1 + 1/(1 + x)))', 'x', '-1/(2*x + 3)^2'],
  ['acos(1/x)', 'x', '1/(abs(x)*sqrt(x^2 - 1))'],
  // asec(1/x) = acos(x) (the table groups it with acos(1/x); this is its derivative).
  ['asec(1/x)', 'x', '-1/sqrt(1 - x^2)'],
  ['cbrt(x^2)', 'x', '2/(3*cbrt(x))'],
  ['x^1.5', 'x', '1.5*sqrt(x)'],
  ['x*(x + 1)^2*(x + 3)^3', 'x', '(x + 3)^2*(x + 1)*(6*x^2 + 13*x + 3)'],
  ['(3 - 2*x)^2', 'x', '8*x - 12'],
  ['x*(2*x - 5)^4', 'x', '5*(2*x - 5)^3*(2*x - 1)'],
  ['y*log(1 + exp(-z)) + (1 - y)*log(1 + exp(z))', 'z', '1/(1 + exp(-z)) - y'],
  // More of the same kinds.
  ['cos(asin(x))', 'x', '-x/sqrt(1 - x^2)'],
  ['cosh(2*x) - 2*sinh(x)^2', 'x', '0'],
  ['sinh(2*x) - 2*sinh(x)*cosh(x)', 'x', '0'],
  ['tanh(x)*cosh(x) - sinh(x)', 'x', '0'],
  ['atan(x) + atan(1/x)', 'x', '0'],
  ['asin(x) + acos(x)', 'x', '0'],
  ['x*(sin(2*x) - 2*sin(x)*cos(x))', 'x', '0'],
  ['x^x', 'x', 'x^x*(1 + log(x))'],
];

const POINT: Record<string, number> = { x: 0.37, y: 0.61, z: 0.43 };

describe('answer-key form', () => {
  it.each(ROWS)('d/d%s wrt %s -> %s', (f, v, expected) => {
    const d = derivative(f, v);
    expect(d.toString()).toBe(expected);
    // At x = 0.37, or 1.7 where that is outside the domain (acos(1/x)).
    const point = Number.isFinite(evaluate(parse(f), POINT)) ? POINT : { ...POINT, x: 1.7 };
    const h = 1e-5;
    const at = (dv: number): number => evaluate(parse(f), { ...point, [v]: point[v]! + dv });
    const fd = (at(h) - at(-h)) / (2 * h);
    expect(Math.abs(d.evaluate(point) - fd)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
  });

  it.each([
    ['cos(2*x) - 2*cos(x)^2', 'double angle'],
    ['tanh(x) - (exp(2*x) - 1)/(exp(2*x) + 1)', 'hyperbolic functions through e^u'],
    ['sin(asin(x))', 'inverse function inside its partner'],
    ['x^sin(x)', 'logarithmic-differentiation form'],
    ['1/(1 + 1/(1 + 1/(1 + x)))', 'nested fractions over one denominator'],
    ['x*(x + 1)^2*(x + 3)^3', 'common factor, the rest multiplied out'],
    ['(3 - 2*x)^2', 'number multiplied into a sum'],
    ['acos(1/x)', 'root of a quotient'],
    ['cosh(2*x) - 2*sinh(x)^2', 'constant at sample points, proved by substitution'],
  ])('%s: --steps names %s', (f, name) => {
    expect(String(derivative(f, 'x').steps)).toContain(name);
  });

  it('a sum that is tiny at every sample point but not zero is left as it is, never 0', () => {
    // e^x minus its Taylor polynomial to degree 13: its derivative is about x^13/13! (below 1e-10 on (0, 1)).
    const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));
    const taylor = Array.from({ length: 14 }, (_, k) => `x^${k}/${factorial(k)}`).join(' + ');
    const d = derivative(`exp(x) - (${taylor})`, 'x');
    expect(d.toString()).not.toBe('0');
    const x = 3;
    let tail = Math.exp(x);
    for (let k = 0; k <= 12; k++) tail -= x ** k / factorial(k);
    expect(Math.abs(d.evaluate({ x }) - tail)).toBeLessThan(1e-9 * Math.exp(x));
  });
});

describe('substitution rows', () => {
  const SAMPLES = [0.37, 0.81, -0.45, 1.3, -1.1];
  it.each(SUBSTITUTION_ROWS.map((r) => [r.id, r.from, r.to] as const))('%s: %s = %s at sample points', (_id, from, to) => {
    let checked = 0;
    for (const u of SAMPLES)
      for (const k of [2, 3, -1]) {
        const scope = { u, k };
        const a = evaluate(parse(from), scope);
        if (!Number.isFinite(a)) continue;
        expect(Math.abs(a - evaluate(parse(to), scope)), `${from} at u=${u}, k=${k}`).toBeLessThan(1e-9 * Math.max(1, Math.abs(a)));
        checked++;
      }
    expect(checked).toBeGreaterThan(0);
  });
});
