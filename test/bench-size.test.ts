/**
 * The benchmark's notation-neutral output size (bench/size.mjs): nodes of the expression tree, every tool's text
 * read by mathjs after mapping its spelling. Spaces, brackets, `**` against `^` and Maxima's `%e` must not change
 * the count; real differences in the expression must.
 */
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS module without types
import { outputNodes, cseNodes, expressionNodes, toMathjsSyntax } from '../bench/size.mjs';

describe('nodes of one partial, per tool spelling', () => {
  it.each([
    ['2*x + 1', 'deriv', 5],
    ['2*x+1', 'maxima', 5],
    ['2 * x + 1', 'mathjs', 5],
    ['exp(w)', 'deriv', 2],
    ['%e^w', 'maxima', 3],
    ['e^w', 'nerdamer', 3],
    ['x**2', 'sympy', 3],
    ['E**x', 'sympy', 3],
    ['x^2', 'deriv', 3],
    ['%pi*x', 'maxima-ratsimp', 3],
    ['((x))', 'deriv', 1],
    ['(2*x+1)*cos(x^2+x)', 'maxima', 12],
    ['-2*(y - x*w - b)', 'deriv', 10],
    ['%e^-x/(%e^-x+1)^2', 'maxima', 13],
    ['exp(-x)/(1 + exp(-x))^2', 'deriv', 11],
    ['Max(0, b1 + w1*x)*Heaviside(b1 + w1*x)', 'sympy', 14],
    ['max(0, w1*x + b1)', 'deriv', 7],
    ['0.530000000000000*w', 'sympy', 3],
    ['1.0e-7*x', 'sympy', 3],
    ['x^-2', 'maxima', 4],
    // The numbers of one product or quotient are one coefficient: exact rationals and decimals count the same.
    ['28569*w/100', 'deriv', 3],
    ['(28569/100)*w', 'deriv', 3],
    ['285.690000000000*w', 'sympy', 3],
    ['1/2', 'deriv', 1],
    ['2*3*x/5', 'deriv', 3],
    ['x/(2*y)', 'deriv', 5],
    ['x/y', 'deriv', 3],
    ['-2*x', 'maxima', 4],
    ['2^3', 'deriv', 3],
    // GiNaC: Pi for pi, negative powers in brackets, decimals in brackets.
    ['Pi*x', 'ginac', 3],
    ['-2*(y-b-x*w)*x', 'ginac', 12],
    ['x^(-1)', 'ginac', 4],
    ['-0.912+(4.6208)*x', 'ginac', 6],
  ])('%s (%s) -> %i', (text, tool, nodes) => {
    expect(outputNodes([text], tool)).toBe(nodes);
  });

  it.each([
    ["'diff(max(0,w1*x+b1),w1,1)*w2", 'maxima'],
    ['%i*x', 'maxima'],
    ['x +', 'deriv'],
    ['Derivative(f(x), x) +* 2', 'sympy'],
  ])('%s (%s) -> unavailable', (text, tool) => {
    expect(outputNodes([text], tool)).toBeUndefined();
  });
});

describe('a whole output', () => {
  it('sums its partials', () => {
    expect(outputNodes(['2*w*x', '2*b'], 'maxima')).toBe(5 + 3);
  });

  it('is unavailable when one partial is, or when there are no texts', () => {
    expect(outputNodes(['2*w*x', "'diff(f(x),x,1)"], 'maxima')).toBeUndefined();
    expect(outputNodes(undefined, 'deriv')).toBeUndefined();
  });

  it('mse 100 as deriv prints it (exact) and as SymPy does (floats) counts the same', () => {
    const exact = outputNodes(['28569*w/100 - 522*b/25 + 92481/2500', '200*b - 522*w/25 - 13949/50'], 'deriv');
    const floats = outputNodes(['285.69*w - 20.88*b + 36.9924', '200*b - 20.88*w - 278.98'], 'sympy');
    expect(exact).toBe(18);
    expect(floats).toBe(18);
  });

  it('reads a sum of 20,000 terms (long outputs nest deep) and counts it exactly', () => {
    const terms = Array.from({ length: 20_000 }, (_, k) => `${k + 1}*x^${k + 1}`);
    // Each term k*x^k: a coefficient, *, ^, x, k = 5 nodes; 19,999 + operators between them.
    expect(outputNodes([terms.join(' + ')], 'deriv')).toBe(20_000 * 5 + 19_999);
  });

  it('the same expression in each tool spelling counts the same', () => {
    const spellings: [string, string][] = [
      ['x*exp(w)*(2*x + 1)', 'deriv'],
      ['x*%e^w*(2*x+1)', 'maxima'],
      ['x*exp(w)*(2*x + 1)', 'sympy'],
      ['x * exp(w) * (2 * x + 1)', 'mathjs'],
    ];
    const counts = spellings.map(([t, tool]) => outputNodes([t], tool));
    // %e^w is one node more than exp(w): a power of e is an operator and two leaves, a call one node and its argument.
    expect(counts).toEqual([10, 11, 10, 10]);
  });
});

describe('the --cse form', () => {
  it.each([
    // t1 = exp(-x): 1 + 3; t1/(t1 + 1)^2: 7.
    [{ definitions: ['t1 = exp(-x)'], partials: ['t1/(t1 + 1)^2'] }, 11],
    // t1 = y - b - w*x: 1 + 7; -2*t1*x: 6; -2*t1: 4.
    [{ definitions: ['t1 = y - b - w*x'], partials: ['-2*t1*x', '-2*t1'] }, 18],
    [{ definitions: [], partials: ['x*exp(w)', 'exp(b)'] }, 6],
  ])('%j -> %i', (form, nodes) => {
    expect(cseNodes(form)).toBe(nodes);
  });

  it('is unavailable when a definition is not `name = expression`', () => {
    expect(cseNodes({ definitions: ['t1 == x'], partials: ['t1'] })).toBeUndefined();
    expect(cseNodes({ definitions: ['t1 = x +'], partials: ['t1'] })).toBeUndefined();
    expect(cseNodes(undefined)).toBeUndefined();
  });
});

describe('the mapping itself', () => {
  it('leaves no Maxima % and no SymPy ** behind', () => {
    expect(toMathjsSyntax('%e^(2*x)+%pi', 'maxima')).toBe('e^(2*x)+pi');
    expect(toMathjsSyntax('x**2*E', 'sympy')).toBe('x^2*e');
  });

  it('does not count brackets or function names', () => {
    expect(expressionNodes('sin(x)')).toBe(2);
    expect(expressionNodes('(((sin((x)))))')).toBe(2);
  });
});
