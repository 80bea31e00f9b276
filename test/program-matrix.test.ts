/**
 * Programs in matrix form (--shape): the textbook's backprop lines for a two-layer
 * network; seed 003's regression as a program, exact; and, entry by entry on concrete
 * matrices, every gradient equal to what the existing matrix engine gives for the inlined
 * formula (an independent path: one reverse pass over the whole formula).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import katex from 'katex';
import { matrixProgram, matrixProgramValues, inlineMatrixProgram, gradient } from '../src/index.js';
import { parseShapes } from '../src/matrix/shape.js';
import { parseMatrixValues } from '../src/matrix/values.js';
import { valueText } from '../src/matrix/format-value.js';
import { matrixLineText } from '../src/program/matrix.js';
import { adjointName } from '../src/program/backward.js';
import { run, type CliIO } from '../src/cli/main.js';
import { codeOf } from './helpers/errors.js';
import { runs } from './helpers/run-seed.js';

const NET = 'Z = W1*x + b1; H = relu(Z); y_hat = W2*H + b2; L = norm2(y_hat - y)^2/2';
const SHAPES = 'W1=h×d,b1=h,W2=k×h,b2=k,x=d,y=k';


describe('the two-layer network in matrix form', () => {
  it('prints the textbook backprop: δ₂ = y_hat − y, ∇W2 = δ₂·Hᵀ, δ₁ = (W2ᵀ·δ₂) ⊙ 1[Z > 0], ∇W1 = δ₁·xᵀ', () => {
    const m = matrixProgram(NET, parseShapes(SHAPES), ['W2', 'b2', 'W1', 'b1']);
    expect(m.lines.map((l) => `${adjointName('L', l.name)} = ${matrixLineText(m, l)}`)).toEqual([
      '∂L/∂y_hat = y_hat - y',
      "∂L/∂H = W2'*∂L/∂y_hat",
      '∂L/∂Z = ∂L/∂H.*heaviside(Z)',
      "∂L/∂W2 = ∂L/∂y_hat*H'",
      '∂L/∂b2 = ∂L/∂y_hat',
      "∂L/∂W1 = ∂L/∂Z*x'",
      '∂L/∂b1 = ∂L/∂Z',
    ]);
  });

  it('inlined, the program is the formula a user would type', () => {
    expect(inlineMatrixProgram(NET).text).toBe('norm2((W2*(relu((W1*x + b1))) + b2) - y)^2/2');
  });

  const dims = fc.record({ d: fc.integer({ min: 1, max: 3 }), h: fc.integer({ min: 1, max: 3 }), k: fc.integer({ min: 1, max: 2 }) });
  const entry = fc.integer({ min: -4, max: 4 });
  const matrix = (rows: number, cols: number): fc.Arbitrary<string> =>
    fc.array(fc.array(entry, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }).map((m) => (cols === 1 ? `[${m.map((r) => r[0]).join(',')}]` : `[${m.map((r) => `[${r.join(',')}]`).join(',')}]`));

  it('entry by entry, every gradient equals the matrix engine on the inlined formula (random sizes and integer entries)', () => {
    fc.assert(
      fc.property(
        dims.chain(({ d, h, k }) =>
          fc.tuple(fc.constant({ d, h, k }), matrix(h, d), matrix(h, 1), matrix(k, h), matrix(k, 1), matrix(d, 1), matrix(k, 1)),
        ),
        ([{ d, h, k }, W1, b1, W2, b2, x, y]) => {
          const shapes = `W1=${h}×${d},b1=${h},W2=${k}×${h},b2=${k},x=${d},y=${k}`;
          const at = parseMatrixValues(`W1=${W1},b1=${b1},W2=${W2},b2=${b2},x=${x},y=${y}`);
          const params = ['W1', 'b1', 'W2', 'b2'];
          const m = matrixProgram(NET, parseShapes(shapes), params);
          const values = new Map(matrixProgramValues(m, at).backward);
          const reference = gradient(NET, params, { shapes: parseShapes(shapes) });
          for (const g of reference) expect(valueText(values.get(g.wrt)!), `${g.wrt} with ${shapes}`).toBe(valueText(g.evaluate(at)));
        },
      ),
      { numRuns: runs(60) },
    );
  });
});

describe("seed 003's regression as a program", () => {
  it('∇w = (177, 201, 225) and ∂L/∂b = 24, exactly', () => {
    const m = matrixProgram('y_hat = X*w + b; L = mean((y_hat - y)^2)', parseShapes('X=4×3,w=3,y=4'), ['w', 'b']);
    const v = matrixProgramValues(m, parseMatrixValues('X=[[1,2,3],[4,5,6],[7,8,9],[10,11,12]],w=[2,-1,3],b=1,y=[7,13,19,25]'));
    expect(v.forward.map(([n, x]) => `${n}=${valueText(x)}`)).toEqual(['y_hat=[10, 22, 34, 46]', 'L=189']);
    expect(v.backward.map(([n, x]) => `${n}=${valueText(x)}`)).toEqual(['y_hat=[3/2, 9/2, 15/2, 21/2]', 'w=[177, 201, 225]', 'b=24']);
  });
});

describe('errors', () => {
  it.each([
    ['Z = W1*x; L = sum(Z)', 'W1=h×d,x=h', 'SHAPE'],
    ['Z = W1*x; L = Z', 'W1=h×d,x=d', 'SHAPE'],
    ['Z = W1*x; L = sum(Z)', 'W1=h×d,x=d,Z=h', 'BAD_OPTION'],
    ['Z = W1*x; Z = 2; L = sum(Z)', 'W1=h×d,x=d', 'ASSIGNED_TWICE'],
  ])('%s with %s -> %s', (text, shapes, code) => {
    expect(codeOf(() => matrixProgram(text, parseShapes(shapes), undefined))).toBe(code);
  });

  it('a shape error points into the statement', async () => {
    const err: string[] = [];
    const io: CliIO = { stdout: () => {}, stderr: (s) => err.push(s), readStdin: () => Promise.resolve(''), stdinIsTTY: true, color: false };
    expect(await run(['Z = W1*x + b1; L = sum(Z)', '--shape', 'W1=h×d,x=h,b1=h'], io)).toBe(2);
    expect(err.join('\n').split('\n').slice(1, 3)).toEqual(['  Z = W1*x + b1; L = sum(Z)', '        ^']);
  });

  it('the library refuses an intermediate in matrix form rather than answer 0', () => {
    expect(codeOf(() => gradient(NET, ['H'], { shapes: parseShapes(SHAPES) }))).toBe('BAD_OPTION');
  });
});

describe('LaTeX', () => {
  it.each([
    [[NET, '--wrt', 'W1,b1,W2,b2', '--shape', SHAPES]],
    [['y_hat = X*w + b; L = mean((y_hat - y)^2)', '--shape', 'X=4×3,w=3,y=4', '--at', 'X=[[1,2,3],[4,5,6],[7,8,9],[10,11,12]],w=[2,-1,3],b=1,y=[7,13,19,25]']],
  ])('%j: one aligned block that KaTeX renders, adjoints as fractions', async (argv) => {
    const out: string[] = [];
    const io: CliIO = { stdout: (s) => out.push(s), stderr: () => {}, readStdin: () => Promise.resolve(''), stdinIsTTY: true, color: false };
    expect(await run([...argv, '--format', 'latex'], io)).toBe(0);
    const tex = out.join('\n');
    expect(tex).toMatch(/^\\begin\{aligned\}/);
    expect(tex).toContain('\\frac{\\partial L}{\\partial y_{\\mathrm{hat}}}');
    expect(() => katex.renderToString(tex, { displayMode: true, throwOnError: true, strict: 'error' })).not.toThrow();
  });
});

describe('--steps in matrix form', () => {
  it('each line names the matrix rules that give it, with G the consumer’s adjoint', async () => {
    const out: string[] = [];
    const io: CliIO = { stdout: (s) => out.push(s), stderr: () => {}, readStdin: () => Promise.resolve(''), stdinIsTTY: true, color: false };
    expect(await run([NET, '--wrt', 'W1,b1', '--shape', SHAPES, '--steps'], io)).toBe(0);
    const text = out.join('\n');
    expect(text).toContain(["3. ∂L/∂Z = ∂L/∂H.*heaviside(Z)", '   from H = relu(Z):', '     element-wise rule: each entry passes G ⊙ (its partial derivative) to each operand', '       at relu(Z), G = ∂L/∂H', '       → Z: ∂L/∂H.*heaviside(Z)'].join('\n'));
    expect(text).toContain(["     matrix product rule: A*B passes G*B' to A and A'*G to B", '       at W1*x, G = ∂L/∂Z', "       → W1: ∂L/∂Z*x'"].join('\n'));
  });

  it('a name used twice says the contributions add up', () => {
    const m = matrixProgram('u = W*x; v = u .* u; L = sum(v) + sum(u)', parseShapes('W=n×d,x=d'), ['W']);
    expect(m.lines.find((l) => l.name === 'u')!.consumers).toEqual(['v', 'L']);
  });
});

describe('notes in matrix form', () => {
  const argv = ['y_hat = X*w + b; L = mean((y_hat - y)^2)', '--shape', 'X=4×3,w=3,y=4', '--at', 'X=[[1,2,3],[4,5,6],[7,8,9],[10,11,12]],w=[2,-1,3],b=1,y=[7,13,19,25]'];
  const cli = async (extra: readonly string[]): Promise<string> => {
    const out: string[] = [];
    const io: CliIO = { stdout: (s) => out.push(s), stderr: () => {}, readStdin: () => Promise.resolve(''), stdinIsTTY: true, color: false };
    expect(await run([...argv, ...extra], io)).toBe(0);
    return out.join('\n');
  };

  it('markdown: program, backward pass and both tables; every formula renders', async () => {
    const md = await cli(['--format', 'markdown']);
    expect(md).toContain('| $\\frac{\\partial L}{\\partial w}$ | $X^{\\top} \\frac{\\partial L}{\\partial y_{\\mathrm{hat}}}$ | $\\begin{pmatrix} 177 \\\\ 201 \\\\ 225 \\end{pmatrix}$ |');
    const display = [...md.matchAll(/\$\$\n([\s\S]*?)\n\$\$/g)].map((m) => m[1]!);
    const inline = [...md.replace(/\$\$\n[\s\S]*?\n\$\$/g, '').matchAll(/\$([^$\n]+)\$/g)].map((m) => m[1]!);
    for (const tex of [...display, ...inline]) expect(() => katex.renderToString(tex, { throwOnError: true, strict: 'error' }), tex).not.toThrow();
  });

  it('html: a typeset page with the tables', async () => {
    const html = await cli(['--format', 'html']);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toContain('katex-error');
    expect(html.match(/<table class="values">/g)).toHaveLength(2);
  });
});

describe('--expand and --sgd in matrix form', () => {
  const argv = ['y_hat = X*w + b; L = mean((y_hat - y)^2)', '--wrt', 'w,b', '--shape', 'X=4×3,w=3,y=4', '--at', 'X=[[1,2,3],[4,5,6],[7,8,9],[10,11,12]],w=[2,-1,3],b=1,y=[7,13,19,25]'];
  const cli = async (extra: readonly string[]): Promise<{ code: number; out: string }> => {
    const out: string[] = [];
    const io: CliIO = { stdout: (s) => out.push(s), stderr: (s) => out.push(s), readStdin: () => Promise.resolve(''), stdinIsTTY: true, color: false };
    const code = await run([...argv, ...extra], io);
    return { code, out: out.join('\n') };
  };

  it('--expand: each entry in the inputs, as the matrix engine gives the inlined formula, with its value', async () => {
    const r = await cli(['--expand']);
    expect(r.out.split('\n').slice(-3)).toEqual(['in terms of the inputs:', "  ∂L/∂w = 1/2*X'*(X*w + b - y) = [177, 201, 225]", '  ∂L/∂b = 1/2*sum(X*w + b - y) = 24']);
  });

  it('--sgd: P ← P − lr·∂L/∂P entry by entry, exact, and the new loss', async () => {
    const r = await cli(['--sgd', '0.01']);
    expect(r.out.split('\n').slice(-2)).toEqual(['step 0: w = [2, -1, 3], b = 1, L = 189', 'step 1: w = [0.23, -3.01, 0.75], b = 0.76, L = 961.95735']);
    // The new loss, from the updated parameters by the forward pass alone.
    const m = matrixProgram('y_hat = X*w + b; L = mean((y_hat - y)^2)', parseShapes('X=4×3,w=3,y=4'), ['w', 'b']);
    const after = matrixProgramValues(m, parseMatrixValues('X=[[1,2,3],[4,5,6],[7,8,9],[10,11,12]],w=[23/100,-301/100,3/4],b=19/25,y=[7,13,19,25]'));
    expect(valueText(after.forward[1]![1])).toBe('19239147/20000');
    expect(valueText(after.forward[1]![1], true)).toBe('961.95735');
  });

  it('--sgd without a point, or in LaTeX, is a usage error', async () => {
    expect((await cli(['--sgd', '0.01', '--format', 'latex'])).code).toBe(2);
  });
});
