/**
 * Matrix form for deep learning (issue 24): a bias broadcast over a batch's rows, the softmax family over
 * the last axis (PyTorch's dim=-1), cross-entropy, det/logdet/inv/diag/tr/norms and a batched two-layer
 * MLP. Each gradient is a textbook formula (table) and agrees, entry by entry on concrete shapes, with the
 * scalar engine differentiating the expanded function at random points.
 */
import { describe, expect, it } from 'vitest';
import katex from 'katex';
import { matrixGradient } from '../src/matrix/api.js';
import { matrixHessian } from '../src/matrix/hessian.js';
import { MatrixContext } from '../src/matrix/node.js';
import { buildMatrix } from '../src/matrix/build.js';
import { evaluateMatrix, type MatrixValue } from '../src/matrix/evaluate.js';
import { parseShapes } from '../src/matrix/shape.js';
import { parseMatrixValues } from '../src/matrix/values.js';
import { valueText } from '../src/matrix/format-value.js';
import { matrixProgram } from '../src/index.js';
import { matrixLineText } from '../src/program/matrix.js';
import { adjointName } from '../src/program/backward.js';
import { num, type Expr } from '../src/core/expr.js';
import { differentiate } from '../src/diff.js';
import { evaluate } from '../src/evaluate.js';
import { close } from './helpers/oracle.js';
import { symbolicValues, randomPoint } from './helpers/matrix-values.js';
import { codeOf } from './helpers/errors.js';

interface Case {
  readonly f: string;
  readonly shapes: string;
  readonly dims: Record<string, number>;
  readonly expected: Record<string, string>;
  /** Inputs held at numbers rather than symbols (one-hot targets: cross_entropy's contract). */
  readonly fixed?: string;
  /** Added to square matrices' diagonals so det, inv and logdet are well conditioned at the points. */
  readonly diagonal?: number;
}

const MLP_SHAPES = 'X=n×d,W1=h×d,b1=h,W2=k×h,b2=k,Y=n×k';
const CASES: Case[] = [
  { f: "sum(relu(X*W' + b))", shapes: 'X=n×d,W=h×d,b=h', dims: { n: 3, d: 2, h: 2 }, expected: { W: "heaviside(X*W' + b)'*X", b: "heaviside(X*W' + b)'*ones(n)" } },
  { f: "mean((X*W' + b - T).^2)", shapes: 'X=n×d,W=k×d,b=k,T=n×k', dims: { n: 3, d: 2, k: 2 }, expected: { W: "2/(k*n)*(X*W' + b - T)'*X", b: "2/(k*n)*(X*W' + b - T)'*ones(n)" } },
  { f: 'logsumexp(x)', shapes: 'x=n', dims: { n: 3 }, expected: { x: 'softmax(x)' } },
  { f: 'sum(logsumexp(X))', shapes: 'X=n×k', dims: { n: 2, k: 3 }, expected: { X: 'softmax(X)' } },
  { f: 'dot(softmax(x), y)', shapes: 'x=n,y=n', dims: { n: 3 }, expected: { x: 'softmax(x).*(y - sum(softmax(x).*y))' } },
  { f: 'sum(softmax(X).*Y)', shapes: 'X=n×k,Y=n×k', dims: { n: 2, k: 3 }, expected: { X: "softmax(X).*(Y - ((softmax(X).*Y)*ones(k)*ones(1, k)))" } },
  { f: '-sum(Y.*log_softmax(Z))', shapes: 'Z=n×k,Y=n×k', dims: { n: 2, k: 3 }, expected: { Z: "(Y*ones(k)*ones(1, k)).*softmax(Z) - Y" } },
  {
    f: "cross_entropy(relu(X*W1' + b1)*W2' + b2, Y)",
    shapes: MLP_SHAPES,
    dims: { n: 3, d: 2, h: 3, k: 3 },
    fixed: 'Y=[[0,1,0],[1,0,0],[0,0,1]]',
    expected: {
      W2: "1/n*(softmax(relu(X*W1' + b1)*W2' + b2) - Y)'*relu(X*W1' + b1)",
      b2: "1/n*(softmax(relu(X*W1' + b1)*W2' + b2) - Y)'*ones(n)",
      W1: "1/n*(((softmax(relu(X*W1' + b1)*W2' + b2) - Y)*W2).*heaviside(X*W1' + b1))'*X",
      b1: "1/n*(((softmax(relu(X*W1' + b1)*W2' + b2) - Y)*W2).*heaviside(X*W1' + b1))'*ones(n)",
    },
  },
  { f: "cross_entropy(tanh(X*W' + b), Y)", shapes: 'X=n×d,W=k×d,b=k,Y=n×k', dims: { n: 2, d: 2, k: 3 }, fixed: 'Y=[[0,0,1],[0,1,0]]', expected: { b: "1/n*((softmax(tanh(X*W' + b)) - Y).*(1 - tanh(X*W' + b)^2))'*ones(n)" } },
  { f: 'det(A)', shapes: 'A=n×n', dims: { n: 3 }, diagonal: 2, expected: { A: "inv(A)'*det(A)" } },
  { f: 'logdet(A)', shapes: 'A=n×n', dims: { n: 3 }, diagonal: 2, expected: { A: "inv(A)'" } },
  { f: 'dot(u, inv(A)*v)', shapes: 'A=n×n,u=n,v=n', dims: { n: 2 }, diagonal: 2, expected: { A: "-inv(A)'*u*v'*inv(A)'" } },
  { f: 'tr(A*B) + norm(x) + norm1(x)', shapes: 'A=n×n,B=n×n,x=n', dims: { n: 2 }, expected: { A: "B'", x: 'sign(x) + x/norm2(x)' } },
  { f: 'sum(diag(A).*x) + sum(exp(diag(x)))', shapes: 'A=n×n,x=n', dims: { n: 2 }, expected: { A: 'diag(x)', x: 'diag(A) + diag(exp(diag(x)))' } },
  { f: 'max(X*w) + max(A)', shapes: 'X=n×d,w=d,A=n×n', dims: { n: 3, d: 2 }, expected: { w: "X'*ismax(X*w)", A: 'ismax(A)' } },
  { f: 'sum(sigmoid(X*w) + log(exp(X*w) + 1))', shapes: 'X=n×d,w=d', dims: { n: 3, d: 2 }, expected: { w: "X'*(sigmoid(X*w) - sigmoid(X*w)^2 + 1/(1 + exp(-(X*w))))" } },
];

