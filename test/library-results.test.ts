/**
 * What the library returns prints what the command line prints for the same request (issue 22): for every
 * result kind, String(result) is the CLI's text, and .at(point) of a matrix-form gradient gives the values the
 * CLI's --at prints. Each row runs both — the library call and the CLI in-process (test/helpers/cli.ts: argv →
 * request → answer(request) → the text renderer) — and checks each against the text shown in the row's name.
 * Before: sgd(…).map(String) and check(…), gradcheck(…), Program.at(…), matrixProgram(…) … printed
 * [object Object]; gradient(f, wrt, { shapes }).at(point) returned ∇w itself.
 */
import { describe, expect, it } from 'vitest';
import { deriv } from './helpers/cli.js';
import {
  derivative, gradient, hessian, jacobian, check, sgd, gradcheck, program, matrixGradient, matrixDerivation, matrixProgram, matrixProgramValues,
  parseMatrixValues, MatrixGradient, MatrixPointValue, DerivError, type MatrixPointInput,
} from '../src/index.js';

const SEED = '1/2*(w*x+b-y)^2';
const AT = 'x=10,y=50,w=4,b=5';
const PROG = 'z = w*x + b; L = (z - y)^2/2';
const LOSS = 'mean((X*w+b-y)^2)';
const SHAPES = 'X=n×d,w=d,y=n';
const MAT_AT = 'X=[[1,2],[3,4]],w=[1,2],b=1,y=[1,2]';
const MAT_POINT = { X: [[1, 2], [3, 4]], w: [1, 2], b: 1, y: [1, 2] };
const MPROG = 'Z = W*x + b; L = sum(Z)';
const MPROG_SHAPES = 'W=n×d,x=d,b=n';
const MPROG_AT = 'W=[[1,2],[3,4]],x=[1,1],b=[0,1]';

/** The CLI's stdout for argv (in-process); it must answer (exit 0, or 1 for a wrong claim) without a complaint. */
async function cli(argv: readonly string[]): Promise<string> {
  const r = await deriv(argv);
  expect(r.code, r.stderr).toBeLessThanOrEqual(1);
  expect(r.stderr).toBe('');
  return r.stdout;
}

/** Drops the CLI's title line (a Hessian's `∇²f over (x, w, b):`): the library's matrix prints its entries. */
const untitled = (text: string): string => text.split('\n').slice(1).join('\n');
/** The last `n` lines (the SGD steps, after a program's values). */
const last = (n: number) => (text: string): string => text.split('\n').slice(-n).join('\n');
/** The lines after `in terms of the inputs:`, unindented (a program's --expand). */
const expandedLines = (text: string): string => text.slice(text.indexOf('in terms of the inputs:\n') + 24).split('\n').map((l) => l.trim()).join('\n');

type Row = readonly [library: string, text: string, make: () => string, argv: readonly string[], cliPart?: (stdout: string) => string];

