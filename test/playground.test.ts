/**
 * The playground without a browser: the URL-hash state (round trip, the documented example link), what
 * a state computes (src/playground/compute.ts: each view, errors placed in their field), honest plot
 * sampling (gaps at poles and steps, none on smooth curves or at kinks), nice ticks, the page build
 * (self-contained, no Node built-ins in the bundle) and `deriv --playground`.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseHash, formatHash, parseAt, formatAt, INITIAL, type PlaygroundState } from '../src/playground/state.js';
import { compute } from '../src/playground/compute.js';
import { grid, sample, jumps } from '../src/playground/sample.js';
import { ticks, tickLabel } from '../src/playground/ticks.js';
import { plotData, plotSvg } from '../src/playground/plot.js';
import { writePlayground, playgroundCandidates, NOT_BUILT_EXIT } from '../src/cli/playground.js';
import { buildPlayground } from '../scripts/playground.mjs';
import { parse, derivative } from '../src/index.js';
import { run, type CliIO } from '../src/cli/main.js';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

describe('state in the URL hash', () => {
  it('the documented link #f=x*w^2%2Bb^2&wrt=w&at=x=1,w=2,b=3 -> f, wrt and the point', () => {
    const s = parseHash('#f=x*w^2%2Bb^2&wrt=w&at=x=1,w=2,b=3');
    expect(s.f).toBe('x*w^2+b^2');
    expect(s.wrt).toEqual(['w']);
    expect([...s.at]).toEqual([['x', '1'], ['w', '2'], ['b', '3']]);
    expect(formatHash(s)).toBe('#f=x*w^2%2Bb^2&wrt=w&at=x=1,w=2,b=3');
  });

  it.each([
    ['#f=x+y', 'x+y'], // a raw + is a plus, not a space (not form encoding)
    ['#f=x%20%2B%20y', 'x + y'],
    ['#f=sin(x%', 'sin(x%'], // a malformed escape is kept as typed, not an error
    ['', INITIAL.f],
    ['#wrt=x&junk&=3', INITIAL.f],
  ])('parseHash(%j).f -> %j', (hash, f) => {
    expect(parseHash(hash).f).toBe(f);
  });

  it('matrix values keep their commas: X=[[1,2],[3,4]],b=1 is two entries', () => {
    expect([...parseAt('X=[[1,2],[3,4]],b=1')]).toEqual([['X', '[[1,2],[3,4]]'], ['b', '1']]);
    expect(formatAt(new Map([['X', '[[1,2],[3,4]]'], ['b', ' '], ['c', '1/2']]))).toBe('X=[[1,2],[3,4]],c=1/2');
  });

  const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,3}$/);
  const state: fc.Arbitrary<PlaygroundState> = fc.record({
    f: fc.string({ unit: fc.constantFrom(...'x+y*2^()/-; =\n,&#%é×'.split('')), maxLength: 30 }),
    wrt: fc.option(fc.uniqueArray(name, { maxLength: 3 }), { nil: undefined }),
    at: fc.uniqueArray(fc.tuple(name, fc.constantFrom('1', '-1/2', 'pi/4', '[1,2]', '0.25')), { selector: (t) => t[0], maxLength: 3 }).map((e) => new Map(e)),
    // Options in table order (parseHash keeps that order): steps, simplify, shape, sgd.
    options: fc.tuple(fc.constantFrom(undefined, 'brief', 'full'), fc.constantFrom(undefined, '0'), fc.constantFrom(undefined, 'X=n×d,w=d'), fc.constantFrom(undefined, '1/100')).map(
      ([steps, simplify, shape, sgd]) => new Map(Object.entries({ steps, simplify, shape, sgd }).filter((e) => e[1] !== undefined) as [string, string][]),
    ),
    plot: fc.option(name, { nil: undefined }),
    from: fc.constantFrom('', '-2', 'pi'),
    to: fc.constantFrom('', '3'),
  });
  it('property: parseHash(formatHash(s)) restores s (wrt lists without empty names)', () => {
    fc.assert(
      fc.property(state, (s) => {
        const back = parseHash(formatHash(s));
        expect({ ...back, at: [...back.at], options: [...back.options] }).toEqual({ ...s, wrt: s.wrt !== undefined && s.wrt.length === 0 ? [] : s.wrt, at: [...s.at], options: [...s.options] });
      }),
    );
  });
});

const view = (hash: string) => {
  const o = compute(parseHash(hash));
  if (!o.ok) throw new Error(`${hash}: ${o.error.code} ${o.error.message}`);
  return o.view;
};

/** What `deriv` prints (stdout, exit code) for these words, in-process. */
async function cli(argv: readonly string[]): Promise<{ out: string; code: number }> {
  const out: string[] = [];
  const io: CliIO = { stdout: (s) => out.push(s), stderr: () => undefined, readStdin: () => Promise.resolve(''), stdinIsTTY: true, color: false };
  const code = await run(argv, io);
  return { out: out.join('\n'), code };
}

