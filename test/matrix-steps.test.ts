/**
 * The steps view of matrix gradients (`--shape … --steps`, `matrixDerivation`):
 * the reverse-mode pass names the matrix rule at every node the adjoint reaches.
 */
import { describe, expect, it } from 'vitest';
import { matrixDerivation, matrixGradient } from '../src/matrix/api.js';
import { run } from '../src/cli/main.js';

const cli = async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { stdout: (s) => out.push(s), stderr: (s) => err.push(s), readStdin: async () => '', stdinIsTTY: true, color: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
};

describe('matrix steps', () => {
  it.each([
    ['mean((X*w + b - y)^2)', ['w', 'b'], { X: 'n×d', w: 'd', y: 'n' }, ['mean', 'elementwise', 'matmul']],
    ['mean(-(y.*log(sigmoid(X*w+b)) + (1-y).*log(1-sigmoid(X*w+b))))', ['w'], { X: 'n×d', w: 'd', y: 'n' }, ['elementwise', 'mean', 'elementwise', 'matmul']],
    ['1/2*norm2(W2*relu(W1*x + b1) + b2 - y)^2', ['W1', 'b1'], { W1: 'h×d', x: 'd', b1: 'h', W2: 'k×h', b2: 'k', y: 'k' }, ['elementwise', 'norm2', 'elementwise', 'matmul', 'elementwise', 'matmul']],
    ['norm2(A*x - b)^2', ['x'], { A: 'm×n', x: 'n', b: 'm' }, ['elementwise', 'norm2', 'elementwise', 'matmul']],
    ["x'*A*x", ['x'], { A: 'n×n', x: 'n' }, ['matmul', 'matmul', 'transpose']],
    ['trace(A*B)', ['A'], { A: 'n×m', B: 'm×n' }, ['trace', 'matmul']],
    ['dot(u, v)*sum(exp(u))', ['u'], { u: 'n', v: 'n' }, ['elementwise', 'dot', 'sum', 'elementwise']],
  ] as const)('%s wrt %j (shapes %j) -> the rules in order %j, ending in the gradient', (f, wrt, shapes, rules) => {
    const d = matrixDerivation(f, wrt, { shapes });
    expect(d.steps.map((s) => s.rule)).toEqual(rules);
    const text = d.toString();
    expect(text).not.toContain('@'); // no internal atom names
    const gradients = matrixGradient(f, wrt, { shapes });
    expect(text.split('\n').slice(-wrt.length)).toEqual(gradients.map((g) => `${g.heading('text')} = ${g}`));
    // Every requested variable receives its gradient (or shares of it) from some step.
    for (const v of wrt) expect(d.steps.some((s) => s.passes.some((p) => p.to === v))).toBe(true);
  });

  it("mean((X*w + b - y)^2) wrt w,b -> the seed's derivation, rule by rule", () => {
    const d = matrixDerivation('mean((X*w + b - y)^2)', ['w', 'b'], { shapes: { X: 'n×d', w: 'd', y: 'n' } });
    expect(d.toString()).toBe(
      [
        'f = mean((X*w + b - y)^2)',
        'backpropagation: G = ∂f/∂(node) starts as 1 at f and flows down to the variables',
        '1. mean rule: mean(A) passes G/count to every entry of A',
        '   at mean((X*w + b - y)^2), G = 1',
        '   → (X*w + b - y)^2: 1/n*ones(n)',
        '2. element-wise rule: each entry passes G ⊙ (its partial derivative) to each operand',
        '   at (X*w + b - y)^2, G = 1/n*ones(n)',
        '   → X*w: 2*(X*w + b - y)/n',
        '   → b: 2/n*sum(X*w + b - y) (b is a scalar broadcast over a vector of length n: its share is summed)',
        "3. matrix product rule: A*B passes G*B' to A and A'*G to B",
        '   at X*w, G = 2*(X*w + b - y)/n',
        "   → w: 2/n*X'*(X*w + b - y)",
        "∇w = 2/n*X'*(X*w + b - y)",
        '∂/∂b = 2/n*sum(X*w + b - y)',
      ].join('\n'),
    );
  });

  it('only what leads to a requested variable is shown (no pass to X when only ∇w is asked)', () => {
    const d = matrixDerivation('mean((X*w + b - y)^2)', ['w'], { shapes: { X: 'n×d', w: 'd', y: 'n' } });
    expect(d.steps.flatMap((s) => s.passes.map((p) => p.to))).toEqual(['(X*w + b - y)^2', 'X*w', 'w']);
  });

  it('sum(u)*(dot(u, v) + c) wrt u -> a broadcast sum coefficient is bracketed: (dot(u, v) + c)*ones(n)', () => {
    const d = matrixDerivation('sum(u)*(dot(u, v) + c)', ['u'], { shapes: { u: 'n', v: 'n' } });
    expect(d.toString()).toContain('→ u: (dot(u, v) + c)*ones(n)');
  });
});

describe('CLI --shape --steps', () => {
  it('text: the steps, then the gradients with their values', async () => {
    const r = await cli('mean((X*w + b - y)^2)', '--wrt', 'w,b', '--shape', 'X=4x3,w=3,y=4', '--steps', '--at', 'X=[[1,2,3],[4,5,6],[7,8,9],[10,11,12]],w=[2,-1,3],b=1,y=[7,13,19,25]');
    expect(r.code).toBe(0);
    expect(r.out).toContain('3. matrix product rule');
    expect(r.out.split('\n').slice(-2)).toEqual(["∇w = 1/2*X'*(X*w + b - y) = [177, 201, 225]", '∂/∂b = 1/2*sum(X*w + b - y) = 24']);
  });
  it('JSON carries the steps as data', async () => {
    const r = await cli("x'*A*x", '--wrt', 'x', '--shape', 'A=n×n,x=n', '--steps', '--format', 'json');
    const json = JSON.parse(r.out) as { steps: { rule: string; passes: { to: string }[] }[] };
    expect(json.steps.map((s) => s.rule)).toEqual(['matmul', 'matmul', 'transpose']);
    expect(json.steps[0]!.passes.map((p) => p.to)).toEqual(["x'*A", 'x']);
  });
  it.each(['latex', 'markdown', 'html'])('--steps --format %s with --shape -> the steps typeset (exit 0)', async (format) => {
    const r = await cli('norm2(A*x - b)^2', '--shape', 'A=m×n,x=n,b=m', '--steps', '--format', format);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(format === 'html' ? 'katex' : '\\text{1. ');
    expect(r.out).toContain(format === 'html' ? 'matrix product rule' : '\\nabla_{x} f = ');
  });
});
