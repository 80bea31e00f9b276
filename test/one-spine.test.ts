/**
 * The rows of issue 22's table, as a user meets them on the command line: each behaves the same in every mode
 * and front end, or is refused with a coded reason. (The combination test checks every option × mode × format;
 * these are the cases the issue names, with their expected output. Generated code's parameters:
 * code-parameters.test.ts; a --wrt name that does not occur: missing-wrt.test.ts; the playground: playground*.test.ts;
 * the library's results: library-results.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { deriv } from './helpers/cli.js';
import { answer, DerivError } from '../src/index.js';

const PROGRAM = 'z = w*x + b; L = (z - y)^2/2';
const same = async (a: readonly string[], b: readonly string[]): Promise<void> => {
  const [ra, rb] = [await deriv(a), await deriv(b)];
  expect(ra.code).toBe(0);
  expect(ra).toEqual(rb);
};

describe('issue 22: one request, read the same way everywhere', () => {
  it.each([
    ['--steps full is --steps=full', ['x^2*y', '--wrt', 'x', '--steps', 'full'], ['x^2*y', '--wrt', 'x', '--steps=full']],
    ['a bare --steps is brief, and never takes the expression', ['--steps', 'x^2*y', '--wrt', 'x'], ['x^2*y', '--wrt', 'x', '--steps=brief']],
    ['--wrt given twice adds the lists', ['x*w^2+b^2', '--wrt', 'w', '--wrt', 'b'], ['x*w^2+b^2', '--wrt', 'w,b']],
    ['--wrt twice, on a program too', [PROGRAM, '--wrt', 'w', '--wrt', 'b'], [PROGRAM, '--wrt', 'w,b']],
    ['a full-width comma in --wrt, for an expression', ['x*w^2+b^2', '--wrt', 'w，b'], ['x*w^2+b^2', '--wrt', 'w,b']],
    ['a full-width comma in --wrt, for a program', [PROGRAM, '--wrt', 'w，x'], [PROGRAM, '--wrt', 'w,x']],
  ])('%s', async (_, a, b) => {
    await same(a, b);
  });

  it('deriv help prints the help (deriv -- help differentiates a variable named help)', async () => {
    const help = await deriv(['help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Examples:/);
    expect(help.stdout).toContain('--wrt <vars>');
    expect((await deriv(['--', 'help'])).stdout).toBe('∂/∂help = 1');
  });

  it.each([
    ['an expression', ['x*w^2+b^2', '--wrt', 'w,,b']],
    ['a program', [PROGRAM, '--wrt', 'w,,x']],
  ])('an empty name in --wrt, for %s: BAD_VARIABLE with the caret in the --wrt text', async (_, argv) => {
    const r = await deriv(argv);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').slice(0, 3)).toEqual(['error BAD_VARIABLE: --wrt has an empty name', `  ${argv[2]}`, '    ^']);
  });

  it('--no-simplify works on a program: the raw adjoints', async () => {
    const raw = await deriv([PROGRAM, '--no-simplify', '--wrt', 'y']);
    expect(raw.stdout).toBe('∂L/∂y = -(z - y)');
    expect((await deriv([PROGRAM, '--wrt', 'y'])).stdout).toBe('∂L/∂y = y - z');
  });

  it.each([
    ['--no-simplify in matrix form', ['mean((X*w - y)^2)', '--shape', 'X=n×d,w=d,y=n', '--no-simplify'], /^error BAD_OPTION: --no-simplify does not apply to matrix form/],
    ['--cse on a program', [PROGRAM, '--cse'], /^error BAD_OPTION: --cse does not apply to a program\nhint: a program names its shared pieces already/],
    ['--expand on an expression', ['x^2', '--expand'], /^error BAD_OPTION: --expand does not apply to/],
    ['--name contradicting a program\'s L = …', [PROGRAM, '--name', 'g'], /^error BAD_OPTION: the program's function is L/],
  ])('%s is refused with the reason', async (_, argv, message) => {
    const r = await deriv(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('a program in --batch is answered as on the command line', async () => {
    const r = await deriv(['--batch'], { stdin: `${JSON.stringify({ expr: PROGRAM, wrt: 'w,b', at: { w: 1, x: 2, b: 3, y: 4 } })}\n` });
    expect(r.code).toBe(0);
    const answer = JSON.parse(r.stdout) as { backward: { name: string; value: number }[] };
    expect(answer.backward.map((l) => [l.name, l.value])).toEqual([['z', 1], ['w', 2], ['b', 1]]);
  });

  it('the library takes a request by its fields, as --batch does, and answers as the command line (docs/library.md)', async () => {
    const a = answer({ expr: PROGRAM, wrt: 'w,b', at: { w: 1, x: 2, b: 3, y: 4 } });
    expect(a.mode).toBe('program');
    expect(String(a)).toBe((await deriv([PROGRAM, '--wrt', 'w,b', '--at', 'w=1,x=2,b=3,y=4'])).stdout);
    expect(a.render('latex')).toBe((await deriv([PROGRAM, '--wrt', 'w,b', '--at', 'w=1,x=2,b=3,y=4', '--format', 'latex'])).stdout);
    expect(String(a)).toContain('∂L/∂w = x*∂L/∂z = 2');
    let error: unknown;
    try {
      answer({ expr: 'x^2', expand: true });
    } catch (e) {
      error = e;
    }
    expect(error instanceof DerivError && error.code).toBe('BAD_OPTION');
    expect((error as Error).message).toBe('--expand does not apply to a gradient');
  });
});
