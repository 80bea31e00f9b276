/**
 * The `deriv` command in-process: `run(argv, io)` with a fake io that records
 * stdout and stderr. Formats, gradients, higher-order and mixed partials,
 * stdin, --help/--version, and errors (stderr only, a caret under the input,
 * a non-zero exit code, never a stack trace).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import katex from 'katex';
import { deriv } from './helpers/cli.js';
import { derivative } from '../src/index.js';

describe('text output', () => {
  it.each([
    [['x*w^2+b^2', '--wrt', 'w'], '2*x*w'],
    [['x*w^2+b^2', '-w', 'b'], '2*b'],
    [['1/2*(w*x+b-y)^2', '--wrt', 'w,b'], '∂/∂w = x*(w*x + b - y)\n∂/∂b = w*x + b - y'],
    [['x*w^2+b^2'], '∂/∂x = w^2\n∂/∂w = 2*x*w\n∂/∂b = 2*b'],
    [['x*w^2+b^2', '--wrt', 'b, w'], '∂/∂b = 2*b\n∂/∂w = 2*x*w'],
    [['x^3', '--wrt', 'x', '--order', '2'], '6*x'],
    [['x^3', '--wrt', 'x', '-n', '3'], '6'],
    [['x^2*y^3', '--wrt', 'x,y', '--mixed'], '6*x*y^2'],
    [['x^2*y^3', '--wrt', 'y,x', '--mixed'], '6*x*y^2'],
    [['x^2*y^3', '--wrt', 'x,y', '--order', '2'], '∂²/∂x² = 2*y^3\n∂²/∂y² = 6*x^2*y'],
    [['-x^2', '--wrt', 'x'], '-2*x'],
    [['--wrt', 'x', '--', '-x^3'], '-3*x^2'],
    [['2x', '--wrt=x'], '2'],
  ])('deriv %j -> %j', async (argv, expected) => {
    const r = await deriv(argv);
    expect(r).toEqual({ code: 0, stdout: expected, stderr: '' });
  });

  it('--order 2 gives the library second derivative', async () => {
    const r = await deriv(['sin(x^2)', '--wrt', 'x', '--order', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(derivative('sin(x^2)', ['x', 'x']).toString());
  });
});

describe('--format latex', () => {
  it.each([
    [['1/2*(w*x+b-y)^2', '--wrt', 'w', '--format', 'latex', '--name', 'L'], '\\frac{\\partial L}{\\partial w} = x \\left(w x + b - y\\right)'],
    [['x*w^2+b^2', '--wrt', 'w', '-f', 'latex'], '\\frac{\\partial f}{\\partial w} = 2 x w'],
    [['x^3', '--wrt', 'x', '--order', '2', '-f', 'latex'], '\\frac{\\partial^{2} f}{\\partial x^{2}} = 6 x'],
    [['x^2*y^3', '--wrt', 'x,y', '--mixed', '-f', 'latex'], '\\frac{\\partial^{2} f}{\\partial x \\, \\partial y} = 6 x y^{2}'],
    [['x*w^2+b^2', '--wrt', 'w,b', '-f', 'latex', '--name', 'L'], '\\nabla_{w,b} L = \\left( 2 x w, 2 b \\right)'],
    [['sigmoid(w*x+b)', '--wrt', 'b', '-f', 'latex', '--name', 'sigma'], '\\frac{\\partial \\sigma}{\\partial b} = \\left(1 - \\sigma\\left(w x + b\\right)\\right) \\sigma\\left(w x + b\\right)'],
  ])('deriv %j -> %s', async (argv, expected) => {
    const r = await deriv(argv);
    expect(r).toEqual({ code: 0, stdout: expected, stderr: '' });
    for (const line of r.stdout.split('\n')) expect(() => katex.renderToString(line, { throwOnError: true })).not.toThrow();
  });
});

describe('--format json', () => {
  it('a gradient: input, wrt, derivatives[].wrt/text/latex', async () => {
    const r = await deriv(['x*w^2+b^2', '--wrt', 'w,b', '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(json).toMatchObject({
      input: 'x*w^2+b^2',
      wrt: ['w', 'b'],
      derivatives: [
        { wrt: 'w', text: '2*x*w', latex: '2 x w' },
        { wrt: 'b', text: '2*b', latex: '2 b' },
      ],
    });
  });

  it('one variable, and every variable by default', async () => {
    const one = JSON.parse((await deriv(['y*log(x*w+b)', '--wrt', 'b', '-f', 'json'])).stdout) as { wrt: string[]; derivatives: unknown[] };
    expect(one).toMatchObject({ input: 'y*log(x*w+b)', wrt: ['b'], derivatives: [{ wrt: 'b', text: 'y/(x*w + b)', latex: '\\frac{y}{x w + b}' }] });
    const all = JSON.parse((await deriv(['y*log(x*w+b)', '-f', 'json'])).stdout) as { wrt: string[]; derivatives: { wrt: string }[] };
    expect(all.wrt).toEqual(['y', 'x', 'w', 'b']);
    expect(all.derivatives.map((d) => d.wrt)).toEqual(['y', 'x', 'w', 'b']);
  });

  it('prints exactly one JSON document', async () => {
    const r = await deriv(['x^2', '-f', 'json']);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(() => JSON.parse(r.stdout) as unknown).not.toThrow();
  });
});

describe('stdin', () => {
  it.each([
    ['-', ['-', '--wrt', 'x']],
    ['piped, no expression argument', ['--wrt', 'x']],
  ])('%s', async (_how, argv) => {
    expect(await deriv(argv, { stdin: 'x^3\n' })).toEqual({ code: 0, stdout: '3*x^2', stderr: '' });
  });

  it('one expression per line, in order', async () => {
    const r = await deriv(['--wrt', 'x'], { stdin: 'x^3\n\nsin(x)\r\n' });
    expect(r).toEqual({ code: 0, stdout: '3*x^2\ncos(x)', stderr: '' });
  });

  it('no expression on a terminal is a usage error, not a hang', async () => {
    const r = await deriv(['--wrt', 'x']);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Usage');
  });

  it('empty stdin is a PARSE error', async () => {
    const r = await deriv(['--wrt', 'x'], { stdin: '' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('PARSE');
  });
});

describe('--help and --version', () => {
  it('--help leads with examples and exits 0', async () => {
    const r = await deriv(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout.trimStart().split('\n')[0]).toBe('Examples:');
    expect(r.stdout).toContain('deriv "x*w^2+b^2" --wrt w');
    expect(r.stdout).toContain('Usage: deriv');
    expect(r.stdout).toMatch(/--wrt/);
  });

  it('--version is the package.json version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const r = await deriv([flag]);
      expect(r).toEqual({ code: 0, stdout: pkg.version, stderr: '' });
    }
  });
});

describe('errors: stderr, a caret under the input, a non-zero exit code, no stack trace', () => {
  /** [argv, exit code, error code, caret position in the input (undefined: no caret)] */
  it.each([
    [['x^', '--wrt', 'x'], 2, 'PARSE', 2],
    [['2*/x', '--wrt', 'x'], 2, 'PARSE', 2],
    [['sin x'], 2, 'PARSE', 0],
    [['(x+1', '--wrt', 'x'], 2, 'PARSE', 0],
    [['x+1)', '--wrt', 'x'], 2, 'PARSE', 3],
    [['foo(x)', '--wrt', 'x'], 2, 'UNKNOWN_FUNCTION', 0],
    [['x + sin(x, y)', '--wrt', 'x'], 2, 'ARITY', 4],
    [['[1,2]'], 2, 'UNSUPPORTED', 0],
    [['x==1'], 2, 'UNSUPPORTED', 1],
    [['x=1'], 2, 'BAD_VARIABLE', 0], // a program (see program-cli.test.ts) whose function has no inputs
    [['x', '--wrt', '2x'], 2, 'BAD_VARIABLE', 0],
    [['x', '--wrt', 'x,,y'], 2, 'BAD_VARIABLE', 2],
    [['x', '--wrt', 'sin'], 2, 'BAD_VARIABLE', 0],
    [['x', '--order', 'two'], 2, 'BAD_OPTION', undefined],
    [['x^2', '--max-length', '2'], 3, 'TOO_LARGE', undefined],
    [['w/(y-y)', '--wrt', 'w'], 4, 'UNDEFINED', 1],
  ] as const)('deriv %j -> exit %i, %s', async (argv, exit, code, caret) => {
    const r = await deriv(argv);
    expect(r.code).toBe(exit);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(code);
    expect(r.stderr).not.toMatch(/^\s{4}at /m);
    const lines = r.stderr.split('\n');
    const caretLine = lines.findIndex((l) => /^\s*\^\s*$/.test(l));
    if (caret === undefined) {
      expect(caretLine).toBe(-1);
      return;
    }
    expect(caretLine).toBeGreaterThan(0);
    // The line above the caret is the input (indented by 2); the caret sits under character `caret`.
    const shown = lines[caretLine - 1]!;
    const indent = shown.length - shown.trimStart().length;
    expect(lines[caretLine]!.indexOf('^') - indent).toBe(caret);
  });

  it.each([
    [['x', '--format', 'xml']],
    [['x', '--bogus']],
    [['x', '--order']],
  ])('option errors from commander: deriv %j -> exit 2, message on stderr', async (argv) => {
    const r = await deriv(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/error/);
    expect(r.stderr).not.toMatch(/^\s{4}at /m);
  });

  it('colour only when asked for (a TTY without NO_COLOR)', async () => {
    expect((await deriv(['x^'], { color: false })).stderr).not.toContain('\u001b[');
    expect((await deriv(['x^'], { color: true })).stderr).toContain('\u001b[');
  });
});
