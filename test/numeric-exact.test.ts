/**
 * Issue 27, "never silently wrong": values at points and --check. One describe per finding, each named after
 * it; before the fix every row here printed a number or a verdict that was wrong without saying so.
 * Library and CLI (in-process); the properties draw from the run seed.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, parse } from '../src/index.js';
import { valueAt } from '../src/numeric/exact-eval.js';
import { toPoint } from '../src/numeric/point.js';
import { codeOf } from './helpers/errors.js';

/** The value of f at the point as the CLI prints it (`-50`, `undefined`, a decimal). */
const valueText = (f: string, at: string): string => {
  const v = valueAt(parse(f), toPoint(at));
  return v.finite ? v.toString() : Number.isNaN(v.number) ? 'undefined' : String(v.number);
};

describe('poles at exact points printed finite numbers (sin(pi) was 1.2e-16, so 1/sin(pi) was 8.2e15)', () => {
  it.each([
    ['sin(x)', 'x=pi', '0'],
    ['sin(x)', 'x=-3*pi', '0'],
    ['cos(x)', 'x=pi/2', '0'],
    ['cos(x)', 'x=-3*pi/2', '0'],
    ['tan(x)', 'x=pi', '0'],
    ['cot(x)', 'x=pi/2', '0'],
    ['sin(x) + cos(x)', 'x=pi/2', '1'],
    ['tan(x)', 'x=pi/4', '1'],
    ['sin(x)', 'x=pi/6', '0.5'],
  ])('%s at %s -> %s (zeros are exact; other values as before)', (f, at, value) => {
    expect(valueText(f, at)).toBe(value);
  });

  it.each([['tan(pi/2)'], ['1/sin(pi)'], ['csc(-2*pi) + x'], ['sec(3*pi/2)*x']])('%s -> UNDEFINED (as 1/0)', (f) => {
    expect(codeOf(() => parse(f))).toBe('UNDEFINED');
  });
});

describe('real powers of negative numbers: x^(1/3) was -2 at -8 (exact) but undefined at -7 (double)', () => {
  it.each([
    ['x^(1/3)', 'x=8', '2'],
    ['(-8)^(1/3) + x', 'x=1', 'undefined'],
    ['x^(1/3)', 'x=-8', 'undefined'],
    ['cbrt(x)', 'x=-8', '-2'],
    ['nthRoot(x, 3)', 'x=-8', '-2'],
    ['x^3', 'x=-2', '-8'],
    ['x^(-1)', 'x=-8', '-1/8'],
    ['x^(1/2)', 'x=-4', 'undefined'],
  ])('%s at %s -> %s: the same rule exactly and in doubles', (f, at, value) => {
    expect(valueText(f, at)).toBe(value);
    const x = evaluate(parse(f), Object.fromEntries([at.split('=').map((s, i) => (i === 0 ? s : Number(s)))]) as Record<string, number>);
    expect(Number.isNaN(x)).toBe(value === 'undefined');
  });
});
