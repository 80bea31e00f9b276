/**
 * Matrix form with an element-wise quotient (issue 27, finding 7): `sum(X*w ./ (X*w + 3))` printed
 * `3*X'*1/(X*w + 3)^2`, which reads as (3·Xᵀ·1)/(…)², its LaTeX as ambiguously, and its NumPy
 * `3*X.T @ 1/(X @ w + 3)**2` did not run. For each function: the text reads back (in the matrix
 * language) to deriv's values, the LaTeX brackets the quotient and renders, and the NumPy function
 * runs in python3 and returns deriv's values, at points drawn from the run seed.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import katex from 'katex';
import { evaluate, gradient, toCode, type MatrixDerivative } from '../src/index.js';
import { parseMatrixValues } from '../src/matrix/values.js';
import type { MatrixValue } from '../src/matrix/evaluate.js';
import { hasNumpy } from './helpers/code-runners.js';
import { close, rng } from './helpers/oracle.js';

const SHAPES = { X: 'n×d', w: 'd' };
const CASES: readonly [string, string, string][] = [
  ['sum(X*w ./ (X*w + 3))', "3*X'*(1/(X*w + 3)^2)", "3*X'*1/(X*w + 3)^2"],
  ['sum(log(X*w + 10))', "X'*(1/(X*w + 10))", "X'*1/(X*w + 10)"],
  ['sum(sqrt(X*w + 10))', "1/2*X'*(1/sqrt(X*w + 10))", "1/2*X'*1/sqrt(X*w + 10)"],
  ['sum(1 ./ (X*w + 10))', "-X'*(1/(X*w + 10)^2)", "-X'*1/(X*w + 10)^2"],
  ['sum((X*w) ./ (X*w + 5)) + sum(exp(X*w))', '', ''],
  ['sum(X*w ./ (1 + (X*w).^2))', '', ''],
  ['mean(log(1 + exp(X*w)) ./ (X*w + 7))', '', ''],
];

/** X (4×3) and w (3) with entries k/8, k in [−16, 16], from the run seed. */
function point(seed: number): { values: Map<string, MatrixValue>; X: number[][]; w: number[] } {
  const random = rng(seed);
  const entry = (): number => Math.round(random() * 32 - 16) / 8;
  const X = Array.from({ length: 4 }, () => Array.from({ length: 3 }, entry));
  const w = Array.from({ length: 3 }, entry);
  return { values: parseMatrixValues(`X=${JSON.stringify(X)},w=${JSON.stringify(w)}`), X, w };
}
const numbers = (v: MatrixValue): number[] => v.flat().map((e) => evaluate(e, {}));

describe.each(CASES)('finding 7: %s', (f, text, before) => {
  const g = gradient(f, ['w'], { shapes: SHAPES })[0]! as MatrixDerivative;
  if (text !== '')
    it(`text -> ${text} (before: ${before}, which reads as (…·1)/(…))`, () => {
      expect(g.toString()).toBe(text);
    });
  it('the text reads back to the same values', () => {
    const claim = g.claim(g.toString());
    for (const seed of [1, 2, 3]) {
      const { values } = point(900 + seed);
      const [a, b] = [numbers(claim.evaluate(values)), numbers(g.evaluate(values))];
      expect(a.length).toBe(b.length);
      a.forEach((x, i) => expect(close(x, b[i]!, 1e-12), `${x} vs ${b[i]}`).toBe(true));
    }
  });
  it('the LaTeX brackets the quotient next to Xᵀ and renders in KaTeX', () => {
    const tex = g.toTex();
    expect(tex).not.toMatch(/\^\{\\top\} \\frac/);
    expect(() => katex.renderToString(tex, { throwOnError: true })).not.toThrow();
  });
  const np = hasNumpy ? it : it.skip;
  if (!hasNumpy) console.warn('SKIPPED the NumPy matrix-form quotients: python3 with numpy is not available');
  np('the NumPy function runs and returns deriv\'s values (before: matmul: Input operand 1 does not have enough dimensions)', () => {
    const points = [1, 2, 3].map((s) => point(900 + s));
    const code = toCode(gradient(f, ['w'], { shapes: SHAPES }), 'numpy');
    const calls = points.map((p) => `grad_f(np.array(${JSON.stringify(p.X)}), np.array(${JSON.stringify(p.w)}))["w"].tolist()`);
    const r = spawnSync('python3', ['-c', `${code}\n\nimport json\nprint(json.dumps([${calls.join(', ')}]))\n`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const got = JSON.parse(r.stdout) as number[][];
    points.forEach((p, k) => {
      const want = numbers(g.evaluate(p.values));
      got[k]!.forEach((x, i) => expect(close(x, want[i]!, 1e-10), `${x} vs ${want[i]}`).toBe(true));
    });
  });
});
