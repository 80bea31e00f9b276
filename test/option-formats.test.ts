/**
 * Every numeric option with every format: --at, --check, --sgd, --hessian and --jacobian print text,
 * LaTeX (KaTeX renders it), JSON, Markdown ($$ blocks and the text form) and HTML (a typeset page); a
 * combination that cannot work is a BAD_OPTION that says so. --steps with --at shows each step's value.
 * Values are readable: exact when short, exact and decimal when longer, only a decimal when too long.
 */
import { describe, expect, it } from 'vitest';
import katex from 'katex';
import { deriv } from './helpers/cli.js';
import { PointValue } from '../src/index.js';
import { valueSuffix, valueWithDecimal } from '../src/numeric/readable.js';
import { q } from '../src/core/rational.js';

const parseRational = (t: string) => { const [n, d] = t.split('/'); return q(BigInt(n!), BigInt(d ?? '1')); };

const SEED = '1/2*(w*x+b-y)^2';
const AT = 'x=10,y=50,w=4,b=5';
const MODES: readonly (readonly string[])[] = [
  [SEED, '--wrt', 'w,b', '--at', AT],
  [SEED, '--wrt', 'w', '--at', AT, '--check', '-5'],
  [SEED, '--wrt', 'w', '--check', 'x*(w*x+b-y)'],
  [SEED, '--wrt', 'w,b', '--at', AT, '--sgd', '0.01', '--steps-n', '2'],
  ['x*w^2+b^2', '--hessian', '--at', 'x=1,w=2,b=3'],
  ['x*y; x+y^2', '--jacobian'],
  [SEED, '--wrt', 'w', '--at', AT, '--steps'],
];

const render = (tex: string): string => katex.renderToString(tex, { throwOnError: true, displayMode: true });

describe('every numeric option with every format', () => {
  it.each(MODES)('%j: latex renders in KaTeX, markdown has $$ blocks and the text, html is a page, json parses', async (...argv) => {
    const text = await deriv(argv);
    const latex = await deriv([...argv, '-f', 'latex']);
    expect(latex.code).toBe(text.code);
    expect(latex.stdout).not.toBe(text.stdout);
    for (const block of latex.stdout.split(/\n\n/)) expect(() => render(block.includes('\\begin') ? block : block.split('\n').join(' \\\\ '))).not.toThrow();
    const md = await deriv([...argv, '-f', 'markdown']);
    expect(md.code).toBe(text.code);
    expect(md.stdout).toContain('$$\n');
    expect(md.stdout).toContain(text.stdout);
    const html = await deriv([...argv, '-f', 'html']);
    expect(html.code).toBe(text.code);
    expect(html.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.stdout).not.toContain('katex-error');
    const json = await deriv([...argv, '-f', 'json']);
    expect(() => JSON.parse(json.stdout) as unknown).not.toThrow();
  });

  it('--sgd --format latex is a table, not text', async () => {
    const r = await deriv([SEED, '--wrt', 'w,b', '--at', AT, '--sgd', '0.01', '-f', 'latex']);
    expect(r.stdout).toBe('\\begin{array}{r|cc|c}\n\\text{step} & w & b & f \\\\ \\hline\n0 & 4 & 5 & 12.5 \\\\\n1 & 4.5 & 5.05 & 0.00125\n\\end{array}');
  });

  it('--steps with --at: every line has its value at the point', async () => {
    const r = await deriv([SEED, '--wrt', 'w', '--at', AT, '--steps']);
    expect(r.stdout.split('\n')).toEqual([
      'f = (w*x + b - y)^2/2 = 25/2',
      'where A = w*x + b - y = -5',
      '1. ∂A/∂w = x = 10',
      '   sum rule, term by term; b and y do not depend on w',
      '2. ∂f/∂w = ∂/∂w [A^2/2] = x*A = -50',
      '   chain rule: outer ∂/∂A of A^2/2 is A, inner ∂A/∂w is x',
      '∂f/∂w = x*(w*x + b - y) = -50',
    ]);
    const json = JSON.parse((await deriv([SEED, '--wrt', 'w', '--at', AT, '--steps', '-f', 'json'])).stdout) as { derivatives: { steps: { value: string }[] }[] };
    expect(json.derivatives[0]!.steps.map((s) => s.value)).toEqual(['10', '-50']);
  });
});

describe('readable values', () => {
  it.each([
    ['-50', ' = -50'],
    ['25/2', ' = 25/2'],
    ['-7209/400', ' = -7209/400 = -18.0225'],
    ['123457/700', ' = 123457/700 ≈ 176.367'],
    ['8789518924904648/59604644775390625', ' ≈ 0.147464'],
  ])('%s -> %j', (exact, expected) => {
    const v = PointValue.exact(parseRational(exact));
    expect(valueSuffix(v, v.toString())).toBe(expected);
  });

  it.each([
    ['9/2', '9/2 (4.5)'],
    ['8789518924904648/59604644775390625', '≈0.147464'],
  ])('SGD cell %s -> %j', (exact, expected) => {
    const v = PointValue.exact(parseRational(exact));
    expect(valueWithDecimal(v, v.toString())).toBe(expected);
  });

  it('--at with a longer fraction shows exact and decimal', async () => {
    const r = await deriv(['x^3/400', '--wrt', 'x', '--at', 'x=-7209/100']);
    expect(r.stdout.split('\n')[1]).toMatch(/^∂\/∂x = 3\*x\^2\/400 = .* (=|≈) 38\.97/);
  });
});
