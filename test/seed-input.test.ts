/**
 * What the seed tutorials themselves contain is read as meant: ・ (U+30FB) as times, accented and hatted
 * letters as names (ŷ, also y followed by a combining hat), a fullwidth comma in --wrt and --at, and
 * `L = …` naming the function.
 */
import { describe, expect, it } from 'vitest';
import katex from 'katex';
import { derivative, parse, toText, toLatex, variablesOf, DerivError } from '../src/index.js';
import { deriv } from './helpers/cli.js';

describe('input the seeds contain', () => {
  it.each([
    ['1/2・(w・x+b-y)²', '(w*x + b - y)^2/2'],
    ['a･b', 'a*b'],
    ['(ŷ-y)^2', '(ŷ - y)^2'],
    ['y\u0302*x', 'ŷ*x'],
    ['é+ñ', 'é + ñ'],
    ['θ1*x', 'θ1*x'],
  ])('%j -> %j', (text, expected) => {
    const e = parse(text);
    expect(toText(e, { order: variablesOf(e) })).toBe(expected);
  });

  it.each([
    ['ŷ', '\\hat{y}'],
    ['x\u0302', '\\hat{x}'],
    ['ȳ', '\\bar{y}'],
    ['ŷ1', '\\hat{y}_{1}'],
    ['ŷ_out', '\\hat{y}_{\\mathrm{out}}'],
  ])('LaTeX of the name %j -> %j, which KaTeX renders strictly', (name, tex) => {
    expect(toLatex(parse(name))).toBe(tex);
    expect(() => katex.renderToString(tex, { throwOnError: true, strict: 'error' })).not.toThrow();
  });

  it('a hatted name is a variable like any other', () => {
    expect(derivative('1/2*(ŷ-y)^2', 'ŷ').toString()).toBe('ŷ - y');
    expect(derivative('1/2*(ŷ-y)^2', 'y\u0302').toString()).toBe('ŷ - y');
  });

  it.each(['×', '÷', 'ø', '¹'])('%j still does not start a name', (c) => {
    expect(() => parse(`${c}x`)).toThrow(DerivError);
  });
});

describe('CLI: fullwidth commas and L = …', () => {
  it.each([
    [['w*x+b', '--wrt', 'w，b'], '∂/∂w = x\n∂/∂b = 1'],
    [['w*x+b', '--wrt', 'w、b'], '∂/∂w = x\n∂/∂b = 1'],
    [['(w*x+b)^2', '--wrt', 'w', '--at', 'w=1，x=2，b=3'], 'f = (w*x + b)^2 = 25\n∂/∂w = 2*x*(w*x + b) = 20'],
    [['L = 1/2*(w*x+b-y)^2', '--wrt', 'w'], 'x*(w*x + b - y)'],
    [['L = 1/2*(w*x+b-y)^2', '--wrt', 'w', '-f', 'latex'], '\\frac{\\partial L}{\\partial w} = x \\left(w x + b - y\\right)'],
    [['L = 1/2*(w*x+b-y)^2', '--wrt', 'w', '-f', 'latex', '--name', 'J'], '\\frac{\\partial J}{\\partial w} = x \\left(w x + b - y\\right)'],
    [['ŷ = sigmoid(z)', '--wrt', 'z', '--at', 'z=0'], 'ŷ = sigmoid(z) = 1/2\n∂/∂z = (1 - sigmoid(z))*sigmoid(z) = 1/4'],
  ])('deriv %j -> %j', async (argv, stdout) => {
    const r = await deriv(argv);
    expect(r).toEqual({ code: 0, stdout, stderr: '' });
  });

  it('an error after L = shows the line as typed, the caret under the place', async () => {
    const r = await deriv(['L = (w*x+b-y', '--wrt', 'w']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').slice(1, 4)).toEqual(['  L = (w*x+b-y', '      ^', '  at column 5']);
  });

  it('JSON keeps the line as typed as its input', async () => {
    const r = await deriv(['L = x^2', '--wrt', 'x', '-f', 'json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ input: 'L = x^2', derivatives: [{ text: '2*x' }] });
  });

  it.each([['L = x = 2'], ['x == 2'], ['2 = x'], ['x = 1'], ['x = x + 1']])('%j is still an error (only one leading NAME = is read)', async (text) => {
    const r = await deriv([text]);
    expect(r.code).toBe(2);
  });
});