const ROWS: readonly Row[] = [
  // Derivatives and gradients.
  ["derivative(SEED, 'w')", 'x*(w*x + b - y)', () => String(derivative(SEED, 'w')), [SEED, '--wrt', 'w']],
  ["gradient(SEED, ['w', 'b'])", '∂/∂w = x*(w*x + b - y)\n∂/∂b = w*x + b - y', () => String(gradient(SEED, ['w', 'b'])), [SEED, '--wrt', 'w,b']],
  ["gradient(SEED, ['w', 'b']).toTex({ name: 'L' })", '\\nabla_{w,b} L = \\left( x \\left(w x + b - y\\right), w x + b - y \\right)', () => gradient(SEED, ['w', 'b']).toTex({ name: 'L' }), [SEED, '--wrt', 'w,b', '--format', 'latex', '--name', 'L']],
  [
    "derivative('x^2*y', 'x').steps",
    'f = x^2*y\n1. ∂f/∂x = ∂/∂x [x^2*y] = 2*x*y\n   power rule: the exponent 2 comes down and drops by one, times the constant factor y\n∂f/∂x = 2*x*y',
    () => String(derivative('x^2*y', 'x').steps),
    ['x^2*y', '--wrt', 'x', '--steps'],
  ],
  ["hessian('x*w^2+b^2')", '[[0, 2*w, 0],\n [2*w, 2*x, 0],\n [0, 0, 2]]', () => String(hessian('x*w^2+b^2')), ['x*w^2+b^2', '--hessian'], untitled],
  ["jacobian(['x*y', 'x+y^2'])", '[[y, x],\n [1, 2*y]]', () => String(jacobian(['x*y', 'x+y^2'])), ['x*y;x+y^2', '--jacobian'], untitled],
  // Numbers.
  [
    "check(SEED, 'w', '-5', { at: AT })",
    'wrong: at x=10, y=50, w=4, b=5, ∂/∂w = x*(w*x + b - y) = -50, but the claim is -5',
    () => String(check(SEED, 'w', '-5', { at: AT })),
    [SEED, '--wrt', 'w', '--check', '-5', '--at', AT],
  ],
  ["check(SEED, 'w', '-50', { at: AT })", 'correct: ∂/∂w = x*(w*x + b - y) (-50 at x=10, y=50, w=4, b=5)', () => String(check(SEED, 'w', '-50', { at: AT })), [SEED, '--wrt', 'w', '--check', '-50', '--at', AT]],
  ["check(SEED, 'w', 'x*(w*x+b-y)')", 'correct: ∂/∂w = x*(w*x + b - y) (the difference simplifies to 0)', () => String(check(SEED, 'w', 'x*(w*x+b-y)')), [SEED, '--wrt', 'w', '--check', 'x*(w*x+b-y)']],
  [
    "check(SEED, 'w', 'x*(w*x+b)')",
    'wrong: at w=3, x=1, b=3, y=4, ∂/∂w = x*(w*x + b - y) = 2, but the claim x*(w*x + b) gives 6',
    () => String(check(SEED, 'w', 'x*(w*x+b)')),
    [SEED, '--wrt', 'w', '--check', 'x*(w*x+b)'],
  ],
  // A half angle: no identity row relates cos(x/2) and cos(x), so the claim is checked by numbers only.
  ["check('tan(x/2)', 'x', '1/(1+cos(x))')", 'correct: ∂/∂x = sec(x/2)^2/2 (agrees at 24 random points (not proved symbolically))', () => String(check('tan(x/2)', 'x', '1/(1+cos(x))')), ['tan(x/2)', '--wrt', 'x', '--check', '1/(1+cos(x))']],
  [
    "sgd(SEED, ['w', 'b'], AT, 0.01, 2)",
    'step 0: w = 4, b = 5, loss = 12.5\nstep 1: w = 4.5, b = 5.05, loss = 0.00125\nstep 2: w = 4.495, b = 5.0495, loss = 0.000000125',
    () => sgd(SEED, ['w', 'b'], AT, 0.01, 2).map(String).join('\n'),
    [SEED, '--wrt', 'w,b', '--at', AT, '--sgd', '0.01', '--steps-n', '2'],
  ],
  // Programs.
  [`program(PROG).backward(['w', 'b'])`, '∂L/∂z = z - y\n∂L/∂w = x*∂L/∂z\n∂L/∂b = ∂L/∂z', () => String(program(PROG).backward(['w', 'b'])), [PROG, '--wrt', 'w,b']],
  [
    `program(PROG).at(AT, ['w', 'b'])`,
    'forward pass:\n  z = w*x + b = 45\n  L = (z - y)^2/2 = 25/2\nbackward pass:\n  ∂L/∂z = z - y = -5\n  ∂L/∂w = x*∂L/∂z = -50\n  ∂L/∂b = ∂L/∂z = -5',
    () => String(program(PROG).at(AT, ['w', 'b'])),
    [PROG, '--wrt', 'w,b', '--at', AT],
  ],
  [`program(PROG).expanded(['w', 'b'])`, '∂L/∂w = x*(w*x + b - y)\n∂L/∂b = w*x + b - y', () => program(PROG).expanded(['w', 'b']).map(String).join('\n'), [PROG, '--wrt', 'w,b', '--expand'], expandedLines],
  [
    `program(PROG).sgd(AT, 0.01, 2, ['w', 'b'])`,
    'step 0: w = 4, b = 5, L = 12.5\nstep 1: w = 4.5, b = 5.05, L = 0.00125\nstep 2: w = 4.495, b = 5.0495, L = 0.000000125',
    () => program(PROG).sgd(AT, 0.01, 2, ['w', 'b']).map(String).join('\n'),
    [PROG, '--wrt', 'w,b', '--at', AT, '--sgd', '0.01', '--steps-n', '2'],
    last(3),
  ],
  // Matrix form.
  ["gradient(LOSS, ['w', 'b'], { shapes })", "∇w = 2/n*X'*(X*w + b - y)\n∂/∂b = 2/n*sum(X*w + b - y)", () => String(gradient(LOSS, ['w', 'b'], { shapes: SHAPES })), [LOSS, '--shape', SHAPES, '--wrt', 'w,b']],
  [
    "matrixGradient(LOSS, undefined, { shapes }).toTex({ name: 'L' })",
    '\\nabla_{X} L = \\frac{2}{n} \\left(X w + b - y\\right) w^{\\top}\n\\nabla_{w} L = \\frac{2}{n} X^{\\top} \\left(X w + b - y\\right)\n\\frac{\\partial L}{\\partial b} = \\frac{2}{n} \\operatorname{sum}\\left(X w + b - y\\right)\n\\nabla_{y} L = -\\frac{2 \\left(X w + b - y\\right)}{n}',
    () => matrixGradient(LOSS, undefined, { shapes: SHAPES }).toTex({ name: 'L' }),
    [LOSS, '--shape', SHAPES, '--format', 'latex', '--name', 'L'],
  ],
  [
    "gradient(LOSS, ['w', 'b'], { shapes }): each line with .at(MAT_POINT)",
    "∇w = 2/n*X'*(X*w + b - y) = [35, 50]\n∂/∂b = 2/n*sum(X*w + b - y) = 15",
    () => {
      const g = gradient(LOSS, ['w', 'b'], { shapes: SHAPES });
      const values = g.at(MAT_POINT);
      return g.map((d, i) => `${d.heading('text')} = ${d} = ${values[i]}`).join('\n');
    },
    [LOSS, '--shape', SHAPES, '--wrt', 'w,b', '--at', MAT_AT],
  ],
  [
    "matrixDerivation(LOSS, ['b'], { shapes })",
    'f = mean((X*w + b - y)^2)\nbackpropagation: G = ∂f/∂(node) starts as 1 at f and flows down to the variables\n1. mean rule: mean(A) passes G/count to every entry of A\n   at mean((X*w + b - y)^2), G = 1\n   → (X*w + b - y)^2: 1/n*ones(n)\n2. element-wise rule: each entry passes G ⊙ (its partial derivative) to each operand\n   at (X*w + b - y)^2, G = 1/n*ones(n)\n   → b: 2/n*sum(X*w + b - y) (b is a scalar broadcast over a vector of length n: its share is summed)\n∂/∂b = 2/n*sum(X*w + b - y)',
    () => String(matrixDerivation(LOSS, ['b'], { shapes: SHAPES })),
    [LOSS, '--shape', SHAPES, '--wrt', 'b', '--steps'],
  ],
  ['matrixProgram(MPROG, MPROG_SHAPES)', "∂L/∂Z = ones(n)\n∂L/∂W = ∂L/∂Z*x'\n∂L/∂x = W'*∂L/∂Z\n∂L/∂b = ∂L/∂Z", () => String(matrixProgram(MPROG, MPROG_SHAPES, undefined)), [MPROG, '--shape', MPROG_SHAPES]],
  [
    'matrixProgramValues(matrixProgram(MPROG, MPROG_SHAPES), MPROG_AT)',
    "forward pass:\n  Z = W*x + b = [3, 8]\n  L = sum(Z) = 11\nbackward pass:\n  ∂L/∂Z = ones(n) = [1, 1]\n  ∂L/∂W = ∂L/∂Z*x' = [[1, 1], [1, 1]]\n  ∂L/∂x = W'*∂L/∂Z = [4, 6]\n  ∂L/∂b = ∂L/∂Z = [1, 1]",
    () => String(matrixProgramValues(matrixProgram(MPROG, MPROG_SHAPES, undefined), parseMatrixValues(MPROG_AT))),
    [MPROG, '--shape', MPROG_SHAPES, '--at', MPROG_AT],
  ],
];

