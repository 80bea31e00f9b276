/**
 * Gradients in matrix form (issue: seeds 002/003). Every matrix result is
 * checked against the scalar engine: the formula is expanded entry by entry
 * on small concrete shapes, differentiated as scalars, and compared at random
 * points. Printed text must read back (in the matrix language) to the same values.
 */
import { describe, expect, it } from 'vitest';
import katex from 'katex';
import { matrixGradient } from '../src/matrix/api.js';
import { MatrixContext } from '../src/matrix/node.js';
import { buildMatrix } from '../src/matrix/build.js';
import { evaluateMatrix, type MatrixValue } from '../src/matrix/evaluate.js';
import { parseMatrixValues } from '../src/matrix/values.js';
import { valueText } from '../src/matrix/format-value.js';
import { parseShapes, type Shape } from '../src/matrix/shape.js';
import { sym, num, type Expr } from '../src/core/expr.js';
import { differentiate } from '../src/diff.js';
import { evaluate } from '../src/evaluate.js';
import { substitute } from '../src/templates.js';
import { DerivError } from '../src/errors.js';
import { derivative } from '../src/index.js';
import { run } from '../src/cli/main.js';
import { q } from '../src/core/rational.js';
import { close } from './helpers/oracle.js';
import { symbolicValues, randomPoint } from './helpers/matrix-values.js';

interface Case {
  readonly f: string;
  readonly shapes: string;
  readonly dims: Record<string, number>;
  readonly expected: Record<string, string>;
}

const CASES: Case[] = [
  {
    f: 'mean((X*w + b - y)^2)',
    shapes: 'X=n×d,w=d,y=n',
    dims: { n: 4, d: 3 },
    expected: { w: "2/n*X'*(X*w + b - y)", b: '2/n*sum(X*w + b - y)' },
  },
  {
    f: '-mean(y.*log(sigmoid(X*w+b)) + (1-y).*log(1-sigmoid(X*w+b)))',
    shapes: 'X=n×d,w=d,y=n',
    dims: { n: 3, d: 2 },
    expected: { w: "1/n*X'*(sigmoid(X*w + b) - y)", b: '1/n*sum(sigmoid(X*w + b) - y)' },
  },
  {
    f: 'norm2(W2*relu(W1*x + b1) + b2 - y)^2/2',
    shapes: 'W1=h×d,b1=h,W2=k×h,b2=k,x=d,y=k',
    dims: { h: 3, d: 2, k: 2 },
    expected: {
      W2: "(W2*relu(W1*x + b1) + b2 - y)*relu(W1*x + b1)'",
      b2: 'W2*relu(W1*x + b1) + b2 - y',
      W1: "((W2'*(W2*relu(W1*x + b1) + b2 - y)).*heaviside(W1*x + b1))*x'",
      b1: "(W2'*(W2*relu(W1*x + b1) + b2 - y)).*heaviside(W1*x + b1)",
    },
  },
  { f: 'norm2(A*x - b)^2', shapes: 'A=m×n,x=n,b=m', dims: { m: 3, n: 2 }, expected: { x: "2*A'*(A*x - b)" } },
  { f: "x'*A*x", shapes: 'A=n×n,x=n', dims: { n: 3 }, expected: { x: "(A + A')*x" } },
  { f: 'trace(A*B)', shapes: 'A=n×n,B=n×n', dims: { n: 2 }, expected: { A: "B'" } },
  { f: 'sum(exp(X*w))', shapes: 'X=n×d,w=d', dims: { n: 3, d: 2 }, expected: { w: "X'*exp(X*w)" } },
  { f: 'dot(u, v)^2', shapes: 'u=n,v=n', dims: { n: 3 }, expected: { u: '2*dot(u, v)*v' } },
];

const numeric = (e: Expr, point: Map<string, number>): number => evaluate(e, point);