const numeric = (e: Expr, point: Map<string, number>): number => evaluate(e, point);

describe.each(CASES)('$f', (c) => {
  const shapes = parseShapes(c.shapes);
  const wrt = Object.keys(c.expected);
  const results = matrixGradient(c.f, wrt, { shapes });

  it.each(wrt.map((v, i) => [v, i] as const))('∇%s -> textbook formula', (v, i) => {
    expect(results[i]!.toString()).toBe(c.expected[v]);
  });

  it('LaTeX renders in KaTeX', () => {
    for (const r of results) expect(() => katex.renderToString(r.toTex(), { throwOnError: true })).not.toThrow();
  });

  it('agrees entry by entry with the scalar engine at random points', () => {
    const ctx = new MatrixContext(shapes);
    const { node, variables } = buildMatrix(c.f, ctx);
    const values = symbolicValues(shapes, c.dims, variables.filter((v) => !shapes.has(v)));
    if (c.fixed !== undefined) for (const [k, v] of parseMatrixValues(c.fixed)) values.set(k, v);
    const loss = evaluateMatrix(node, ctx, values)[0]![0]!;
    for (const seed of [1, 2, 3]) {
      const point = randomPoint(values, seed);
      // A well-conditioned square matrix: its diagonal moved away from 0.
      for (const [name] of point) if (c.diagonal !== undefined && /^A_(\d)_\1$/.test(name)) point.set(name, point.get(name)! + c.diagonal);
      results.forEach((r) => {
        const grad = r.evaluate(values);
        values.get(r.wrt)!.forEach((row, i) =>
          row.forEach((entry, j) => {
            const expected = numeric(differentiate(loss, (entry as { name: string }).name), point);
            const got = numeric(grad[i]![j]!, point);
            expect(close(got, expected, 1e-9), `${r.wrt}[${i},${j}]: ${got} vs ${expected}`).toBe(true);
          }),
        );
      });
    }
  });

  it('printed text reads back to the same values', () => {
    const ctx = new MatrixContext(shapes);
    const { variables } = buildMatrix(c.f, ctx);
    const values = symbolicValues(shapes, c.dims, variables.filter((v) => !shapes.has(v)));
    const point = randomPoint(values, 7);
    for (const [name] of point) if (c.diagonal !== undefined && /^A_(\d)_\1$/.test(name)) point.set(name, point.get(name)! + c.diagonal);
    const withSizes = new Map<string, MatrixValue>(values);
    for (const [k, n] of Object.entries(c.dims)) withSizes.set(k, [[num(n)]]);
    for (const r of results) {
      const a = evaluateMatrix(buildMatrix(r.toString(), ctx).node, ctx, withSizes);
      const b = r.evaluate(values);
      a.forEach((row, i) => row.forEach((e, j) => expect(close(numeric(e, point), numeric(b[i]![j]!, point), 1e-9)).toBe(true)));
    }
  });
});

