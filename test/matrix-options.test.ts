/**
 * Every option with every format in matrix form (--shape): --check (a claimed formula compared at
 * random points with random sizes, or at --at), --sgd (gradient descent from --at), Markdown and
 * HTML notes, --hessian in matrix form, and a clear BAD_OPTION for what cannot work (--jacobian of vectors).
 */
import { describe, expect, it } from 'vitest';
import katex from 'katex';
import { deriv } from './helpers/cli.js';
import { matrixGradient } from '../src/matrix/api.js';
import { checkMatrixClaim } from '../src/matrix/check.js';
import { parseMatrixValues } from '../src/matrix/values.js';
import { valueText } from '../src/matrix/format-value.js';

const F = 'mean((X*w + b - y)^2)';
const SHAPE = ['--shape', 'X=n×d,w=d,y=n'];
const SHAPES = { X: 'n×d', w: 'd', y: 'n' };
/** Seed 003's data: ∇w = (177, 201, 225), ∂L/∂b = 24 for mean((X*w + b - y)^2). */
const SEED_AT = 'X=[[1,2,3],[4,5,6],[7,8,9],[10,11,12]],w=[2,-1,3],b=1,y=[7,13,19,25]';
const SMALL_AT = 'X=[[1,2],[3,4],[5,6]],w=[1,-1],b=1,y=[1,2,3]';