describe.each(CASES)('$f', (c) => {
  const shapes = parseShapes(c.shapes);
  const wrt = Object.keys(c.expected);
  const results = matrixGradient(c.f, wrt, { shapes });

  it.each(wrt.map((v, i) => [v, i] as const))('∇%s -> textbook formula', (v, i) => {
    expect(results[i]!.toString()).toBe(c.expected[v]);
  });

  it('every LaTeX output renders in KaTeX', () => {
    for (const r of results) expect(() => katex.renderToString(r.toTex(), { throwOnError: true })).not.toThrow();
  });

  it('agrees entry by entry with the scalar engine on concrete shapes', () => {
    const ctx = new MatrixContext(shapes);
    const { node, variables } = buildMatrix(c.f, ctx);
    const scalars = variables.filter((v) => !shapes.has(v));
    const values = symbolicValues(shapes, c.dims, scalars);
    const loss = evaluateMatrix(node, ctx, values)[0]![0]!;
    for (const seed of [1, 2, 3]) {
      const point = randomPoint(values, seed);
      results.forEach((r) => {
        const grad = r.evaluate(values);
        const target = values.get(r.wrt)!;
        target.forEach((row, i) =>
          row.forEach((entry, j) => {
            const name = (entry as { name: string }).name;
            const expected = numeric(differentiate(loss, name), point);
            const got = numeric(grad[i]![j]!, point);
            expect(close(got, expected, 1e-9), `${got} vs ${expected}`).toBe(true);
          }),
        );
      });
    }
  });

  it('printed text reads back to the same values', () => {
    const ctx = new MatrixContext(shapes);
    const { variables } = buildMatrix(c.f, ctx);
    const scalars = variables.filter((v) => !shapes.has(v));
    const values = symbolicValues(shapes, c.dims, scalars);
    const point = randomPoint(values, 7);
    for (const r of results) {
      const reread = buildMatrix(r.toString(), ctx).node;
      const dimValues = new Map(values);
      for (const [k, n] of Object.entries(c.dims)) dimValues.set(k, [[num(n)]]);
      const a = evaluateMatrix(reread, ctx, dimValues);
      const b = r.evaluate(values);
      a.forEach((row, i) => row.forEach((e, j) => expect(close(numeric(e, point), numeric(b[i]![j]!, point), 1e-9)).toBe(true)));
    }
  });
});

describe('seed 003 numbers', () => {
  const values = parseMatrixValues('X=[[1,2,3],[4,5,6],[7,8,9],[10,11,12]],w=[2,-1,3],b=1,y=[7,13,19,25]');
  const [gw, gb] = matrixGradient('mean((X*w + b - y)^2)', ['w', 'b'], { shapes: { X: 'n×d', w: 'd', y: 'n' } });
  it.each([
    ['∇w', () => valueText(gw!.evaluate(values)), '[177, 201, 225]'],
    ['∂b', () => valueText(gb!.evaluate(values)), '24'],
    ['L', () => valueText(gw!.evaluateFunction(values)), '189'],
  ])('%s -> exact value', (_, value, expected) => {
    expect(value()).toBe(expected);
  });
  it('a value of the wrong size is a SHAPE error', () => {
    const bad = parseMatrixValues('X=[[1,2],[3,4]],w=[1,2,3],b=1,y=[1,2]');
    expect(() => gw!.evaluate(bad)).toThrow(expect.objectContaining({ code: 'SHAPE' }));
  });
  it('exact fractions stay exact', () => {
    const v = parseMatrixValues('X=[[1/2,0],[0,1]],w=[1,1],b=0,y=[0,0]');
    const [g] = matrixGradient('mean((X*w + b - y)^2)', ['w'], { shapes: { X: 'n×d', w: 'd', y: 'n' } });
    expect(valueText(g!.evaluate(v))).toBe('[1/4, 1]');
    void q;
  });
});

