/**
 * Numbers in generated code (issue 27, findings 4–6): C literals past 2^31, Python's and NumPy's arithmetic
 * (exact integers, OverflowError, ZeroDivisionError, complex powers, integer arrays that wrap around), and
 * NaN through heaviside, relu, max and min. Each is run in its language and compared with deriv's own
 * evaluate(); test/code-run.test.ts runs every row of the rule table at such edge points in all four.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { compile, derivative, evaluate, gradient, gradientCode, parse, toCode } from '../src/index.js';
import { deriv } from './helpers/cli.js';
import { hasCc, hasNumpy, hasPython, runC, runNumpy, runPython, type RunCase } from './helpers/code-runners.js';
import { close } from './helpers/oracle.js';

/** Equal as IEEE results: both NaN, the same infinity, or close. */
const same = (a: unknown, b: number): boolean =>
  typeof a === 'number' && (Number.isNaN(b) ? Number.isNaN(a) : Number.isFinite(b) ? close(a, b, 1e-12) : a === b);

/** The gradient of `text` by its variables, with its value, at the given points. */
const gradientCase = (text: string, points: Record<string, number>[]): RunCase => ({ program: gradientCode(parse(text), undefined, { value: true }), points });
/** deriv's own values: the function and each partial, written out symbolically. */
function expected(text: string, point: Record<string, number>): Record<string, number> {
  const f = parse(text);
  return { value: evaluate(f, point), ...Object.fromEntries(gradient(f).map((d) => [d.wrt[0]!, d.evaluate(point)])) };
}
function expectAgrees(cases: readonly { text: string; point: Record<string, number> }[], run: (c: RunCase[]) => Record<string, unknown>[][]): void {
  const got = run(cases.map((c) => gradientCase(c.text, [c.point])));
  const failures: string[] = [];
  cases.forEach((c, i) => {
    for (const [key, want] of Object.entries(expected(c.text, c.point)))
      if (!same(got[i]![0]![key], want)) failures.push(`${c.text} at ${JSON.stringify(c.point)}: ${key} = ${String(got[i]![0]![key])}, deriv ${want}`);
  });
  expect(failures).toEqual([]);
}

describe('finding 4: an integer past 2^31 in C is one double literal', () => {
  it('D "x*3000000000/7" --wrt x --format c -> *d_x = 3000000000.0/7 (before: 3000000000.0.0/7)', async () => {
    expect((await deriv(['x*3000000000/7', '--wrt', 'x', '--format', 'c'])).stdout).toBe('#include <math.h>\n\nvoid grad_f(double x, double *d_x) {\n  *d_x = 3000000000.0/7;\n}');
  });
  it.each([
    ['x*3000000000/7', '3000000000.0/7'],
    ['x*7/3000000000', '7.0/3000000000.0'],
    ['x*2^70/3', '1.1805916207174113e+21/3'],
    ['x/2^70', '1.0/1.1805916207174113e+21'],
    ['x*10^400', 'HUGE_VAL'],
    ['x*3^(-10^3)', '0.0'],
  ])('%s -> %s', (text, literal) => {
    expect(toCode(gradientCode(text), 'c')).toContain(`*d_x = ${literal};`);
  });
  const c = hasCc ? it : it.skip;
  if (!hasCc) console.warn('SKIPPED C literals, compiled: no C compiler (cc) on this machine');
  c('each compiles with cc -Wall -Werror and gives deriv\'s value', () => {
    const texts = ['x*3000000000/7', 'x*7/3000000000', 'x^2*2^70/3', 'x/2^70', 'x*10^400', '-x*2^64 + 2147483648*x^2'];
    expectAgrees(texts.map((text) => ({ text, point: { x: 1.5 } })), runC);
  });
});