describe('String(result) is what the CLI prints for the same request', () => {
  it.each(ROWS.map((r) => [r[0], r[1], r] as const))('%s -> %s', async (_library, text, [, , make, argv, cliPart]) => {
    expect(make()).toBe(text);
    const stdout = await cli(argv);
    expect((cliPart ?? ((s: string) => s))(stdout)).toBe(text);
  });
});

describe("the values of a matrix-form gradient at a point are the CLI's --at values", () => {
  const g = gradient(LOSS, undefined, { shapes: SHAPES });

  it.each([
    ['an object', MAT_POINT],
    ['the --at text', MAT_AT],
    ['parseMatrixValues', parseMatrixValues(MAT_AT)],
    ['a Map of plain values', new Map<string, unknown>(Object.entries(MAT_POINT))],
    ['exact text entries and bigints', { X: [['1', 2n], [3, '4']], w: ['1', '2'], b: '1', y: [1n, 2n] }],
  ])('g.at(%s) -> [[5, 10], [10, 20]], [35, 50], 15, [-5, -10]', async (_form, point) => {
    const values = g.at(point as MatrixPointInput);
    expect(values.map(String)).toEqual(['[[5, 10], [10, 20]]', '[35, 50]', '15', '[-5, -10]']);
    const json = JSON.parse(await cli([LOSS, '--shape', SHAPES, '--at', MAT_AT, '--format', 'json'])) as { derivatives: unknown[] };
    expect(g.map((d, i) => ({ ...d.toJSON(), value: values[i]!.toJSON() }))).toEqual(json.derivatives);
  });

  it.each([
    ['b = 1/2', { ...MAT_POINT, b: '1/2' }, 'X=[[1,2],[3,4]],w=[1,2],b=1/2,y=[1,2]', ['[[9/2, 9], [19/2, 19]]', '[33, 47]', '14', '[-9/2, -19/2]']],
    ['b = 0.5, decimals out', { ...MAT_POINT, b: 0.5 }, 'X=[[1,2],[3,4]],w=[1,2],b=0.5,y=[1,2]', ['[[4.5, 9], [9.5, 19]]', '[33, 47]', '14', '[-4.5, -9.5]']],
    ['X of decimals, read exactly, decimals out', { ...MAT_POINT, X: [[0.1, 0.2], [0.3, 0.4]] }, 'X=[[0.1,0.2],[0.3,0.4]],w=[1,2],b=1,y=[1,2]', ['[[0.5, 1], [0.1, 0.2]]', '[0.08, 0.14]', '0.6', '[-0.5, -0.1]']],
  ])('g.at(%s) -> the CLI values', async (_what, point, at, shown) => {
    expect(g.at(point).map(String)).toEqual(shown);
    const stdout = await cli([LOSS, '--shape', SHAPES, '--at', at]);
    expect(stdout.split('\n').map((l) => l.slice(l.lastIndexOf(' = ') + 3))).toEqual(shown);
  });

  it('a MatrixGradient is an array of MatrixDerivative: at(i) with a number keeps its meaning, map gives a plain array', () => {
    expect(g).toBeInstanceOf(MatrixGradient);
    expect(g.at(1)).toBe(g[1]);
    expect(g.at(-1)?.wrt).toBe('y');
    expect(g.map((d) => d.wrt)).toEqual(['X', 'w', 'b', 'y']);
    expect(g.map(String).constructor).toBe(Array);
  });

  it("derivative(f, 'w', { shapes }).at(point) -> [35, 50], with its exact entries and doubles", () => {
    const v = derivative(LOSS, 'w', { shapes: SHAPES }).at(MAT_POINT);
    expect(v).toBeInstanceOf(MatrixPointValue);
    expect([String(v), v.toTex(), JSON.stringify(v), v.shape, v.numbers]).toEqual(['[35, 50]', '\\begin{pmatrix} 35 \\\\ 50 \\end{pmatrix}', '[35,50]', [2, 1], [[35], [50]]]);
  });

  it.each([
    ['a missing variable', 'BAD_VARIABLE', { X: MAT_POINT.X, w: [1, 2], b: 1 }],
    ['ragged rows', 'BAD_OPTION', { ...MAT_POINT, X: [[1, 2], [3]] }],
    ['an empty list', 'BAD_OPTION', { ...MAT_POINT, w: [] }],
    ['a hole', 'BAD_OPTION', { ...MAT_POINT, w: [, 2] }],
    ['NaN', 'BAD_OPTION', { ...MAT_POINT, b: NaN }],
    ['an object entry', 'BAD_OPTION', { ...MAT_POINT, w: [1, {}] }],
    ['sizes that disagree', 'SHAPE', { ...MAT_POINT, y: [1, 2, 3] }],
    ['no point', 'BAD_OPTION', null],
    ['a bad name', 'BAD_VARIABLE', { '2x': 1 }],
  ])('g.at(%s) -> %s', (_what, code, point) => {
    expect(() => g.at(point as never)).toThrow(expect.objectContaining({ code }) as DerivError);
  });
});