describe('shape errors name both shapes', () => {
  it.each([
    ['X*y', 'X=n×d,y=n'],
    ['X + w', 'X=n×d,w=d'],
    ['sum(X) + dot(w, y)', 'X=n×d,w=d,y=n'],
    ['trace(X)', 'X=n×d'],
    ['X*w', 'X=n×d,w=d'],
  ])('%s with %s -> SHAPE', (f, s) => {
    expect(() => matrixGradient(f, undefined, { shapes: parseShapes(s) })).toThrow(DerivError);
    try {
      matrixGradient(f, undefined, { shapes: parseShapes(s) });
    } catch (e) {
      expect((e as DerivError).code).toBe('SHAPE');
    }
  });
  it.each([['X=n×d×k'], ['X'], ['X=0×1'], ['1X=n']])('bad --shape %s -> error', (spec) => {
    expect(() => parseShapes(spec)).toThrow(DerivError);
  });
});

describe('CLI --shape', () => {
  const cli = async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await run(argv, {
      stdout: (s) => out.push(s),
      stderr: (s) => err.push(s),
      readStdin: async () => '',
      stdinIsTTY: true,
      color: false,
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  it('prints the gradient in matrix form', async () => {
    const r = await cli('mean((X*w + b - y)^2)', '--wrt', 'w,b', '--shape', 'X=n×d,w=d,y=n');
    expect(r.code).toBe(0);
    expect(r.out).toBe("∇w = 2/n*X'*(X*w + b - y)\n∂/∂b = 2/n*sum(X*w + b - y)");
  });
  it('LaTeX uses \\nabla and renders', async () => {
    const r = await cli('mean((X*w + b - y)^2)', '--wrt', 'w', '--shape', 'X=nxd,w=d,y=n', '--format', 'latex', '--name', 'L');
    expect(r.out).toBe('\\nabla_{w} L = \\frac{2}{n} X^{\\top} \\left(X w + b - y\\right)');
    expect(() => katex.renderToString(r.out, { throwOnError: true })).not.toThrow();
  });
  it('a shape error exits 2 with a caret', async () => {
    const r = await cli('X*y', '--shape', 'X=n×d,y=n');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/SHAPE/);
    expect(r.err).toMatch(/\^/);
  });
});

describe('matrix form as people write it: X^T, Xᵀ, X@w, --shape X=(n,d) and X=n,d', () => {
  const shapes = { X: 'n×d', w: 'd', y: 'n' };
  it.each([
    ['mean((X@w + b - y)^2)', "2/n*X'*(X*w + b - y)"],
    ['mean((X*w + b - y)^2)', "2/n*X'*(X*w + b - y)"],
    ['(X*w - y)^T*(X*w - y)', undefined],
    ["(X*w - y)'*(X*w - y)", undefined],
    ['(X@w - y)ᵀ@(X@w - y)', undefined],
  ])('%s', (text, expected) => {
    const got = derivative(text, 'w', { shapes }).toString();
    if (expected !== undefined) expect(got).toBe(expected);
    // Every spelling of the same formula gives the same gradient.
    expect(got).toBe(derivative(text.replace(/ᵀ|\^T/g, "'").replace(/@/g, '*'), 'w', { shapes }).toString());
  });

  it('x@y between two vectors is their inner product', () => {
    expect(derivative('x@y', 'x', { shapes: { x: 'n', y: 'n' } }).toString()).toBe(derivative('dot(x, y)', 'x', { shapes: { x: 'n', y: 'n' } }).toString());
  });

  it.each([
    ['X=(n,d),w=d,y=n'],
    ['X=n,d,w=d,y=n'],
    ['X=n×d,w=d,y=n'],
  ])('--shape %s', async (spec) => {
    const { run } = await import('../src/cli/main.js');
    const out: string[] = [];
    const code = await run(['mean((X*w + b - y)^2)', '--wrt', 'w', '--shape', spec], { stdout: (s) => out.push(s), stderr: () => {}, readStdin: () => Promise.resolve(''), stdinIsTTY: true, color: false });
    expect(code).toBe(0);
    expect(out.join('\n')).toBe("∇w = 2/n*X'*(X*w + b - y)");
  });

  it.each([['X@w'], ['Xᵀ']])('%s without shapes: an error whose hint names --shape', (text) => {
    try {
      derivative(text, 'w');
      expect.unreachable();
    } catch (e) {
      expect((e as DerivError).hint).toContain('--shape');
    }
  });
});
