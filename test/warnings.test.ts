/**
 * Misread input says so: a --wrt name that does not occur (with did-you-mean), an expression without
 * variables, implicit multiplication people misread, names that look like products, d/dx.
 * CLI: the result on stdout, a warning on stderr, exit 0; JSON and library results carry `warnings`.
 */
import { describe, expect, it } from 'vitest';
import { derivative, gradient, DerivError } from '../src/index.js';
import { deriv } from './helpers/cli.js';
import { runs } from './helpers/run-seed.js';

describe('CLI warnings (stdout unchanged, a warning with the reason on stderr)', () => {
  it.each([
    [['xw + b', '--wrt', 'w,b'], '∂/∂w = 0\n∂/∂b = 1', 'did you mean x*w?'],
    [['wx + b', '--wrt', 'w'], '0', 'did you mean w*x?'],
    [['w1x + b', '--wrt', 'w1'], '0', 'did you mean w1*x?'],
    [['x^2', '--wrt', 'X'], '0', 'did you mean x? names are case-sensitive'],
    [['relu(x)', '--wrt', 'y'], '0', 'y does not occur in the expression (its variables: x)'],
    [['5', '--wrt', 'x'], '0', 'the expression has no variables'],
    [['xe^w + e^b'], '∂/∂xe = xe^(w - 1)*w\n∂/∂w = xe^w*log(xe)\n∂/∂b = exp(b)', "'xe' is one variable named xe, not x*e"],
    [['d/dx x^2'], '∂/∂d = 1/(dx*x^2)\n∂/∂dx = -d/(dx^2*x^2)\n∂/∂x = -2*d/(dx*x^3)', 'give the function only and the variable with --wrt x'],
    [['1/2x', '--wrt', 'x'], '1/2', '1/2x is read as 1/2*x, that is x/2'],
    [['2x^2y'], '∂/∂x = 4*x*y\n∂/∂y = 2*x^2', 'x^2y is read as x^2*y'],
    [['x/2y', '--wrt', 'y'], '-x/(2*y^2)', 'x/2y is read as x/(2*y)'],
    [['1/2×(45-50)²'], '25/2', 'the expression has no variables: printed its value'],
  ])('deriv %j -> %j, warns %j', async (argv, stdout, warning) => {
    const r = await deriv(argv);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(stdout);
    expect(r.stderr).toContain('warning: ');
    expect(r.stderr).toContain(warning);
  });

  it.each([
    [['x*w + b', '--wrt', 'w,b']],
    [['x^2 y', '--wrt', 'x']],
    [['x²y', '--wrt', 'x']],
    [['1/(2x)', '--wrt', 'x']],
    [['exp(x)', '--wrt', 'x']],
    [['beta*x', '--wrt', 'x']],
  ])('deriv %j -> no warning', async (argv) => {
    const r = await deriv(argv);
    expect(r).toMatchObject({ code: 0, stderr: '' });
  });

  it('points a caret at the place, with a 1-based column', async () => {
    const r = await deriv(['2x^2y']);
    expect(r.stderr.split('\n').slice(1, 4)).toEqual(['  2x^2y', '     ^', '  at column 4']);
  });

  it('JSON carries the warnings (code, message, 0-based position, hint) and an empty list when there are none', async () => {
    const w = JSON.parse((await deriv(['xw + b', '--wrt', 'w', '-f', 'json'])).stdout) as { warnings: { code: string; hint: string }[] };
    expect(w.warnings.map((x) => x.code)).toEqual(['WRT_NOT_FOUND']);
    expect(w.warnings[0]!.hint).toContain('x*w');
    const n = JSON.parse((await deriv(['1/2x', '--wrt', 'x', '-f', 'json'])).stdout) as { warnings: { code: string; position: number }[] };
    expect(n.warnings).toMatchObject([{ code: 'IMPLICIT_MULTIPLICATION', position: 0 }]);
    const none = await deriv(['x^2', '--wrt', 'x', '-f', 'json']);
    expect(JSON.parse(none.stdout)).toMatchObject({ warnings: [] });
    expect(none.stderr).toBe('');
  });

  it('JSON of --at and --check carries the warnings too', async () => {
    const at = JSON.parse((await deriv(['xw + b', '--wrt', 'w', '--at', 'xw=1,b=2', '-f', 'json'])).stdout) as { warnings: { code: string }[] };
    expect(at.warnings.map((w) => w.code)).toEqual(['WRT_NOT_FOUND']);
    const ok = JSON.parse((await deriv(['x^2', '--wrt', 'x', '--check', '2*x', '-f', 'json'])).stdout) as { warnings: unknown[] };
    expect(ok.warnings).toEqual([]);
  });

  it('a constant in JSON: its value and NO_VARIABLES, no invented x', async () => {
    const r = await deriv(['1/2*(45-50)^2', '-f', 'json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ wrt: [], derivatives: [], value: 12.5, exact: '25/2', warnings: [{ code: 'NO_VARIABLES' }] });
    expect((await deriv(['1/2*(45-50)^2', '-f', 'latex'])).stdout).toBe('\\frac{25}{2}');
  });

  it.each([[['3', '--format', 'markdown']], [['3', '--steps']], [['3', '--at', 'x=1']]])('a constant with %j is BAD_VARIABLE (exit 2)', async (argv) => {
    const r = await deriv(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error BAD_VARIABLE');
  });
});

describe('library warnings', () => {
  it.each([
    ['xw + b', 'w', ['WRT_NOT_FOUND']],
    ['x^2', 'X', ['WRT_NOT_FOUND']],
    ['1/2x', 'x', ['IMPLICIT_MULTIPLICATION']],
    ['x^2', 'x', []],
  ])('derivative(%j, %j).warnings -> %j', (text, wrt, codes) => {
    expect(derivative(text, wrt).warnings.map((w) => w.code)).toEqual(codes);
  });

  it('gradient collects its partials\' warnings once each; a constant gives NO_VARIABLES and no partials', () => {
    const g = gradient('xw + b', ['w', 'b', 'w']);
    expect(g.warnings.map((w) => w.code)).toEqual(['WRT_NOT_FOUND']);
    const c = gradient('1/2*(45-50)^2');
    expect(c.length).toBe(0);
    expect(c.warnings.map((w) => w.code)).toEqual(['NO_VARIABLES']);
  });

  it.each([
    ['null', () => derivative('x*y', null as unknown as string)],
    ['a number', () => derivative('x^2', 2 as unknown as string)],
    ['a list with a number', () => derivative('x^2', ['x', 1] as unknown as string[])],
    ['an object', () => derivative('x^2', {} as unknown as string)],
    ['gradient vars as text', () => gradient('x^2', 'x' as unknown as string[])],
  ])('wrong argument type (%s) -> DerivError BAD_VARIABLE', (_what, f) => {
    expect(f).toThrow(DerivError);
    try {
      f();
    } catch (e) {
      expect((e as DerivError).code).toBe('BAD_VARIABLE');
    }
  });
});

describe('property: WRT_NOT_FOUND exactly when the variable does not occur', () => {
  it('for random sums of products of names', async () => {
    const fc = (await import('fast-check')).default;
    const name = fc.constantFrom('x', 'y', 'w', 'b', 'xw', 'X', 'w1');
    fc.assert(
      fc.property(fc.array(fc.array(name, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }), name, (terms, wrt) => {
        const text = terms.map((t) => t.join('*')).join(' + ');
        const occurs = terms.some((t) => t.includes(wrt));
        const codes = derivative(text, wrt).warnings.map((w) => w.code);
        expect(codes.includes('WRT_NOT_FOUND')).toBe(!occurs);
      }),
      { numRuns: runs(200) },
    );
  });
});
