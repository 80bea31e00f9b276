/**
 * Issue 23's reading rows: what students copy from the tutorials and PyTorch/NumPy code is read as they meant it
 * (with a READING note where the reading may surprise) or refused with the deriv spelling — the same on the
 * command line, in --batch and in the library's answer(). docs/reading.md states the policy.
 */
import { describe, expect, it } from 'vitest';
import { answer, DerivError, parse, toLatex } from '../src/index.js';
import { deriv } from './helpers/cli.js';
import { displayWidth } from '../src/cli/format-error.js';
import katex from 'katex';
import { compute } from '../src/playground/compute.js';
import { parseHash } from '../src/playground/state.js';

interface Row {
  /** The request's fields, as a --batch line takes them (the CLI gets the same as options). */
  readonly fields: Readonly<Record<string, string>>;
  /** Exit code of the CLI. */
  readonly exit: number;
  /** stdout exactly (for exit 0), or undefined. */
  readonly out?: string;
  /** Warning codes (exit 0) or the error code. */
  readonly codes: readonly string[];
  /** The hint or message, where the row is about what it says. */
  readonly says?: RegExp;
}

const ROWS: readonly [string, Row][] = [
  // 1. ^T is a transpose: the matrix form with shapes, a hint naming --shape without.
  ['(w^T x + b - y)^2 with shapes', { fields: { expr: '(w^T x + b - y)^2', wrt: 'w', shape: 'w=d,x=d' }, exit: 0, out: "∇w = 2*x*(w'*x + b - y)", codes: [] }],
  ['(w^T x + b - y)^2 without shapes', { fields: { expr: '(w^T x + b - y)^2', wrt: 'w' }, exit: 2, codes: ['UNSUPPORTED'], says: /--shape/ }],
  ['w^T*x without shapes', { fields: { expr: 'w^T*x' }, exit: 2, codes: ['UNSUPPORTED'], says: /--shape/ }],
  ['w.T @ x with shapes', { fields: { expr: '(w.T @ x + b - y)^2', wrt: 'w', shape: 'w=d,x=d' }, exit: 0, out: "∇w = 2*x*(w'*x + b - y)", codes: [] }],
  ['w.T without shapes', { fields: { expr: 'w.T*x' }, exit: 2, codes: ['UNSUPPORTED'], says: /--shape/ }],
  ['(1+r)^T is a power, noted', { fields: { expr: '(1+r)^T', wrt: 'r' }, exit: 0, out: 'T*(r + 1)^(T - 1)', codes: ['READING'] }],
  // 2. xw is one name.
  ['xw^2 + b^2', { fields: { expr: 'xw^2 + b^2' }, exit: 0, out: '∂/∂xw = 2*xw\n∂/∂b = 2*b', codes: ['NAME_LOOKS_LIKE_PRODUCT'], says: /x\*w/ }],
  ['xw^2 + b^2 --wrt w', { fields: { expr: 'xw^2 + b^2', wrt: 'w' }, exit: 0, out: '0', codes: ['WRT_NOT_FOUND'], says: /x\*w/ }],
  // 3. PyTorch, NumPy and Python spellings.
  ['torch.relu(x)', { fields: { expr: 'torch.relu(x)' }, exit: 0, out: '∂/∂x = heaviside(x)', codes: ['READING'] }],
  ['F.relu(w*x + b)', { fields: { expr: 'F.relu(w*x + b)', wrt: 'w' }, exit: 0, out: 'x*heaviside(w*x + b)', codes: ['READING'] }],
  ['torch.sigmoid(z)', { fields: { expr: 'torch.sigmoid(z)' }, exit: 0, out: '∂/∂z = (1 - sigmoid(z))*sigmoid(z)', codes: ['READING'] }],
  ['np.exp(x)', { fields: { expr: 'np.exp(x)' }, exit: 0, out: '∂/∂x = exp(x)', codes: ['READING'] }],
  ['math.log(x)', { fields: { expr: 'math.log(x)' }, exit: 0, out: '∂/∂x = 1/x', codes: ['READING'] }],
  ['torch.exp(x) + torch.tanh(x)', { fields: { expr: 'torch.exp(x) + torch.tanh(x)' }, exit: 0, out: '∂/∂x = 1 - tanh(x)^2 + exp(x)', codes: ['READING', 'READING'] }],
  ['np.log(x)', { fields: { expr: 'np.log(x)' }, exit: 0, out: '∂/∂x = 1/x', codes: ['READING'] }],
  ['np.arcsin(x)', { fields: { expr: 'np.arcsin(x)' }, exit: 0, out: '∂/∂x = 1/sqrt(1 - x^2)', codes: ['READING'] }],
  ['x.pow(3)', { fields: { expr: 'x.pow(3)' }, exit: 0, out: '∂/∂x = 3*x^2', codes: ['READING'] }],
  ['x.exp()', { fields: { expr: 'x.exp()' }, exit: 0, out: '∂/∂x = exp(x)', codes: ['READING'] }],
  ['x**2', { fields: { expr: 'x**2' }, exit: 0, out: '∂/∂x = 2*x', codes: ['READING'] }],
  ['np.pi*x', { fields: { expr: 'np.pi*x' }, exit: 0, out: '∂/∂x = pi', codes: [] }],
  ['torch.sum(x) without shapes', { fields: { expr: 'torch.sum(x)' }, exit: 2, codes: ['UNKNOWN_FUNCTION'], says: /--shape/ }],
  ['x.mean() without shapes', { fields: { expr: 'x.mean()' }, exit: 2, codes: ['UNKNOWN_FUNCTION'], says: /--shape/ }],
  ['torch.sum((X@w - y)^2) with shapes', { fields: { expr: 'torch.sum((X@w - y)^2)', wrt: 'w', shape: 'X=n×d,w=d,y=n' }, exit: 0, out: "∇w = 2*X'*(X*w - y)", codes: ['READING'] }],
  ['torch.matmul(X, w)', { fields: { expr: 'torch.matmul(X, w)' }, exit: 2, codes: ['UNKNOWN_FUNCTION'], says: /@/ }],
  ['np.max(x)', { fields: { expr: 'np.max(x)' }, exit: 2, codes: ['UNKNOWN_FUNCTION'], says: /max\(a, b\)/ }],
  ['(x+1).pow(2)', { fields: { expr: '(x+1).pow(2)' }, exit: 2, codes: ['PARSE'], says: /pow\(…, 2\)/ }],
  ['a.b', { fields: { expr: 'a.b' }, exit: 2, codes: ['PARSE'], says: /a\*b/ }],
  ['a program with PyTorch spellings', { fields: { expr: 'z = torch.relu(w*x + b); L = (z - y)**2', wrt: 'w' }, exit: 0, out: '∂L/∂z = 2*(z - y)\n∂L/∂w = x*heaviside(w*x + b)*∂L/∂z', codes: ['READING', 'READING'] }],
  // 4. · between vectors is the dot product.
  ['max(0, w·x + b) with shapes', { fields: { expr: 'max(0, w·x + b)', wrt: 'w', shape: 'w=d,x=d' }, exit: 0, out: '∇w = x*heaviside(dot(w, x) + b, 1/2)', codes: [] }],
  ['2·x on scalars', { fields: { expr: '2·x' }, exit: 0, out: '∂/∂x = 2', codes: [] }],
  // 5. Unicode fractions and subscripts.
  ['½*x^2', { fields: { expr: '½*x^2' }, exit: 0, out: '∂/∂x = x', codes: [] }],
  ['¾x', { fields: { expr: '¾x' }, exit: 0, out: '∂/∂x = 3/4', codes: [] }],
  ['2½*x', { fields: { expr: '2½*x' }, exit: 2, codes: ['PARSE'], says: /2\+1\/2/ }],
  ['w₁*x + b₁', { fields: { expr: 'w₁*x + b₁', wrt: 'w1,b1' }, exit: 0, out: '∂/∂w1 = x\n∂/∂b1 = 1', codes: [] }],
  ['w₁x: a subscript ends the name', { fields: { expr: 'w₁x + b₁' }, exit: 0, out: '∂/∂w1 = x\n∂/∂x = w1\n∂/∂b1 = 1', codes: [] }],
  ['--wrt w₁ and --at w₁=2 name w1', { fields: { expr: 'w₁*x', wrt: 'w₁', at: 'w₁=2,x=3' }, exit: 0, out: 'f = w1*x = 6\n∂/∂w1 = x = 3', codes: [] }],
  ['x² + y³', { fields: { expr: 'x² + y³' }, exit: 0, out: '∂/∂x = 2*x\n∂/∂y = 3*y^2', codes: [] }],
  // 7. Exact values fold; constants outside the real domain are warned about.
  ['x/sin(pi)', { fields: { expr: 'x/sin(pi)' }, exit: 4, codes: ['UNDEFINED'] }],
  ['asin(2)*x', { fields: { expr: 'asin(2)*x' }, exit: 0, out: '∂/∂x = asin(2)', codes: ['NOT_REAL'] }],
  ['log(-1) + x', { fields: { expr: 'log(-1) + x' }, exit: 0, out: '∂/∂x = 1', codes: ['NOT_REAL'] }],
  // 8. x/x: x occurs, and cancels.
  ['x/x --wrt x', { fields: { expr: 'x/x', wrt: 'x' }, exit: 0, out: '0', codes: [] }],
  ['x/x', { fields: { expr: 'x/x' }, exit: 0, out: '1', codes: ['NO_VARIABLES'], says: /cancels/ }],
  // 9. Decimals in, decimals out.
  ['--at with decimals (program)', { fields: { expr: 'y_hat = w*x + b; L = 1/2*(y_hat - y)^2', wrt: 'w', at: 'x=10,y=50,w=4.05,b=5.05' }, exit: 0, codes: [], says: /y_hat = w\*x \+ b = 45\.55\n {2}L {5}= \(y_hat - y\)\^2\/2 = 9\.90125/ }],
  ['--at with decimals (expression)', { fields: { expr: '1/2*(w*x+b-y)^2', wrt: 'w,b', at: 'x=10,y=50,w=4.05,b=5.05' }, exit: 0, out: 'f = (w*x + b - y)^2/2 = 9.90125\n∂/∂w = x*(w*x + b - y) = -44.5\n∂/∂b = w*x + b - y = -4.45', codes: [] }],
  ['--at with fractions stays exact', { fields: { expr: '1/2*(w*x+b-y)^2', wrt: 'w', at: 'x=10,y=50,w=81/20,b=101/20' }, exit: 0, out: 'f = (w*x + b - y)^2/2 = 7921/800\n∂/∂w = x*(w*x + b - y) = -89/2', codes: [] }],
  ['matrix SGD with decimals', { fields: { expr: 'mean((X*w + b - y)^2)', wrt: 'w,b', shape: 'X=2×2,w=2,y=2', at: 'X=[[1,2],[3,4]],w=[0.5,0.25],b=0.1,y=[1,2]', sgd: '0.1' }, exit: 0, out: 'step 0: w = [0.5, 0.25], b = 0.1, loss = 0.185\nstep 1: w = [0.31, -0.01], b = 0.03, loss = 0.8144', codes: [] }],
];