describe('results without a CLI counterpart print one readable line', () => {
  it.each([
    ["gradcheck('sin(x*y)+exp(w)', undefined, { x: 1, y: 2, w: 0.5 })", () => gradcheck('sin(x*y)+exp(w)', undefined, { x: 1, y: 2, w: 0.5 }), 'ok: worst ∂/∂w = 1.64872 against 1.64872 by central differences, error 8.06e-11 ≤ tolerance 0.00166'],
    ["gradcheck('relu(x)*y', undefined, { x: 0, y: 2 })", () => gradcheck('relu(x)*y', undefined, { x: 0, y: 2 }), "failed: worst ∂/∂x = 0 against 1 by central differences, error 1 > tolerance 0.00101; note: relu(x) is at a kink here; derivatives there take PyTorch's values (relu'(0) = abs'(0) = 0, a tie of max or min splits ½/½)"],
  ])('%s -> %s', (_call, make, text) => {
    expect(String(make())).toBe(text);
  });

  it('the text is no field: JSON and deep equality see the data only', () => {
    const step = sgd(SEED, ['w', 'b'], AT, 0.01, 1)[1]!;
    expect(Object.keys(step)).toEqual(['step', 'params', 'loss']);
    expect(Object.keys(check(SEED, 'w', '-5', { at: AT })).sort()).toEqual(['claim', 'correct', 'counterexample', 'derivative', 'method', 'points']);
    expect(Object.keys(program(PROG).at(AT))).toEqual(['forward', 'backward', 'kinks']);
  });
});