const q = encodeURIComponent;
const NETWORK = 'z = w1*x + b1; h = max(0, z); y_hat = w2*h + b2; L = (y_hat - y)^2/2';
const MATRIX_PROGRAM = 'y_hat = X*w + b; L = mean((y_hat - y)^2)';
const MATRIX_POINT = 'X=[[1,2,3],[4,5,6],[7,8,9],[10,11,12]],w=[2,-1,3],b=1,y=[7,13,19,25]';

describe('compute: the playground answers through the command line\'s spine', () => {
  // Every mode, and options by their hash keys: the page shows the document the CLI prints, the same text.
  it.each([
    ['#f=x*w^2%2Bb^2&wrt=w', ['x*w^2+b^2', '--wrt', 'w']],
    ['#f=x*w^2%2Bb^2', ['x*w^2+b^2']],
    [`#f=${q('L = 1/2*(w*x+b-y)^2')}&wrt=w,b&at=x=10,y=50,w=4,b=5`, ['L = 1/2*(w*x+b-y)^2', '--wrt', 'w,b', '--at', 'x=10,y=50,w=4,b=5']],
    ['#f=1/x&at=x=0', ['1/x', '--at', 'x=0']],
    ['#f=sin(x)&order=2', ['sin(x)', '--order', '2']],
    ['#f=x^2*y^3&wrt=x,y&mixed=1', ['x^2*y^3', '--wrt', 'x,y', '--mixed']],
    ['#f=x*exp(x)&simplify=0', ['x*exp(x)', '--no-simplify']],
    ['#f=sin(x*y)*cos(x*y)&cse=1', ['sin(x*y)*cos(x*y)', '--cse']],
    ['#f=x*w^2%2Bb^2&hessian=1', ['x*w^2+b^2', '--hessian']],
    // The point as the fields give it: in the variables' order.
    ['#f=1/2*(w*x%2Bb-y)^2&wrt=w&at=w=4,x=10,b=5,y=50&check=-5', ['1/2*(w*x+b-y)^2', '--wrt', 'w', '--at', 'w=4,x=10,b=5,y=50', '--check', '-5']],
    ['#f=1/2*(w*x%2Bb-y)^2&wrt=w,b&at=x=10,y=50,w=4,b=5&sgd=0.01&stepsN=3', ['1/2*(w*x+b-y)^2', '--wrt', 'w,b', '--at', 'x=10,y=50,w=4,b=5', '--sgd', '0.01', '--steps-n', '3']],
    ['#f=sin(x%2Bx^2)&steps=full&name=g', ['sin(x+x^2)', '--steps', 'full', '--name', 'g']],
    [`#f=${q(NETWORK)}&wrt=w1,b2&at=x=2,y=10,w1=3,b1=1,w2=2,b2=0&steps=brief`, [NETWORK, '--wrt', 'w1,b2', '--at', 'x=2,y=10,w1=3,b1=1,w2=2,b2=0', '--steps']],
    [`#f=${q(NETWORK)}&expand=1&of=h`, [NETWORK, '--expand', '--of', 'h']],
    [`#f=mean((X*w%2Bb-y)^2)&shape=X=n%C3%97d,w=d,y=n&wrt=w&at=${q(MATRIX_POINT)}`, ['mean((X*w+b-y)^2)', '--shape', 'X=n×d,w=d,y=n', '--wrt', 'w', '--at', MATRIX_POINT]],
    // The case: a program in matrix form (it was UNSUPPORTED here while the CLI answered it).
    [`#f=${q(MATRIX_PROGRAM)}&shape=X=n%C3%97d,w=d,y=n&wrt=w,b&at=${q(MATRIX_POINT)}`, [MATRIX_PROGRAM, '--shape', 'X=n×d,w=d,y=n', '--wrt', 'w,b', '--at', MATRIX_POINT]],
    [`#f=${q(MATRIX_PROGRAM)}&shape=X=n%C3%97d,w=d,y=n&steps=brief`, [MATRIX_PROGRAM, '--shape', 'X=n×d,w=d,y=n', '--steps']],
    ['#f=3', ['3']],
  ])('%s -> what deriv %j prints', async (hash, argv) => {
    const v = view(hash);
    const expected = await cli(argv);
    expect(v.text).toBe(expected.out);
    expect(v.document?.exitCode ?? 0).toBe(expected.code);
  });

  it.each([
    ['#f=x*w^2%2Bb^2&wrt=w', ['x', 'w', 'b']],
    [`#f=${q('L = 1/2*(w*x+b-y)^2')}&wrt=w`, ['w', 'x', 'b', 'y']],
    [`#f=${q(NETWORK)}`, ['w1', 'x', 'b1', 'w2', 'b2', 'y']],
    [`#f=${q(MATRIX_PROGRAM)}&shape=X=n%C3%97d,w=d,y=n`, ['X', 'w', 'b', 'y']],
    ['#f=mean((X*w%2Bb-y)^2)&shape=X=n%C3%97d,w=d,y=n', ['X', 'w', 'b', 'y']],
  ])('%s -> the variables to choose from %j', (hash, variables) => {
    expect(view(hash).variables).toEqual(variables);
  });

  it('wrt names that no longer occur (the input was edited) fall back to the gradient; every toggle off stays off', () => {
    expect(view('#f=sin(x)*y&wrt=w').wrt).toEqual(['x', 'y']);
    expect(view('#f=sin(x)*y&wrt=w,y').wrt).toEqual(['y']);
    const none = view('#f=sin(x)*y&wrt=');
    expect(none.wrt).toEqual([]);
    expect(none.message).toMatch(/choose a variable/);
  });

  it('the copy buttons give what the CLI prints in LaTeX, as a Markdown note and as text', async () => {
    const hash = `#f=${q('L = 1/2*(w*x+b-y)^2')}&wrt=w&steps=brief`;
    const argv = ['L = 1/2*(w*x+b-y)^2', '--wrt', 'w', '--steps'];
    const v = view(hash);
    expect(v.copy.latex()).toBe((await cli([...argv, '--format', 'latex'])).out);
    expect(v.copy.markdown()).toBe((await cli([...argv, '--format', 'markdown'])).out);
    expect(v.copy.text()).toBe((await cli(argv)).out);
  });

  it.each([
    ['#f=sin(x^2', 'f', 'PARSE', 3],
    ['#f=x*y&at=x=1,y=2/', 'at', 'BAD_OPTION', undefined],
    ['#f=mean(X*w)&shape=X=n×', 'shape', undefined, undefined],
    ['#f=sin(x)&order=two', 'options', 'BAD_OPTION', undefined],
    ['#f=x^2&expand=1', 'options', 'BAD_OPTION', undefined], // --expand is for programs: refused by rule, as on the command line
    ['#f=z%3Dw*x%2Bb;L%3D(z-y)^2/2&shape=X=n%C3%97d,w=d,y=n', 'f', 'SHAPE', undefined], // a shapes field left from another example
  ])('%s -> an error in the %s field (%s)', (hash, field, code, position) => {
    const o = compute(parseHash(hash));
    const error = o.ok ? o.view.valuesError : o.error;
    expect(error?.field).toBe(field);
    if (code !== undefined) expect(error?.code).toBe(code);
    if (position !== undefined) expect(error?.position).toBe(position);
  });

  it('a point that does not read leaves the answer without values, and the error under the point', () => {
    const v = view('#f=x*y&at=x=1,y=2/');
    expect(v.valuesError?.field).toBe('at');
    expect(v.text).toBe('∂/∂x = y\n∂/∂y = x');
  });

  it('a program\'s note shows its gradient in the inputs (made when the note is rendered)', () => {
    const titles = view(`#f=${q(NETWORK)}`).document!.sections.map((s) => (typeof s.title === 'string' ? s.title : s.title?.text));
    expect(titles).toContain('Gradient in terms of the inputs');
  });

  it('plots scalar functions and programs, not matrix form', () => {
    expect(view('#f=x*w^2%2Bb^2').plot?.().derivative('w')).toEqual(derivative(parse('x*w^2+b^2'), 'w').expr);
    expect(view(`#f=${q(NETWORK)}`).plot?.().name).toBe('L');
    expect(view(`#f=${q(MATRIX_PROGRAM)}&shape=X=n%C3%97d,w=d,y=n`).plot).toBeUndefined();
    expect(view('#f=3').plot).toBeUndefined();
  });
});

