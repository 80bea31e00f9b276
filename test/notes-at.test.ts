/**
 * Notes with values at a point (issue 23): a note read later says where its numbers were taken, shows the input
 * with its name, and never repeats a number as its own value (`∂A/∂b = 1 = 1`).
 */
import { describe, expect, it } from 'vitest';
import { deriv } from './helpers/cli.js';

const AT = ['--at', 'x=10,y=50,w=4,b=5'];
const POINT_TEX = '\\text{at } x = 10,\\ y = 50,\\ w = 4,\\ b = 5';

describe('a note at a point states the point', () => {
  it.each([
    ['an expression', ['L = (w*x + b - y)^2', '--wrt', 'w,b', ...AT]],
    ['an expression with steps', ['L = (w*x + b - y)^2', '--wrt', 'w,b', '--steps', ...AT]],
    ['a check', ['L = (w*x + b - y)^2', '--wrt', 'w', '--check', '2*x*(w*x + b - y)', ...AT]],
    ['gradient descent', ['L = (w*x + b - y)^2', '--wrt', 'w,b', '--sgd', '0.01', ...AT]],
    ['a Hessian', ['L = (w*x + b - y)^2', '--wrt', 'w,b', '--hessian', ...AT]],
    ['a program', ['z = w*x + b; L = (z - y)^2', '--wrt', 'w,b', ...AT]],
  ])('%s -> the Input section has the point, in Markdown and HTML', async (_, args) => {
    const md = await deriv([...args, '--format', 'markdown']);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain(POINT_TEX);
    const html = await deriv([...args, '--format', 'html']);
    expect(html.code).toBe(0);
    expect(html.stdout).toContain(`<annotation encoding="application/x-tex">${POINT_TEX}</annotation>`);
  });

  it('a matrix gradient at a point -> the point with its matrices', async () => {
    const r = await deriv(['sum((X*w - y).^2)', '--shape', 'X=n×d,w=d,y=n', '--wrt', 'w', '--at', 'X=[[1,2],[3,4]],w=[1,1],y=[1,2]', '--format', 'markdown']);
    expect(r.stdout).toContain('\\text{at } X = \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}');
  });

  it('L = … as typed -> the Input section is typeset with its name', async () => {
    const r = await deriv(['L = (w*x + b - y)^2', '--wrt', 'w', ...AT, '--format', 'markdown']);
    expect(r.stdout).toMatch(/^\*\*Input\*\*\n\n\$\$\nL = \\left\(w x \+ b - y\\right\)\^\{2\}\n\$\$\n\n`\(w\*x \+ b - y\)\^2`/);
  });
});

describe('a number is not repeated as its own value', () => {
  it.each([
    ['x + y --at x=2,y=3 -> ∂/∂x = 1', ['x + y', '--at', 'x=2,y=3'], /^∂\/∂x = 1$/m],
    ['x/3 + y --steps -> ∂f/∂x = 1/3', ['x/3 + y', '--wrt', 'x', '--steps', '--at', 'x=2,y=3'], /^∂f\/∂x = 1\/3$/m],
    ['the step ∂A/∂b = 1', ['L = (w*x + b - y)^2', '--wrt', 'b', '--steps', ...AT], /^1\. ∂A\/∂b = 1$/m],
    ['a program adjoint that is a number', ['z = w*x + b; L = (z - y)^2', '--wrt', 'q', ...AT], /^ {2}∂L\/∂q = 0$/m],
  ])('%s', async (_, args, line) => {
    const r = await deriv(args);
    expect(r.stdout).toMatch(line);
    expect(r.stdout).not.toMatch(/= (\S+) = \1$/m);
  });

  it('an expression keeps its value: ∂/∂x = 2*x = 4', async () => {
    const r = await deriv(['x^2', '--at', 'x=2']);
    expect(r.stdout).toContain('∂/∂x = 2*x = 4');
  });
});