describe('the batched two-layer MLP as a program (seed 004, as PyTorch writes it)', () => {
  const NET = "H = relu(X*W1' + b1); Z = H*W2' + b2; L = cross_entropy(Z, Y)";
  const m = matrixProgram(NET, parseShapes(MLP_SHAPES), ['W1', 'b1', 'W2', 'b2']);
  it('prints the textbook backward pass: ∂L/∂Z = (softmax(Z) − Y)/n, ∂L/∂W2 = ∂L/∂Zᵀ·H, ∂L/∂b2 = ∂L/∂Zᵀ·1', () => {
    expect(m.lines.map((l) => `${adjointName('L', l.name)} = ${matrixLineText(m, l)}`)).toEqual([
      '∂L/∂Z = (softmax(Z) - Y)/n',
      '∂L/∂H = ∂L/∂Z*W2',
      "∂L/∂W1 = (∂L/∂H.*heaviside(X*W1' + b1))'*X",
      "∂L/∂b1 = (∂L/∂H.*heaviside(X*W1' + b1))'*ones(n)",
      "∂L/∂W2 = ∂L/∂Z'*H",
      "∂L/∂b2 = ∂L/∂Z'*ones(n)",
    ]);
  });
});

describe('values', () => {
  it.each([
    ['logsumexp(x)', 'x=n', 'x=[0,0]', '0.69314718056'],
    ['det(A)', 'A=n×n', 'A=[[1,2],[3,4]]', '-2'],
    ['sum(inv(A))', 'A=n×n', 'A=[[2,0],[0,4]]', '3/4'],
    ['sum(X*W\' + b)', 'X=n×d,W=k×d,b=k', 'X=[[1,2],[3,4]],W=[[1,0],[0,1],[1,1]],b=[10,20,30]', '140'],
    ['tr(diag(x))', 'x=n', 'x=[1,2,3]', '6'],
  ])('%s at %s -> %s', (f, shapes, at, expected) => {
    const [g] = matrixGradient(f, undefined, { shapes });
    expect(valueText(g!.evaluateFunction(parseMatrixValues(at)))).toBe(expected);
  });
});

describe('max of a vector at a tie shares the gradient evenly, as torch.max', () => {
  it.each([
    ['x=[1,3,3]', '[0, 1/2, 1/2]'],
    ['x=[2,2,2]', '[1/3, 1/3, 1/3]'],
    ['x=[5,-1,0]', '[1, 0, 0]'],
  ])('∇max(x) at %s -> %s', (at, expected) => {
    expect(valueText(matrixGradient('max(x)', ['x'], { shapes: 'x=n' })[0]!.evaluate(parseMatrixValues(at)))).toBe(expected);
  });
  it('max(a, b) of two vectors stays element-wise', () => {
    expect(matrixGradient('sum(max(x, y))', ['x'], { shapes: 'x=n,y=n' })[0]!.toString()).toBe('heaviside(x - y, 1/2)');
  });
});