describe('plot sampling: gaps only where the function really breaks', () => {
  const sampled = (f: string, lo: number, hi: number, wrt = 'x') => {
    const e = parse(f);
    return plotData({ f: e, df: derivative(e, wrt).expr, variable: wrt, others: new Map(), lo, hi, at: undefined });
  };
  const pieces = (s: { ys: readonly number[]; breaks: readonly number[] }): number =>
    s.ys.filter((y, i) => !Number.isNaN(y) && (i === 0 || Number.isNaN(s.ys[i - 1]!) || s.breaks.includes(i))).length;

  it.each([
    ['x^2', -3, 3, 1, 1],
    ['tanh(40*x)', -1.01, 1, 1, 1], // steep but continuous: one line each
    ['abs(x)', -2.01, 2, 1, 2], // a kink: f one line, f' steps
    ['max(0,x)', -2.01, 2, 1, 2],
    ['1/x', -2.01, 2, 2, 2], // odd and even poles
    ['1/(x^2)', -2.01, 2, 2, 2],
    ['tan(x)', -4, 4, 3, 3],
    ['log(x)', -2, 2, 1, 1], // not real for x ≤ 0: a gap, then one line; f' only where f is real
    ['log(x^2)', -2.01, 2, 2, 2], // an even logarithmic pole
    ['sign(x)', -2.01, 2, 2, 1], // a step; deriv's derivative is 0
  ])('%s on [%d, %d] -> f in %d piece(s), f\' in %d', (f, lo, hi, fPieces, dfPieces) => {
    const d = sampled(f, lo, hi);
    expect(pieces(d.f)).toBe(fPieces);
    expect(pieces(d.df)).toBe(dfPieces);
  });

  it('jumps(): a continuous function never jumps, a step always does', () => {
    fc.assert(
      // Intervals as the plot's grid makes them: a 300th of a range over which sin(3x)*5 spans about 10.
      fc.property(fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: 0.001, max: 0.02, noNaN: true }), (a, h) => {
        const smooth = (x: number): number => Math.sin(3 * x) * 5;
        expect(jumps(smooth, a, a + h, smooth(a), smooth(a + h), 0.05)).toBe(false);
        const c = a + h / 3;
        const step = (x: number): number => (x < c ? 0 : 1);
        expect(jumps(step, a, a + h, step(a), step(a + h), 0.05)).toBe(true);
      }),
    );
  });

  it('grid: n + 1 points from lo to hi exactly', () => {
    const g = grid(-1, 2, 30);
    expect(g).toHaveLength(31);
    expect([g[0], g[30]]).toEqual([-1, 2]);
  });

  it('the SVG carries the samples it draws, and no line reaches across 1/x\'s pole', () => {
    const d = sampled('1/x', -2.01, 2);
    const svg = plotSvg(d, { f: 'f', df: '∂f/∂x' });
    expect(svg).toContain(`data-xs="${JSON.stringify(d.f.xs)}"`);
    expect((/data-series="f"[^>]* d="([^"]*)"/.exec(svg)![1]!.match(/M/g) ?? []).length).toBe(2);
    expect(sample((x) => 1 / x, grid(-1.01, 1, 10)).breaks).toHaveLength(1);
  });
});

