/**
 * The special functions (src/numeric-special.ts) are written twice: as the JS source generated code pastes in
 * as a helper, and as the TypeScript deriv evaluates with. Compiled here, each source must give the same bits
 * as its twin at random points and at the edges, and both must match reference values (Python's math,
 * mpmath) to double precision.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as S from '../src/numeric-special.js';
import { runs } from './helpers/run-seed.js';

type Name = keyof typeof S.SPECIAL_JS;
const compiled = (name: Name): ((...xs: number[]) => number) =>
  new Function(`'use strict';\n${S.SPECIAL_JS[name](name)}\nreturn ${name};`)() as (...xs: number[]) => number;
const EDGES = [0, -0, 1, -1, 0.5, 2, 2.5, -2.5, 3, 20, -20.5, 1000, -1000, 1e-300, Infinity, -Infinity, NaN, 0.9999999999, -0.99];
const same = (a: number, b: number): boolean => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));

describe('each special function: its JS helper source and deriv\'s own give the same bits', () => {
  it.each(['erf', 'erfc', 'erfinv', 'lgamma', 'digamma'] as const)('%s', (name) => {
    const js = compiled(name);
    const ts = S[name];
    for (const x of EDGES) expect(same(js(x), ts(x)), `${name}(${x}): ${js(x)} vs ${ts(x)}`).toBe(true);
    fc.assert(fc.property(fc.double({ min: -40, max: 40, noNaN: true }), (x) => same(js(x), ts(x))), { numRuns: runs(300) });
  });
  it('polygamma', () => {
    const js = compiled('polygamma');
    for (const n of [0, 1, 2, 3, 7, 0.5, -1, 101, NaN]) for (const x of EDGES) expect(same(js(n, x), S.polygamma(n, x)), `polygamma(${n}, ${x})`).toBe(true);
    fc.assert(fc.property(fc.integer({ min: 0, max: 6 }), fc.double({ min: -30, max: 40, noNaN: true }), (n, x) => same(js(n, x), S.polygamma(n, x))), { numRuns: runs(300) });
  });
});

/** Reference values: Python's math.erf/erfc/lgamma; mpmath (30 digits) for erfinv, digamma and polygamma. */
const REFERENCE: readonly (readonly [string, (x: number) => number, number, number])[] = [
  ['erf', S.erf, 0.3, 0.3286267594591274],
  ['erf', S.erf, -2.7, -0.9998656672600594],
  ['erfc', S.erfc, 3.7, 1.6715105790914596e-7],
  ['erfc', S.erfc, -1.2, 1.9103139782296354],
  ['erfinv', S.erfinv, 0.6, 0.5951160814499948],
  ['erfinv', S.erfinv, -0.9999999999, -4.572824958544925],
  ['lgamma', S.lgamma, 0.5, 0.5723649429247004],
  ['lgamma', S.lgamma, -2.5, -0.05624371649767457],
  ['digamma', S.digamma, 0.6, -1.5406192138931905],
  ['digamma', S.digamma, -1.3, 2.8825405488661673],
  ['trigamma', (x) => S.polygamma(1, x), 0.6, 3.6362096709023577],
  ['tetragamma', (x) => S.polygamma(2, x), 1.9, -0.45831281882901354],
];
describe('reference values', () => {
  it.each(REFERENCE)('%s(%d)', (_name, f, x, want) => {
    expect(Math.abs(f(x) - want)).toBeLessThanOrEqual(4e-15 * Math.max(1, Math.abs(want)));
  });
});
