/**
 * The numeric options of the `deriv` command, in-process: --at, --check (exit
 * code 1 when wrong), --sgd/--steps-n, --hessian, --jacobian; exact text output,
 * JSON fields, kink notes, and error codes for bad combinations and points.
 */
import { describe, expect, it } from 'vitest';
import katex from 'katex';
import { hessian, jacobian } from '../src/index.js';
import { deriv } from './helpers/cli.js';


const SEED000 = '1/2*(w*x+b-y)^2';
const SEED000_AT = 'x=10,y=50,w=4,b=5';
const RELU_NET = '1/2*(w2*max(0,w1*x+b1)+b2-y)^2';
const RELU_AT = 'x=2,y=10,w1=3,b1=1,w2=2,b2=0';

describe('CLI', () => {
  it.each([
    [['1/2*(w*x+b-y)^2', '--wrt', 'w,b', '--at', SEED000_AT], 0, 'f = (w*x + b - y)^2/2 = 25/2\n∂/∂w = x*(w*x + b - y) = -50\n∂/∂b = w*x + b - y = -5'],
    [[RELU_NET, '--wrt', 'w2,b2,w1,b1', '--at', RELU_AT, '--name', 'L'], 0,
      'L = (w2*max(0, w1*x + b1) + b2 - y)^2/2 = 8\n∂/∂w2 = (w2*max(0, w1*x + b1) + b2 - y)*max(0, w1*x + b1) = 28\n∂/∂b2 = w2*max(0, w1*x + b1) + b2 - y = 4\n∂/∂w1 = w2*x*(w2*max(0, w1*x + b1) + b2 - y)*heaviside(w1*x + b1, 1/2) = 16\n∂/∂b1 = w2*(w2*max(0, w1*x + b1) + b2 - y)*heaviside(w1*x + b1, 1/2) = 8'],
    [['(w*x+b-y)^2', '--wrt', 'w,b', '--at', 'w=1,b=0,x=2,y=3'], 0, 'f = (w*x + b - y)^2 = 1\n∂/∂w = 2*x*(w*x + b - y) = -4\n∂/∂b = 2*(w*x + b - y) = -2'],
    [[SEED000, '--wrt', 'w', '--at', SEED000_AT, '--check', '-5'], 1, 'wrong: at x=10, y=50, w=4, b=5, ∂/∂w = x*(w*x + b - y) = -50, but the claim is -5'],
    [[SEED000, '--wrt', 'w', '--at', SEED000_AT, '--check', '-50'], 0, 'correct: ∂/∂w = x*(w*x + b - y) (-50 at x=10, y=50, w=4, b=5)'],
    [[SEED000, '--wrt', 'w', '--check', 'x*(w*x+b-y)'], 0, 'correct: ∂/∂w = x*(w*x + b - y) (the difference simplifies to 0)'],
    [['x*w^2', '--wrt', 'w', '--check', 'x*w'], 1, 'wrong: at x=3, w=1, ∂/∂w = 2*x*w = 6, but the claim x*w gives 3'],
    [[SEED000, '--wrt', 'w,b', '--at', SEED000_AT, '--sgd', '0.01', '--steps-n', '3'], 0,
      'step 0: w = 4, b = 5, loss = 12.5\nstep 1: w = 4.5, b = 5.05, loss = 0.00125\nstep 2: w = 4.495, b = 5.0495, loss = 0.000000125\nstep 3: w = 4.49505, b = 5.049505, loss = 1/80000000000 (≈1.25e-11)'],
    [['x*w^2+b^2', '--hessian'], 0, '∇²f over (x, w, b):\n[[0, 2*w, 0],\n [2*w, 2*x, 0],\n [0, 0, 2]]'],
    [['x*w^2+b^2', '--hessian', '--format', 'latex'], 0, '\\nabla^{2} f = \\begin{pmatrix} 0 & 2 w & 0 \\\\ 2 w & 2 x & 0 \\\\ 0 & 0 & 2 \\end{pmatrix}'],
    [['x*w^2+b^2', '--hessian', '--wrt', 'w,b', '--at', 'x=1,w=2,b=3'], 0, '∇²f over (w, b):\n[[2*x, 0],\n [0, 2]]\nat x=1, w=2, b=3:\n[[2, 0],\n [0, 2]]'],
    [['x*y; x+y^2', '--jacobian', '--at', 'x=1,y=2'], 0, 'J over (x, y), one row per function:\n[[y, x],\n [1, 2*y]]\nat x=1, y=2:\n[[2, 1],\n [1, 4]]'],
    [['__proto__^2', '--at', '__proto__=1'], 0, 'f = __proto__^2 = 1\n∂/∂__proto__ = 2*__proto__ = 2'],
    [['x^2', '--wrt', 'x', '--at', 'x=1/3', '-f', 'latex'], 0, 'f = x^{2} = \\frac{1}{9}\n\\frac{\\partial f}{\\partial x} = 2 x = \\frac{2}{3}'],
  ])('deriv %j -> exit %d', async (argv, code, stdout) => {
    const r = await deriv(argv);
    expect(r).toEqual({ code, stdout, stderr: '' });
  });

  it('json carries values, exact text and the counterexample', async () => {
    const at = JSON.parse((await deriv([SEED000, '--wrt', 'w,b', '--at', SEED000_AT, '-f', 'json'])).stdout);
    expect(at.function).toMatchObject({ value: 12.5, exact: '25/2' });
    expect(at.derivatives.map((d: { value: number }) => d.value)).toEqual([-50, -5]);
    const c = await deriv([SEED000, '--wrt', 'w', '--at', SEED000_AT, '--check', '-5', '-f', 'json']);
    expect(c.code).toBe(1);
    expect(JSON.parse(c.stdout)).toMatchObject({ correct: false, method: 'point', counterexample: { derivative: { value: -50 }, claim: { value: -5 } } });
    const h = JSON.parse((await deriv(['x*w^2+b^2', '--hessian', '--at', 'x=1,w=2,b=3', '-f', 'json'])).stdout);
    expect(h.hessian).toEqual([['0', '2*w', '0'], ['2*w', '2*x', '0'], ['0', '0', '2']]);
    expect(h.value).toEqual([[0, 4, 0], [4, 2, 0], [0, 0, 2]]);
    const s = JSON.parse((await deriv([SEED000, '--wrt', 'w,b', '--at', SEED000_AT, '--sgd', '0.01', '-f', 'json'])).stdout);
    expect(s.steps[1]).toEqual({ step: 1, params: { w: { value: 4.5, exact: '9/2' }, b: { value: 5.05, exact: '101/20' } }, loss: { value: 0.00125, exact: '1/800' } });
  });

  it('a kink says which convention was used (stderr in text, a note field in json)', async () => {
    const r = await deriv(['relu(w*x+b)', '--wrt', 'w', '--at', 'w=1,x=2,b=-2']);
    expect([r.code, r.stdout]).toEqual([0, 'f = relu(w*x + b) = 0\n∂/∂w = x*heaviside(w*x + b) = 0']);
    expect(r.stderr).toMatch(/^note: relu\(w\*x \+ b\) is at a kink/);
    const j = await deriv(['relu(w*x+b)', '--wrt', 'w', '--at', 'w=1,x=2,b=-2', '-f', 'json']);
    expect(j.stderr).toBe('');
    expect(JSON.parse(j.stdout).note).toMatch(/relu'\(0\) = abs'\(0\) = 0/);
  });

  it.each([
    [[SEED000, '--wrt', 'w,b', '--at', 'x=10,y=50,w=4'], 2, 'BAD_VARIABLE', "'b'"],
    [[SEED000, '--wrt', 'w,b', '--at', 'x=10,y=50,w=4,b=5,'], 2, 'BAD_OPTION', '^'],
    [[SEED000, '--wrt', 'w,b', '--check', '-5'], 2, 'BAD_OPTION', '--check'],
    [[SEED000, '--wrt', 'w', '--check', 'x*(w*x+b'], 2, 'PARSE', 'in the claim'],
    [[SEED000, '--at', SEED000_AT, '--sgd', '0.01'], 2, 'BAD_OPTION', '--wrt'],
    [[SEED000, '--wrt', 'w', '--sgd', '0.01'], 2, 'BAD_OPTION', '--at'],
    [[SEED000, '--wrt', 'w', '--at', SEED000_AT, '--sgd', '0.01', '--steps-n', 'x'], 2, 'BAD_OPTION', '--steps-n'],
    [[SEED000, '--steps-n', '2'], 2, 'BAD_OPTION', '--sgd'],
    [['x;y', '--at', 'x=1,y=1'], 2, 'BAD_OPTION', '--jacobian'],
    [['x^2', '--hessian', '--check', '2'], 2, 'BAD_OPTION', 'one of'],
    [['x^2', '--at', 'x=1', '--check', '2', '--steps'], 2, 'BAD_OPTION', '--steps'],
    [['x^2', '--hessian', '--steps'], 2, 'BAD_OPTION', '--steps'],
  ])('deriv %j -> exit %d, %s', async (argv, code, errorCode, mention) => {
    const r = await deriv(argv);
    expect([r.code, r.stdout]).toEqual([code, '']);
    expect(r.stderr).toContain(errorCode);
    expect(r.stderr).toContain(mention);
    expect(r.stderr).not.toMatch(/\n\s+at .*\.(ts|js):\d+/);
  });

  it('an undefined value is said, not printed as a number', async () => {
    const r = await deriv(['1/x', '--at', 'x=0']);
    expect([r.code, r.stdout]).toEqual([0, 'f = 1/x = undefined\n∂/∂x = -1/x^2 = undefined']);
    expect(r.stderr).toContain('f is undefined here: 1/x divides by zero');
  });

  it.each([
    ['log(x)', 'x=0', 'f = log(x) = -Infinity\n∂/∂x = 1/x = undefined', '-∞'],
    ['2^(10^9)*x', 'x=1', 'f = 2^1000000000*x = Infinity\n∂/∂x = 2^1000000000 = Infinity', "beyond a double's range"],
  ])('deriv %s --at %s -> an infinite value is printed as one, with a note', async (f, at, out, note) => {
    const r = await deriv([f, '--at', at]);
    expect([r.code, r.stdout]).toEqual([0, out]);
    expect(r.stderr).toContain(note);
  });

  it('LaTeX of both, and of values, renders in KaTeX', async () => {
    const cli = await Promise.all([
      deriv(['x*w^2+b^2', '--hessian', '--at', 'x=1/3,w=2,b=3', '-f', 'latex']),
      deriv(['exp(-w*x)', '--wrt', 'w', '--at', 'w=40,x=1', '-f', 'latex']),
      deriv(['1/x', '--at', 'x=0', '-f', 'latex']),
      deriv(['log(x)', '--at', 'x=0', '-f', 'latex']),
    ]);
    const texs = [hessian('x*w^2+b^2').toTex(), jacobian(['x*y', 'sigmoid(x)']).toTex(), ...cli.flatMap((r) => r.stdout.split('\n'))];
    expect(texs.some((t) => t.includes('10^{-'))).toBe(true);
    for (const tex of texs) expect(() => katex.renderToString(tex, { throwOnError: true })).not.toThrow();
  });
});