describe('nice ticks', () => {
  it.each([
    [0, 10, 6, [0, 2, 4, 6, 8, 10]],
    [-5, 5, 6, [-4, -2, 0, 2, 4]],
    [0.1, 0.7, 6, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]],
    [-32.3, 4.97, 6, [-30, -25, -20, -15, -10, -5, 0]],
  ])('ticks(%d, %d, %d) -> %j', (lo, hi, count, expected) => {
    expect(ticks(lo, hi, count)).toEqual(expected);
  });
  it('property: ticks lie in the range, evenly spaced, at most ~2.5 times the count', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 1e-6, max: 1e6, noNaN: true }), (lo, span) => {
        const t = ticks(lo, lo + span, 6);
        expect(t.length).toBeGreaterThanOrEqual(2);
        expect(t.length).toBeLessThanOrEqual(15);
        for (const v of t) expect(v >= lo - span * 1e-9 && v <= lo + span + span * 1e-9).toBe(true);
      }),
    );
  });
  it.each([[0, '0'], [-2, '−2'], [0.5, '0.5'], [2e6, '2e6'], [-1.5e-5, '−1.5e-5']])('tickLabel(%d) -> %s', (v, label) => {
    expect(tickLabel(v)).toBe(label);
  });
});

describe('the built page', () => {
  it('is one file: KaTeX fonts as data: URLs, the script inline, a CSP that allows no network, no Node built-ins', async () => {
    const html = await buildPlayground(ROOT);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain("connect-src 'none'");
    expect(html).toMatch(/src:url\(data:font\/woff2;base64,/);
    expect(html).not.toMatch(/url\((?!data:|#)/); // every url() is inline (or a reference inside the page)
    // No element loads anything (the script's own text, KaTeX's included, is left out of this check; the CSP covers it).
    const markup = html.replace(/<script>[\s\S]*?<\/script>/g, '<script></script>');
    expect(markup).not.toMatch(/<(script|link|img|iframe)\b[^>]*\s(src|href)=/);
    expect(html).not.toMatch(/\brequire\(/);
    expect(html).not.toContain('/*SCRIPT*/');
    expect(html.length).toBeLessThan(1_200_000);
  });
});

describe('deriv --playground', () => {
  const io = (out: string[], err: string[]): CliIO => ({ stdout: (s) => out.push(s), stderr: (s) => err.push(s), readStdin: () => Promise.resolve(''), stdinIsTTY: true, color: false });

  it('copies the built page and prints a file:// link opening it on the expression', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'deriv-playground-'));
    try {
      const built = path.join(dir, 'built.html');
      writeFileSync(built, '<!DOCTYPE html><p>page</p>');
      const made = writePlayground({ output: path.join(dir, 'p.html'), expression: 'x*w^2+b^2', options: { wrt: ['w'], at: 'x=1,w=2,b=3' } }, [path.join(dir, 'missing.html'), built]);
      expect(made.ok).toBe(true);
      if (!made.ok) return;
      expect(readFileSync(made.file, 'utf8')).toBe('<!DOCTYPE html><p>page</p>');
      expect(made.url).toBe(`${pathToFileURL(path.join(dir, 'p.html')).href}#f=x*w^2%2Bb^2&wrt=w&at=x=1,w=2,b=3`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without a built page: NOT_BUILT, exit 66, and the command that builds it', () => {
    const made = writePlayground({ output: path.join(tmpdir(), 'never.html') }, ['/nonexistent/playground.html']);
    expect(made).toEqual({ ok: false, looked: ['/nonexistent/playground.html'] });
    expect(NOT_BUILT_EXIT).toBe(66);
  });

  it('from src, the page is looked for in dist/', () => {
    expect(playgroundCandidates()).toContain(path.join(ROOT, 'dist', 'playground.html'));
  });

  // dist/ is built before the tests (npm install and CI run npm run build; test/bin.test.ts checks it).
  it('run --playground -o FILE (in-process, from src) writes dist/playground.html there', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'deriv-playground-'));
    try {
      const out: string[] = [], err: string[] = [];
      const file = path.join(dir, 'page.html');
      expect(await run(['sin(x)', '--playground', '-o', file], io(out, err))).toBe(0);
      // Buffer.equals: vitest's toEqual walks an 830 kB buffer byte by byte in its generic comparison (~4 s).
      expect(readFileSync(file).equals(readFileSync(path.join(ROOT, 'dist', 'playground.html')))).toBe(true);
      expect(out.join('\n')).toBe(`wrote ${file}\nopen ${pathToFileURL(file).href}#f=sin(x)`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the bundle (bin/deriv.cjs → dist/cli.cjs) finds the page beside it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'deriv-playground-'));
    try {
      const stdout = execFileSync(process.execPath, [path.join(ROOT, 'bin', 'deriv.cjs'), '--playground'], { cwd: dir, encoding: 'utf8' });
      expect(stdout).toContain(`wrote ${path.join(dir, 'playground.html')}`);
      expect(readFileSync(path.join(dir, 'playground.html')).equals(readFileSync(path.join(ROOT, 'dist', 'playground.html')))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
