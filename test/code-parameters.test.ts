/**
 * Generated code takes its parameters by one rule (src/code/ir.ts parameterOrder): the data inputs by name
 * (x2 before x10), then the --wrt variables in the order given — the same in every language and for every
 * function over the same names, so two losses over x, y, w, b are both grad_f(x, y, w, b) and can be called
 * positionally alike (issue 22: the second was grad_L(y, x, w, b), and called as the first gave a wrong
 * gradient without a word). --args sets the order; it must name every input once.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { deriv } from './helpers/cli.js';
import { hasPython } from './helpers/code-runners.js';

const MSE = '(sigmoid(w*x + b) - y)^2/2';
const LOG_LOSS = '-(y*log(sigmoid(w*x + b)) + (1 - y)*log(1 - sigmoid(w*x + b)))';
const PROGRAM = 'z = w*x + b; p = sigmoid(z); L = -(y*log(p) + (1 - y)*log(1 - p))';
const POINT = { x: 1.5, y: 1, w: -0.4, b: 0.2 };

const code = async (argv: readonly string[]): Promise<string> => {
  const r = await deriv(argv);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
};

/** ∂/∂w and ∂/∂b at POINT as deriv computes them (--at, exact then rounded). */
async function expected(f: string): Promise<[number, number]> {
  const r = await deriv([f, '--wrt', 'w,b', '--at', 'x=3/2,y=1,w=-2/5,b=1/5', '--format', 'json']);
  const answer = JSON.parse(r.stdout) as { derivatives?: { value: number }[]; gradient?: { value: number }[] };
  const values = (answer.derivatives ?? answer.gradient)!.map((d) => d.value);
  return [values[0]!, values[1]!];
}

describe('one parameter rule for every language and every function', () => {
  it.each([
    ['js', MSE, 'function grad_f(x, y, w, b) {'],
    ['js', LOG_LOSS, 'function grad_f(x, y, w, b) {'],
    ['js', PROGRAM, 'function grad_L(x, y, w, b) {'],
    ['python', MSE, 'def grad_f(x, y, w, b):'],
    ['python', PROGRAM, 'def grad_L(x, y, w, b):'],
    ['numpy', LOG_LOSS, 'def grad_f(x, y, w, b):'],
    ['c', MSE, 'void grad_f(double x, double y, double w, double b, double *d_w, double *d_b) {'],
    ['c', PROGRAM, 'void grad_L(double x, double y, double w, double b, double *d_w, double *d_b) {'],
  ])('--format %s of %s --wrt w,b -> %s', async (format, f, signature) => {
    expect((await code([f, '--wrt', 'w,b', '--format', format])).split('\n')).toContain(signature);
  });

  it.each([
    ['x2 before x10, data before the --wrt variables in their order', 'w*x10 + x2*b + y', ['--wrt', 'b,w'], 'function grad_f(x2, x10, y, b, w) {'],
    ['matrix form (NumPy): the same rule', 'mean((X*w + b - y)^2)', ['--shape', 'X=n×d,w=d,y=n', '--wrt', 'w,b'], 'def grad_f(X, y, w, b):'],
    ['--args sets the order', MSE, ['--wrt', 'w,b', '--args', 'w,b,x,y'], 'function grad_f(w, b, x, y) {'],
  ])('%s: %s %j -> %s', async (_, f, options, signature) => {
    const format = options.includes('--shape') ? 'numpy' : 'js';
    expect((await code([f, ...options, '--format', format])).split('\n')).toContain(signature);
  });

  it('two losses over x, y, w, b, called positionally alike, give their own gradients (JavaScript)', async () => {
    for (const f of [MSE, LOG_LOSS, PROGRAM]) {
      const source = await code([f, '--wrt', 'w,b', '--format', 'js']);
      const name = /function (grad_\w+)\(/.exec(source)![1]!;
      const grad = new Function(`${source}\nreturn ${name};`)() as (...a: number[]) => Record<string, number>;
      const got = grad(POINT.x, POINT.y, POINT.w, POINT.b);
      const [dw, db] = await expected(f);
      expect(got['w']).toBeCloseTo(dw, 12);
      expect(got['b']).toBeCloseTo(db, 12);
    }
  });

  it.skipIf(!hasPython)('and in Python, called positionally: the same numbers', async () => {
    for (const f of [MSE, LOG_LOSS, PROGRAM]) {
      const source = await code([f, '--wrt', 'w,b', '--format', 'python']);
      const name = /def (grad_\w+)\(/.exec(source)![1]!;
      const r = spawnSync('python3', ['-c', `${source}\nimport json\nprint(json.dumps(${name}(${POINT.x}, ${POINT.y}, ${POINT.w}, ${POINT.b})))`], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const got = JSON.parse(r.stdout) as Record<string, number>;
      const [dw, db] = await expected(f);
      expect(got['w']).toBeCloseTo(dw, 12);
      expect(got['b']).toBeCloseTo(db, 12);
    }
  });
  if (!hasPython) console.warn('SKIPPED code-parameters Python check: no python3');

  it.each([
    [['--args', 'w,b,x'], 'BAD_VARIABLE'], // y is missing
    [['--args', 'w,b,x,y,q'], 'BAD_VARIABLE'], // q is no input
    [['--args', 'w,w,b,x,y'], 'BAD_VARIABLE'], // w twice
  ])('--args %j -> %s', async (options, code) => {
    const r = await deriv([MSE, '--wrt', 'w,b', '--format', 'js', ...options]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^error ${code}:`));
  });

  it('--args without a code format is refused with the reason', async () => {
    const r = await deriv([MSE, '--wrt', 'w,b', '--args', 'x,y,w,b']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error BAD_OPTION: --args does not go with --format text/);
  });
});
