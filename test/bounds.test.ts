/**
 * Issue 27 ("never unbounded"): what one request computes in all — every pass of a higher or mixed derivative,
 * every partial of a gradient, every entry of a Hessian or Jacobian — shares one budget of `maxSize` nodes written
 * out (src/limits.ts). Each finding's regression test asserts the coded outcome, never a time (the times are in
 * bench/bounds.mjs).
 */
import { describe, expect, it } from 'vitest';
import { derivative, gradient, hessian, jacobian, DerivError } from '../src/index.js';
import { derivativesOf, parse } from '../src/api.js';
import { RequestBudget } from '../src/limits.js';
import { mergeWarningLists } from '../src/warnings.js';
import { deriv } from './helpers/cli.js';

const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    if (e instanceof DerivError) return e.code;
    throw e;
  }
};

const sumOf = (n: number): string => Array.from({ length: n }, (_, i) => `x${i}`).join('+');

describe('finding 27.2: the Hessian of (x0+…+x399)^4 ran 180 s, took 4.5 GB and printed 431 MB', () => {
  const big = `(${sumOf(400)})^4`;

  it('before: 160,000 entries of ~800 nodes written out; after: TOO_LARGE (CLI exit 3, nothing on stdout)', async () => {
    expect(codeOf(() => hessian(big))).toBe('TOO_LARGE');
    const r = await deriv([big, '--hessian']);
    expect(r).toMatchObject({ code: 3, stdout: '' });
    expect(r.stderr).toContain('TOO_LARGE');
  });

  it('the budget counts entries × their sizes: 30 variables fit, and fit no longer under a budget smaller than the matrix', () => {
    const f = `(${sumOf(30)})^4`;
    const h = hessian(f);
    expect(h.rows).toHaveLength(30);
    // Each entry is 12*(x0 + … + x29)^2: 35 nodes and its name, written out 900 times.
    expect(codeOf(() => hessian(f, undefined, { maxSize: 900 * 30 }))).toBe('TOO_LARGE');
  });

  it('a matrix with more cells than the budget can hold is refused before any differentiation', () => {
    const budget = new RequestBudget(1000);
    expect(codeOf(() => hessian(`(${sumOf(30)})^4`, undefined, { budget }))).toBe('TOO_LARGE');
    expect(budget.used).toBe(0);
  });

  it('the Jacobian likewise, and --max-size now reaches --hessian and --jacobian on the command line', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => `(${sumOf(200)})^3*x${i}`);
    expect(codeOf(() => jacobian(rows))).toBe('TOO_LARGE');
    expect(jacobian(['x*y', 'x+y^2'], undefined, { maxSize: 20 }).texts()).toEqual([['y', 'x'], ['1', '2*y']]);
    expect((await deriv(['x*w^2+b^2', '--hessian', '--max-size', '10'])).code).toBe(3);
    expect((await deriv(['x*w^2+b^2', '--hessian'])).code).toBe(0);
    expect((await deriv(['x*y; x+y^2', '--jacobian', '--max-size', '6'])).code).toBe(3);
    expect((await deriv(['x*y; x+y^2', '--jacobian', '--max-size', 'many'])).code).toBe(2);
  });
});

describe('finding 27.3: atan(x*y*z) with --order 20 --mixed ran 12.5 s before TOO_LARGE', () => {
  it('before: each of the 60 passes had a budget of its own; after: the passes share one, TOO_LARGE (exit 3)', async () => {
    expect(codeOf(() => derivative('atan(x*y*z)', ['x', 'y', 'z'], { order: 20 }))).toBe('TOO_LARGE');
    const r = await deriv(['atan(x*y*z)', '--order', '20', '--mixed']);
    expect(r).toMatchObject({ code: 3, stdout: '' });
    expect(r.stderr).toContain('TOO_LARGE');
  });

  it.each([
    ['sin(x*y)', ['x', 'y'], 50],
    ['sqrt(x^2+y^2+z^2)', ['x', 'y', 'z'], 30],
    ['atan(x)', ['x'], 100],
  ])('other higher orders: %s by %j, order %d -> TOO_LARGE under the default budget', (f, wrt, order) => {
    expect(codeOf(() => derivative(f, wrt, { order }))).toBe('TOO_LARGE');
  });

  it('the passes of one derivative charge one budget: each result and, from the second pass on, its input and raw derivative too', () => {
    const one = new RequestBudget(1_000_000);
    derivative('sin(x^2)', 'x', { budget: one });
    // 1 name + 2*x*cos(x^2): 7 nodes written out.
    expect(one.used).toBe(1 + 7);
    const two = new RequestBudget(1_000_000);
    derivative('sin(x^2)', 'x', { order: 2, budget: two });
    expect(two.used).toBeGreaterThan(one.used * 2);
    // A budget that a single pass fits in, but the passes together do not.
    expect(codeOf(() => derivative('sin(x^2)', 'x', { order: 4, maxSize: 60 }))).toBe('TOO_LARGE');
    expect(derivative('sin(x^2)', 'x', { order: 1, maxSize: 60 }).toString()).toBe('2*x*cos(x^2)');
  });

  it('small high orders still answer: x^100 to order 100, sin(x) to order 100', () => {
    expect(derivative('x^100', 'x', { order: 100 }).toString()).toMatch(/^9332621544394415268/);
    expect(derivative('sin(x)', 'x', { order: 100 }).toString()).toBe('sin(x)');
  });
});

describe('a request listing more names than its budget holds (found with finding 27.6)', () => {
  it('before: 1.5 million names in "wrt" took 5–8 s and ~1 GB, or overflowed the stack; after: TOO_LARGE before any work', () => {
    const names = Array.from({ length: 600_000 }, () => 'x');
    const budget = new RequestBudget(1_000_000);
    expect(codeOf(() => derivativesOf(parse('x'), names, false, { budget }))).toBe('TOO_LARGE');
    expect(budget.used).toBe(0);
    expect(codeOf(() => gradient('x', names))).toBe('TOO_LARGE');
    // The mixed partial by all of them: its heading alone is over the budget.
    expect(codeOf(() => derivative('x', names, { order: 2 }))).toBe('TOO_LARGE');
  });

  it('before: 200,000 results overflowed the stack (mergeWarnings spread one argument per result: exit 70); after: answered', () => {
    // The library answers every partial, and merges their warnings (one WRT_NOT_FOUND for the name that does not occur).
    const results = derivativesOf(parse('x'), Array(200_000).fill('y'), false);
    expect(results).toHaveLength(200_000);
    expect(mergeWarningLists(results.map((r) => r.warnings)).map((w) => w.code)).toEqual(['WRT_NOT_FOUND']);
  });

  it('the command line and --batch refuse a name listed twice in a gradient at once (BAD_VARIABLE), with the --mixed hint', async () => {
    const names = Array(200_000).fill('x').join(',');
    const r = await deriv(['x', '--wrt', names]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error BAD_VARIABLE: 'x' is listed twice/);
    const b = await deriv(['--batch'], { stdin: `${JSON.stringify({ expr: 'x', wrt: names })}\n` });
    expect((JSON.parse(b.stdout) as { error: { code: string } }).error.code).toBe('BAD_VARIABLE');
  });
});