/** The CLI's argv for a row's fields (expr first, then each field as its option). */
const argvOf = (fields: Readonly<Record<string, string>>): string[] =>
  [fields['expr']!, ...Object.entries(fields).filter(([k]) => k !== 'expr').flatMap(([k, v]) => [`--${k}`, v])];

describe('issue 23 readings: the command line', () => {
  it.each(ROWS)('deriv %s -> exit, output, codes', async (_name, row) => {
    const r = await deriv(argvOf(row.fields));
    expect(r.code, r.stderr).toBe(row.exit);
    if (row.out !== undefined) expect(r.stdout).toBe(row.out);
    for (const code of row.codes) expect(r.stderr).toContain(row.exit === 0 ? 'warning' : `error ${code}`);
    if (row.says !== undefined) expect(`${r.stdout}\n${r.stderr}`).toMatch(row.says);
    if (row.exit === 0 && row.codes.length === 0) expect(r.stderr).not.toContain('warning');
  });
});

describe('issue 23 readings: the library (answer) and --batch say the same', () => {
  it.each(ROWS)('%s', async (_name, row) => {
    let codes: string[];
    let said: string;
    try {
      const a = answer(row.fields);
      codes = a.warnings.map((w) => w.code);
      said = `${String(a)}\n${a.warnings.map((w) => `${w.message} ${w.hint ?? ''}`).join('\n')}`;
      expect(row.exit).toBe(0);
    } catch (e) {
      if (!(e instanceof DerivError)) throw e;
      codes = [e.code];
      said = `${e.message} ${e.hint ?? ''}`;
    }
    expect(codes).toEqual(row.codes);
    if (row.says !== undefined) expect(said).toMatch(row.says);
    const batch = await deriv(['--batch'], { stdin: `${JSON.stringify(row.fields)}\n` });
    const line = JSON.parse(batch.stdout) as { warnings?: { code: string }[]; error?: { code: string } };
    expect(line.error === undefined ? (line.warnings ?? []).map((w) => w.code) : [line.error.code]).toEqual(row.codes);
  });
});