describe('the library examples of the docs say what the calls return', () => {
  const g = gradient('mean((X*w + b - y)^2)', ['w', 'b'], { shapes: { X: 'n×d', w: 'd', y: 'n' } });
  const p = program('z = w1*x + b1; h = relu(z); y_hat = w2*h + b2; L = (y_hat - y)^2/2');
  it.each([
    ['docs/matrix-form.md: String(g)', () => String(g), "∇w = 2/n*X'*(X*w + b - y)\n∂/∂b = 2/n*sum(X*w + b - y)"],
    ['docs/matrix-form.md: g.at({ … }).map(String)', () => g.at({ X: [[1, 2], [3, 4]], w: [1, 2], b: 1, y: [1, 2] }).map(String), ['[35, 50]', '15']],
    ["docs/matrix-form.md: g.at('…')[0].numbers", () => g.at('X=[[1,2],[3,4]],w=[1,2],b=1,y=[1,2]')[0]!.numbers, [[35], [50]]],
    ["docs/matrix-form.md: derivative(…, 'w', { shapes }).at({ … })", () => derivative('mean((X*w + b - y)^2)', 'w', { shapes: 'X=n×d,w=d,y=n' }).at({ X: [[1, 2], [3, 4]], w: [1, 2], b: 1, y: [1, 2] }).toString(), '[35, 50]'],
    ['docs/numbers.md: String(sgd(…)[1])', () => String(sgd(SEED, ['w', 'b'], AT, 0.01, 1)[1]), 'step 1: w = 4.5, b = 5.05, loss = 0.00125'],
    [
      'docs/programs.md: p.sgd(…).map(String)[1]',
      () => p.sgd('x=2,y=10,w1=3,b1=1,w2=2,b2=0', 0.01, 1, ['w2', 'b2', 'w1', 'b1']).map(String)[1],
      'step 1: w2 = 1.72, b2 = -0.04, w1 = 2.84, b1 = 0.92, L = 0.860672',
    ],
    ["docs/programs.md: String(p.expanded(['w1'])[0])", () => String(p.expanded(['w1'])[0]), '∂L/∂w1 = x*w2*(w2*relu(w1*x + b1) + b2 - y)*heaviside(w1*x + b1)'],
  ])('%s', (_example, make, shown) => {
    expect(make()).toEqual(shown);
  });
});
