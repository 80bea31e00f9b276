/**
 * The dense expansion of sums of products of polynomials in one generator (src/simplify/univariate.ts):
 * it gives the same polynomial as distributing (checked against expand.ts with a budget large enough to
 * distribute everything), it declines what is not a polynomial in one generator or is past its bounds,
 * and the product rule on Π(x + k/n) comes out multiplied out.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { derivative, parse, evaluate, compile } from '../src/index.js';
import { type Add } from '../src/core/expr.js';
import { expandPolynomialSum } from '../src/simplify/univariate.js';
import { expand } from '../src/simplify/expand.js';
import { toNumber, q } from '../src/core/rational.js';
import { valueAt } from '../src/numeric/exact-eval.js';
import { toPoint } from '../src/numeric/point.js';
// @ts-expect-error plain JS module without types
import { expressionNodes } from '../bench/size.mjs';
import { runs } from './helpers/run-seed.js';

const RUNS = runs(250);
const product = (n: number, term: (k: number) => string): string => Array.from({ length: n }, (_, k) => `(${term(k)})`).join('*');
const always = (): boolean => true;
/** The raw product-rule sum of a product (unsimplified), which is what the simplifier meets. */
const productRule = (text: string, v = 'x'): Add => derivative(text, v, { simplify: false }).expr as Add;

describe('dense expansion', () => {
  it.each([
    ['(x+1)*(x+2)*(x+3)', 'x'],
    ['(x+1)^3*(2*x-1)*(x^2+3)', 'x'],
    ['(exp(x)+1)*(exp(x)-2)*(exp(x)+3)', 'x'],
    [product(8, (k) => `x + ${k}/8`), 'x'],
    [product(6, (k) => `${k + 1}*x^2 - ${k}`), 'x'],
  ])('%s, d/d%s -> the polynomial distributing gives', (text, v) => {
    const sum = productRule(text, v);
    const dense = expandPolynomialSum(sum, always);
    expect(dense).toBeDefined();
    expect(dense).toBe(expand(sum, 1_000_000));
  });

  it.each([
    ['two variables', '(x+y)*(x+2)*(x+3)'],
    ['a denominator', '(x+1)*(x+2)/(x+3)'],
    ['a function of the variable beside it', '(x+1)*(x+2)*(sin(x)+1)'],
    ['a fractional power', '(x+1)*(x+2)*(sqrt(x)+1)'],
    ['degree past the bound (300)', product(300, (k) => `x + ${k}`)],
    ['coefficients past 4096 bits ((10^100)^64 has 21,000)', '(x+10^100)^64*(x+2)^64*(x+3)'],
  ])('%s -> declined', (_name, text) => {
    expect(expandPolynomialSum(productRule(text), always)).toBeUndefined();
  });

  it('asks before building: a caller that finds the expansion no smaller gets undefined', () => {
    let asked = 0;
    expect(expandPolynomialSum(productRule('(x+1)*(x+2)*(x+3)'), (m) => ((asked = m), false))).toBeUndefined();
    expect(asked).toBe(3);
  });

  it('random products of polynomial factors: the expansion has the value of the sum', () => {
    const factor = fc
      .tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: -5, max: 5 }), fc.integer({ min: 1, max: 4 }))
      .map(([a, k, b, d]) => `${a}*x^${k} + ${b}/${d}`);
    fc.assert(
      // Exactly, at a rational x: in doubles the expanded form loses digits to cancellation near a root (terms
      // of ~10^8 summing to ~0), so a tolerance relative to the value would fail a correct expansion.
      fc.property(fc.array(factor, { minLength: 2, maxLength: 7 }), fc.integer({ min: -1500, max: 1500 }), (factors, k) => {
        const sum = productRule(factors.map((f) => `(${f})`).join('*'));
        if (sum.kind !== 'add') return;
        const dense = expandPolynomialSum(sum, always);
        if (dense === undefined) return;
        const at = toPoint({ x: `${k}/1000` });
        const want = valueAt(sum, at).exact;
        expect(want).toBeDefined();
        expect(valueAt(dense, at).exact, `x = ${k}/1000`).toEqual(want);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('the product rule on many factors, simplified', () => {
  it.each([8, 20, 100])('Π(x + k/n), n = %i -> multiplied out: n monomials, no larger than Maxima ratsimp', (n) => {
    const d = derivative(product(n, (k) => `x + ${k}/${n}`), 'x');
    const text = d.toString();
    expect(text.split(' + ').length).toBe(n);
    expect(text.startsWith(`${n}*x^${n - 1} + `)).toBe(true);
    // c·x^k is 5 nodes in the bench's measure (c·x 3, c 1) and n − 1 + nodes join them: 593 for n = 100 (Maxima's: 595).
    expect(expressionNodes(text)).toBe(6 * n - 7);
  });

  it('Π(x + k/200): coefficients past the double range still evaluate and compile to the right number', () => {
    const d = derivative(product(200, (k) => `x + ${k}/200`), 'x');
    const point = { x: 0.5 };
    const h = 1e-6;
    const f = (x: number): number => evaluate(parse(product(200, (k) => `x + ${k}/200`)), { x });
    const fd = (f(0.5 + h) - f(0.5 - h)) / (2 * h);
    expect(Math.abs(d.evaluate(point) - fd) / Math.abs(fd)).toBeLessThan(1e-6);
    expect(Math.abs((compile(d)(point)['x'] as number) - d.evaluate(point)) / Math.abs(fd)).toBeLessThan(1e-12);
  });
});

describe('toNumber of rationals past the double range', () => {
  const big = 10n ** 400n;
  it.each([
    ['10^400 / (2·10^400)', q(big, 2n * big), 0.5],
    ['−3·10^400 / 10^399', q(-3n * big, big / 10n), -30],
    ['1 / 10^400 (underflows)', q(1n, big), 0],
    ['10^400 / 3 (overflows)', q(big, 3n), Infinity],
    ['7 / 10^300 (in range)', q(7n, 10n ** 300n), 7e-300],
  ])('%s -> %s', (_name, r, want) => {
    const got = toNumber(r);
    if (want === 0 || !Number.isFinite(want)) expect(got).toBe(want);
    else expect(Math.abs(got - want) / Math.abs(want)).toBeLessThan(1e-15);
  });
  it('random quotients of 300- to 600-digit integers agree with their scaled-down double', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 10n ** 300n, max: 10n ** 600n }), fc.bigInt({ min: 10n ** 300n, max: 10n ** 600n }), (n, d) => {
        const r = q(n, d);
        // Both sides keep 15+ digits after dropping 280, so their quotient of doubles is good to ~1e-15.
        if (r.n < 10n ** 296n || r.d < 10n ** 296n) return;
        const scale = 10n ** 280n;
        const approx = Number(r.n / scale) / Number(r.d / scale);
        if (!Number.isFinite(approx) || approx === 0) return;
        expect(Math.abs(toNumber(r) - approx) / approx).toBeLessThan(1e-12);
      }),
      { numRuns: RUNS },
    );
  });
});