describe('carets under wide characters (row 6)', () => {
  it.each([
    ['x + 中', 4, 6],
    ['（x＋1）^2 + 中', 10, 15],
    ['x＋1 + 中', 6, 9],
  ])('%j: the caret under the character at %i stands at display column %i', async (input, position, column) => {
    const r = await deriv([input]);
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n');
    const shown = lines.findIndex((l) => l === `  ${input}`);
    expect(shown).toBeGreaterThan(0);
    expect(lines[shown + 1]!.indexOf('^')).toBe(column);
    expect(displayWidth(input.slice(0, position)) + 2).toBe(column);
  });
});

describe('the text format says log is ln (row 10), once', () => {
  it.each([
    [['x*log(x)'], 1],
    [['x*log(x) + log(x)^2'], 1],
    [['x*log(x)', '--at', 'x=2'], 1],
    [['x^2'], 0],
    [['exp(x)'], 0],
    [['x*log(x)', '--format', 'latex'], 0],
  ])('deriv %j -> %i note', async (argv, notes) => {
    const r = await deriv(argv);
    expect(r.stderr.split('\n').filter((l) => l.includes('natural logarithm'))).toHaveLength(notes);
  });
});

describe('multi-letter names typeset as one (row 2)', () => {
  it.each([
    ['xw^2 + b^2', '\\mathrm{xw}'],
    ['w₁*x', 'w_{1}'],
  ])('%j -> %s in LaTeX, which KaTeX renders', (text, piece) => {
    const tex = toLatex(parse(text));
    expect(tex).toContain(piece);
    expect(() => katex.renderToString(tex, { throwOnError: true })).not.toThrow();
  });
});

describe('the playground reads the same (its URL hash through the same request)', () => {
  it.each([
    ['f=torch.relu(x)', 'ok', /torch\.relu is read as relu/],
    ['f=x**2', 'ok', /\*\* is read as the power/],
    ['f=xw%5E2%2Bb%5E2', 'ok', /'xw' is one variable/],
    ['f=asin(2)*x', 'ok', /asin\(2\) is not a real number/],
    ['f=(w%5ET%20x%2Bb-y)%5E2&wrt=w', 'UNSUPPORTED', /--shape/],
    ['f=torch.matmul(X%2Cw)', 'UNKNOWN_FUNCTION', /@/],
  ])('#%s -> %s, saying %s', (hash, want, says) => {
    const o = compute(parseHash(hash));
    if (o.ok) {
      expect(want).toBe('ok');
      expect(o.view.notes.join('\n')).toMatch(says);
    } else {
      expect(o.error.code).toBe(want);
      expect(`${o.error.message} ${o.error.hint ?? ''}`).toMatch(says);
    }
  });
});