describe('--check with --shape', () => {
  it.each([
    ["2/n*X'*(X*w+b-y)", 0, /^correct: ∇w = 2\/n\*X'\*\(X\*w \+ b - y\) \(agrees at 5 random points/],
    ["2/n*(X*w+b-y)'*X", 1, /^wrong: the claim .* is a matrix 1×d, but ∇w is a vector of length d$/],
    ["2/n*X'*(X*w-y)", 1, /^wrong: at X=\[\[.*, ∇w = .* = \[.*\], but the claim 2\/n\*X'\*\(X\*w - y\) gives \[/],
    ["1/n*X'*(X*w+b-y)", 1, /^wrong: at /],
    ["2*X'*(X*w+b-y)/n", 0, /^correct: /],
    ['2/n*(X*w+b-y)', 1, /is a vector of length n, but ∇w is a vector of length d$/],
  ])('check %s -> exit %i', async (claim, code, out) => {
    const r = await deriv([F, '--wrt', 'w', ...SHAPE, '--check', claim]);
    expect(r.code, r.stderr).toBe(code);
    expect(r.stdout).toMatch(out);
  });

  it('at a point: exact values; seed 003 -> ∇w = (177, 201, 225)', async () => {
    const right = await deriv([F, '--wrt', 'w', '--shape', 'X=4×3,w=3,y=4', '--check', "X'*(X*w+b-y)/2", '--at', SEED_AT]);
    expect(right.code).toBe(0);
    expect(right.stdout).toBe("correct: ∇w = 1/2*X'*(X*w + b - y) (at the point)");
    const wrong = await deriv([F, '--wrt', 'w', '--shape', 'X=4×3,w=3,y=4', '--check', "X'*(X*w-y)/2", '--at', SEED_AT]);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain("= [177, 201, 225], but the claim 1/2*X'*(X*w - y) gives");
  });

  it('JSON: the verdict, the method and the counterexample as data', async () => {
    const r = await deriv([F, '--wrt', 'w', ...SHAPE, '--check', "2/n*X'*(X*w-y)", '--at', SMALL_AT, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({
      wrt: 'w', correct: false, method: 'point', points: 1, shape: ['d', 1],
      counterexample: { derivative: ['-44/3', '-56/3'], claim: ['-62/3', '-80/3'] },
    });
  });

  it.each([['latex'], ['markdown'], ['html']])('--format %s works', async (format) => {
    const r = await deriv([F, '--wrt', 'w', ...SHAPE, '--check', "2/n*X'*(X*w+b-y)", '--format', format]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(format === 'html' ? '<html' : '\\text{correct: }');
  });

  it.each([
    ["2/n*X'*(X*w+b-y", 'PARSE'],
    ["2/n*X*(X*w+b-y)", 'SHAPE'],
  ])('a bad claim %s -> %s (exit 2)', async (claim, code) => {
    const r = await deriv([F, '--wrt', 'w', ...SHAPE, '--check', claim]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(code);
  });

  it('--check needs one gradient', async () => {
    const r = await deriv([F, '--wrt', 'w,b', ...SHAPE, '--check', "2/n*X'*(X*w+b-y)"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('BAD_OPTION');
  });

  it('the library: a claim agreeing with the derivative at random sizes is correct, one that differs is not', () => {
    const [d] = matrixGradient('norm2(A*x - b)^2', ['x'], { shapes: { A: 'm×n', x: 'n', b: 'm' } });
    expect(checkMatrixClaim(d!, "2*A'*(A*x - b)").correct).toBe(true);
    expect(checkMatrixClaim(d!, "2*A'*(A*x + b)").correct).toBe(false);
    expect(checkMatrixClaim(d!, "2*A'*A*x - 2*A'*b").correct).toBe(true);
  });
});

describe('--sgd with --shape', () => {
  it('text: each step exact while small; a finite decimal as a decimal, since the learning rate was written so', async () => {
    const r = await deriv([F, '--wrt', 'w,b', ...SHAPE, '--sgd', '0.01', '--steps-n', '2', '--at', SMALL_AT]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      'step 0: w = [1, -1], b = 1, loss = 14/3',
      'step 1: w = [86/75, -61/75], b = 1.04, loss = 11342/16875',
      'step 2: w = [6761/5625, -4177/5625], b = 1979/1875, loss = 1895926/18984375',
    ]);
  });

  it('agrees with a hand step: w1 = w0 - lr*∇w(w0)', async () => {
    const [gw, gb] = matrixGradient(F, ['w', 'b'], { shapes: SHAPES });
    const at = parseMatrixValues(SMALL_AT);
    expect(valueText(gw!.evaluate(at))).toBe('[-44/3, -56/3]');
    expect(valueText(gb!.evaluate(at))).toBe('-4');
    // 1 - (1/100)(-44/3) = 86/75, -1 - (1/100)(-56/3) = -61/75, 1 - (1/100)(-4) = 26/25.
    const r = await deriv([F, '--wrt', 'w,b', ...SHAPE, '--sgd', '0.01', '--at', SMALL_AT, '--format', 'json']);
    const json = JSON.parse(r.stdout) as { steps: { params: { w: unknown; b: unknown } }[] };
    expect(json.steps[1]!.params).toEqual({ w: ['86/75', '-61/75'], b: '26/25' });
  });

  it.each([['latex'], ['markdown'], ['html']])('--format %s works', async (format) => {
    const r = await deriv([F, '--wrt', 'w,b', ...SHAPE, '--sgd', '0.01', '--at', SMALL_AT, '--format', format]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(format === 'html' ? '<html' : '\\begin{array}');
  });

  it.each([
    [['--sgd', '0.01'], 'BAD_OPTION'],
    [['--sgd', '0.01', '--at', 'X=[[1,2],[3,4],[5,6]],b=1,y=[1,2,3]'], 'BAD_VARIABLE'],
    [['--sgd', '-1', '--at', SMALL_AT], 'BAD_OPTION'],
    [['--steps-n', '2', '--at', SMALL_AT], 'BAD_OPTION'],
    [['--sgd', '0.01', '--check', 'w', '--at', SMALL_AT], 'BAD_OPTION'],
  ])('%j -> %s (exit 2)', async (args, code) => {
    const r = await deriv([F, '--wrt', 'w,b', ...SHAPE, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(code);
  });
});

describe('notes and what cannot work', () => {
  it.each([['markdown'], ['html']])('--format %s with --shape: the gradients typeset, the text to copy', async (format) => {
    const r = await deriv([F, '--wrt', 'w,b', ...SHAPE, '--at', SMALL_AT, '--format', format]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(format === 'html' ? '∇w = 2/n*X&#39;*(X*w + b - y) = [-44/3, -56/3]' : "∇w = 2/n*X'*(X*w + b - y) = [-44/3, -56/3]");
    if (format === 'markdown') expect(r.stdout).toContain('$$\n\\nabla_{w} f = \\frac{2}{n} X^{\\top}');
    else expect(r.stdout).toMatch(/<span class="katex/);
  });

  it('--hessian with --shape -> the Hessian in matrix form, and its value at --at', async () => {
    const r = await deriv([F, '--wrt', 'w,b', ...SHAPE, '--hessian', '--at', SMALL_AT]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^∇²w = 2\/n\*X'\*X = \[\[.*\]\]\n∂²\/∂b² = 2 = 2$/);
  });

  it('--hessian with respect to a matrix -> UNSUPPORTED: four indices', async () => {
    const r = await deriv([F, '--wrt', 'X', ...SHAPE, '--hessian']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('UNSUPPORTED');
  });

  it.each([['--jacobian']])('%s with --shape -> BAD_OPTION that says why', async (flag) => {
    const r = await deriv([F, ...SHAPE, flag]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('BAD_OPTION');
    expect(r.stderr).toContain('scalar');
  });

  it('every LaTeX output renders in KaTeX', async () => {
    const runs = [
      [F, '--wrt', 'w', ...SHAPE, '--check', "2/n*X'*(X*w-y)", '--at', SMALL_AT],
      [F, '--wrt', 'w', ...SHAPE, '--check', '2/n*(X*w+b-y)'],
      [F, '--wrt', 'w', ...SHAPE, '--check', "2/n*X'*(X*w+b-y)"],
      [F, '--wrt', 'w,b', ...SHAPE, '--sgd', '0.01', '--at', SMALL_AT],
      [F, '--wrt', 'w,b', ...SHAPE, '--steps'],
      ['-mean(y.*log(sigmoid(X*w+b)) + (1-y).*log(1-sigmoid(X*w+b)))', '--wrt', 'w', ...SHAPE, '--steps'],
    ];
    for (const argv of runs) {
      const r = await deriv([...argv, '--format', 'latex']);
      for (const block of r.stdout.split('\n\n')) expect(() => katex.renderToString(block, { throwOnError: true, strict: 'error', displayMode: true }), block).not.toThrow();
    }
  });
});

describe('a size named like a variable (security review, finding 1): a SHAPE error, never the size taken for the variable', () => {
  // Before: ∇w = [708, 804, 900], ∂/∂b = 96 — the row count b = 4 was taken for the bias b (right: [177, 201, 225], 24).
  it.each([
    ['L = mean((X*w+b-y)^2)', 'X=b×d,w=d,y=b', 2, 'X=n×d,w=d,y=n'],
    ['y_hat = X*w + b; L = mean((y_hat - y)^2)', 'X=b×d,w=d,y=b', 2, 'X=n×d,w=d,y=n'],
    ['sum(X*w)', 'X=n×w,w=w', 4, 'X=n×m,w=m'],
    ['mean((X*w + c - y)^2)', 'X=n×c,w=c,y=n', 4, 'X=n×m,w=m,y=n'],
  ])('%s with --shape %s -> SHAPE, caret at column %i of the shapes, hint %s', async (f, shape, column, renamed) => {
    for (const extra of [[], ['--at', SEED_AT], ['--format', 'numpy']]) {
      const r = await deriv([f, '--wrt', 'w', '--shape', shape, ...extra]);
      expect(r.code, `${extra.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^error SHAPE: /);
      expect(r.stderr).toContain(`  ${shape}\n  ${' '.repeat(column)}^`);
      expect(r.stderr).toContain(`hint: sizes and variables need different names: ${renamed}`);
    }
  });

  it('the library refuses it too (shapes as an object: no position)', () => {
    expect(() => matrixGradient(F, ['w', 'b'], { shapes: { X: 'b×d', w: 'd', y: 'b' } })).toThrow(expect.objectContaining({ code: 'SHAPE' }));
  });

  it('with sizes named apart, seed 003 -> ∇w = [177, 201, 225], ∂/∂b = 24', async () => {
    const r = await deriv(['L = mean((X*w+b-y)^2)', '--wrt', 'w,b', '--shape', 'X=n×d,w=d,y=n', '--at', SEED_AT]);
    expect(r.stdout).toContain('= [177, 201, 225]');
    expect(r.stdout).toContain('= 24');
  });
});