describe('finding 5: Python and NumPy compute in doubles, as JS, C and deriv do', () => {
  it.each([
    ['python', '_pow(3, 1000000000)'],
    ['numpy', 'np.float_power(3, 1000000000)'],
  ] as const)('3^(10^9)*x in %s -> %s (before: 3**1000000000, an exact integer computed for minutes)', (language, text) => {
    expect(toCode(gradientCode('3^(10^9)*x'), language)).toContain(text);
  });
  it.each([
    ['python', '{"x": math.inf}'],
    ['numpy', 'np.full(shape, np.inf)'],
    ['js', '{ x: Infinity }'],
  ] as const)('x*10^400 in %s -> %s (before: a 401-digit integer, OverflowError when it meets a float)', (language, text) => {
    expect(toCode(gradientCode('x*10^400'), language)).toContain(text);
  });
  const EDGES: { text: string; point: Record<string, number> }[] = [
    { text: '3^(10^9)*x', point: { x: 1 } },
    { text: 'exp(x)', point: { x: 1000 } },
    { text: 'sech(x)*y', point: { x: 1000, y: 2 } },
    { text: 'x^(1/3) + y', point: { x: -8, y: 1 } },
    { text: 'x^2*y', point: { x: 1e200, y: -1 } },
    { text: 'log(x) + 1/y', point: { x: 0, y: 0 } },
    { text: 'sqrt(x) + asin(y)', point: { x: -1, y: 2 } },
    { text: 'tan(x)*atanh(y)', point: { x: 0.5, y: 1 } },
  ];
  const py = hasPython ? it : it.skip;
  if (!hasPython) console.warn('SKIPPED Python numerics: python3 is not available');
  py('Python: ∞ on overflow, ±∞ at a pole, NaN where there is no real value (before: OverflowError, ValueError, ZeroDivisionError, a complex number)', () => {
    expectAgrees(EDGES, runPython);
  });
  const np = hasNumpy ? it : it.skip;
  if (!hasNumpy) console.warn('SKIPPED NumPy numerics: python3 with numpy is not available');
  np('NumPy: the same, over arrays', () => {
    expectAgrees(EDGES, runNumpy);
  });
  np('NumPy given an integer array and Python numbers computes in float64 (before: 4*x**3 wrapped around, 1/w raised ZeroDivisionError, (-8)**(1/3) was complex)', () => {
    const code = toCode(gradientCode('x^4 + 1/w + v^(1/3)', ['x', 'w', 'v'], { value: true }), 'numpy');
    const script = `${code}\n\nimport json\ng = grad_f(np.array([2**21, 3]), 0, -8)\nprint(json.dumps({k: [repr(float(e)) for e in np.atleast_1d(v)] for k, v in g.items()}))\n`;
    const r = spawnSync('python3', ['-W', 'ignore', '-c', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    // 4*x**3 at x = 2**21 is 2**65: an int64 array wrapped it around to 0.
    expect(JSON.parse(r.stdout)).toEqual({ value: ['nan', 'nan'], x: ['3.6893488147419103e+19', '108.0'], w: ['-inf'], v: ['nan'] });
  });
});

describe('finding 6: NaN in gives NaN out', () => {
  it.each(['heaviside(x)*y', 'relu(x)*y', 'max(x, y)', 'min(y, x)', 'max(y, x)'])('compile(%s) at x = NaN -> NaN, as deriv says (before: heaviside(NaN) = 0 in JS)', (text) => {
    const out = compile(gradient(text))({ x: NaN, y: 2 });
    expect(out['value']).toBeNaN();
    for (const [k, want] of Object.entries(expected(text, { x: NaN, y: 2 }))) expect(same(out[k], want), `${k} = ${String(out[k])}, deriv ${want}`).toBe(true);
  });
  it('the JS heaviside is a helper that keeps NaN (before: (x > 0 ? 1 : 0))', () => {
    expect(toCode(gradientCode('relu(x)'), 'js')).toContain('return u > 0 ? 1 : u <= 0 ? 0 : u;');
  });
  const cases = ['heaviside(x)*y', 'relu(x)*y', 'max(x, y)', 'min(y, x)', 'max(y, x) + abs(x) + sign(x)'].map((text) => ({ text, point: { x: NaN, y: 2 } }));
  const py = hasPython ? it : it.skip;
  py('Python (before: max(2.0, nan) = 2.0, heaviside(nan) = 0.0)', () => expectAgrees(cases, runPython));
  const np = hasNumpy ? it : it.skip;
  np('NumPy', () => expectAgrees(cases, runNumpy));
  const c = hasCc ? it : it.skip;
  c('C (before: fmax(NaN, 0.0) = 0, heaviside(NaN) = 0)', () => expectAgrees(cases, runC));
  it('deriv itself says NaN for each', () => {
    for (const { text, point } of cases) expect(evaluate(text, point)).toBeNaN();
    expect(derivative('max(y, x)', 'y').evaluate({ x: NaN, y: 2 })).toBeNaN();
  });
});