describe('the softmax family is evaluated stably (no overflow at |z| = 800), as PyTorch', () => {
  it.each([
    ['logsumexp(x)', 'x=[800,0,-3]', 'value', '800'],
    ['cross_entropy(x, y)', 'x=[800,0,-3],y=[0,1,0]', 'value', '800'],
    ['cross_entropy(x, y)', 'x=[800,0,-3],y=[0,1,0]', 'gradient', '[1, -1, 0]'],
    ['sum(log_softmax(X).*Y)', 'X=[[-900,0],[0,900]],Y=[[1,0],[0,1]]', 'value', '-900'],
  ])('%s at %s: its %s -> %s', (f, at, what, expected) => {
    const [g] = matrixGradient(f, [f.includes('X') ? 'X' : 'x'], { shapes: 'x=n,y=n,X=n×k,Y=n×k' });
    const point = parseMatrixValues(at);
    expect(valueText(what === 'value' ? g!.evaluateFunction(point) : g!.evaluate(point))).toBe(expected);
  });
});

describe('shape rules', () => {
  it.each([
    ["X*W' + b", 'X=n×d,W=h×d,b=n'],
    ['det(X)', 'X=n×d'],
    ['inv(x)', 'x=n'],
    ['norm1(X)', 'X=n×d'],
    ['cross_entropy(Z, y)', 'Z=n×k,y=n'],
    ['sum(ones(x))', 'x=n'],
    ['max(2)', 'x=n'],
  ])('%s with %s -> SHAPE', (f, s) => {
    expect(codeOf(() => matrixGradient(f, undefined, { shapes: s }))).toBe('SHAPE');
  });
});

describe('Hessians in matrix form (--hessian with --shape)', () => {
  const LOGISTIC = '-mean(y.*log(sigmoid(X*w)) + (1-y).*log(1-sigmoid(X*w)))';
  it.each([
    ['mean((X*w - y).^2)', 'X=n×d,w=d,y=n', { n: 3, d: 2 }, 'w', "2/n*X'*X"],
    [LOGISTIC, 'X=n×d,w=d,y=n', { n: 3, d: 2 }, 'w', "1/n*X'*diag((1 - sigmoid(X*w)).*sigmoid(X*w))*X"],
    ["x'*A*x", 'A=n×n,x=n', { n: 3 }, 'x', "A + A'"],
    ['norm2(A*x - b)^2', 'A=m×n,x=n,b=m', { m: 3, n: 2 }, 'x', "2*A'*A"],
    ['mean((X*w + b - y).^2)', 'X=n×d,w=d,y=n', { n: 3, d: 2 }, 'b', '2'],
    ["sum(tanh(X*w))", 'X=n×d,w=d', { n: 3, d: 2 }, 'w', "-2*X'*diag((1 - tanh(X*w)^2).*tanh(X*w))*X"],
  ])('%s, ∇² over %s -> %s', (f, spec, dims, wrt, expected) => {
    const shapes = parseShapes(spec);
    const [h] = matrixHessian(f, [wrt], { shapes });
    expect(h!.toString()).toBe(expected);
    expect(() => katex.renderToString(`${h!.heading('latex')} = ${h!.toTex()}`, { throwOnError: true })).not.toThrow();
    // Entry by entry: ∂²f/∂w_i∂w_j from the scalar engine at random points.
    const ctx = new MatrixContext(shapes);
    const { node, variables } = buildMatrix(f, ctx);
    const values = symbolicValues(shapes, dims, variables.filter((v) => !shapes.has(v)));
    const loss = evaluateMatrix(node, ctx, values)[0]![0]!;
    const entries = values.get(wrt)!.map((row) => (row[0] as { name: string }).name);
    const got = h!.evaluate(values);
    for (const seed of [1, 2]) {
      const point = randomPoint(values, seed);
      entries.forEach((a, i) =>
        entries.forEach((b, j) => {
          const expectedEntry = numeric(differentiate(differentiate(loss, a), b), point);
          expect(close(numeric(got[i]![j]!, point), expectedEntry, 1e-9), `H[${i},${j}]`).toBe(true);
        }),
      );
    }
  });

  it('a matrix variable has no Hessian matrix -> UNSUPPORTED', () => {
    expect(codeOf(() => matrixHessian('sum(X*w)', ['X'], { shapes: 'X=n×d,w=d' }))).toBe('UNSUPPORTED');
  });
});
