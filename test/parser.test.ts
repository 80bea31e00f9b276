/**
 * The parser: `input -> canonical text` for the mathjs syntax users know
 * (implicit multiplication, unary minus under ^, exact decimals, constants,
 * aliases, names), each also checked against an explicit spelling (same node,
 * by identity) and against mathjs reading the same input (same value); and
 * bad input as error codes with character positions.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DerivError, evaluate, parse, toLatex, toText, variablesOf } from '../src/index.js';
import { close, math, randomPoint, rng } from './helpers/oracle.js';
import { runs } from './helpers/run-seed.js';

/** [input, canonical text, the same thing spelled out explicitly] */
const CASES: readonly (readonly [string, string, string])[] = [
  ['2x', '2*x', '2*x'],
  ['3x^2y', '3*x^2*y', '3*(x^2)*y'],
  ['-x^2', '-x^2', '-(x^2)'],
  ['-2^x', '-2^x', '-(2^x)'],
  ['2^-x', '1/2^x', '2^(-x)'],
  ['2^-x^2', '1/2^(x^2)', '2^(-(x^2))'],
  ['x^y^z', 'x^(y^z)', 'x^(y^z)'],
  ['x^-(y+1)', '1/x^(y + 1)', 'x^(-(y+1))'],
  ['x^(-1/2-3*y)', 'x^(-3*y - 1/2)', 'x^((-1/2) - (3*y))'], // a sum's leading minus is not the sum's sign
  ['1/2x', 'x/2', '(1/2)*x'],
  ['1/2 x', 'x/2', '(1/2)*x'],
  ['2/3x', '2*x/3', '(2/3)*x'],
  ['a/b c', 'a/(b*c)', 'a/(b*c)'],
  ['x/2y', 'x/(2*y)', 'x/(2*y)'],
  ['1/2/x', '1/(2*x)', '(1/2)/x'],
  ['0.5', '1/2', '1/2'],
  ['0.5*x^2', 'x^2/2', 'x^2/2'],
  ['.5x', 'x/2', 'x/2'],
  ['1e-3', '1/1000', '1/1000'],
  ['2.5e2', '250', '250'],
  ['0.1 + 0.2', '3/10', '3/10'],
  ['e', 'e', 'e'],
  ['pi', 'pi', 'pi'],
  ['2pi x', '2*pi*x', '2*pi*x'],
  ['e^x', 'exp(x)', 'exp(x)'],
  ['exp(1)', 'e', 'e^1'],
  ['e*exp(1)', 'exp(2)', 'e^2'],
  ['2e', '2*e', '2*e'],
  ['ln(x)', 'log(x)', 'log(x)'],
  ['log(x,2)', 'log(x, 2)', 'log(x, 2)'],
  ['step(x)', 'heaviside(x)', 'heaviside(x)'],
  ['pow(x, 3)', 'x^3', 'x^3'],
  ['x_i', 'x_i', 'x_i'],
  ['theta', 'theta', 'theta'],
  ['w1', 'w1', 'w1'],
  ['b*L*W*s*t', 'b*L*W*s*t', 'b*L*W*s*t'],
  ['5 cm', '5*cm', '5*cm'], // every name is a variable, never a unit
  ['(x+1)(x-1)', '(x - 1)*(x + 1)', '(x+1)*(x-1)'],
  ['2(x+1)', '2*(x + 1)', '2*(x+1)'],
  ['x y^2 z', 'x*y^2*z', 'x*(y^2)*z'],
  ['2 x y', '2*x*y', '2*x*y'],
  ['x - -y', 'x + y', 'x+y'],
  ['3^2x', '9*x', '9*x'],
  ['sqrt(4)', '2', '2'],
  ['sin(x)^2', 'sin(x)^2', 'sin(x)^2'],
  ['x*x*x', 'x^3', 'x^3'],
  ['x/x', '1', '1'],
  ['x + x - 2x', '0', '0'],
];

/** Every variable the table uses (a value for each, even where the parsed form no longer mentions it: x/x). */
const NAMES = ['x', 'y', 'z', 'a', 'b', 'c', 'w1', 'x_i', 'theta', 'L', 'W', 's', 't', 'cm'];

describe('parse: input -> canonical text', () => {
  it.each(CASES)('%s -> %s', (input, text, explicit) => {
    const e = parse(input);
    expect(toText(e, { order: variablesOf(e) })).toBe(text);
    expect(parse(explicit)).toBe(e);
    expect(parse(text)).toBe(e);
  });

  it.each(CASES.filter(([input]) => !/^ln\(|^pow\(/.test(input)))('mathjs reads %s to the same value', (input) => {
    const e = parse(input);
    const point = randomPoint(rng(input.length), NAMES);
    const theirs = math.evaluate(input, { ...point }) as number;
    expect(close(evaluate(e, point), theirs, 1e-12)).toBe(true);
  });

  it.each([
    ['x^(-1/2-3*y)', 'x^{-3 y - \\frac{1}{2}}'],
    ['x^(-y)', '\\frac{1}{x^{y}}'],
    ['2^-x', '\\frac{1}{2^{x}}'],
    ['(x^2+1)/(x-1)', '\\frac{x^{2} + 1}{x - 1}'],
    ['-(x+1)/y', '-\\frac{x + 1}{y}'],
    ['2*3^x*4^y', '2 \\cdot 3^{x} \\cdot 4^{y}'],
    ['2*(2^b)^(3/2)', '2 \\left(2^{b}\\right)^{\\frac{3}{2}}'],
    ['exp(1)', 'e'],
    ['expm1(1)', '\\left(e - 1\\right)'],
  ])('LaTeX of %s -> %s', (input, tex) => {
    expect(toLatex(parse(input))).toBe(tex);
  });

  it.each([
    ['−x × y', '-x*y'],
    ['x²', 'x^2'],
    ['x³ ÷ 2', 'x^3/2'],
  ])('typographic %s -> %s', (input, text) => {
    expect(toText(parse(input))).toBe(text);
  });

  it('nesting depth is not limited by the call stack', () => {
    const depth = 5000;
    expect(toText(parse('('.repeat(depth) + 'x' + ')'.repeat(depth)))).toBe('x');
    expect(toText(parse('sin('.repeat(depth) + 'x' + ')'.repeat(depth))).length).toBe(5 * depth + 1);
  });
});

describe('names', () => {
  it('any name deriv accepts as a variable means the same variable to mathjs', () => {
    const tricky = ['mod', 'to', 'in', 'and', 'or', 'xor', 'not', 'true', 'false', 'null', 'undefined', 'Infinity', 'NaN',
      'end', 'i', 'E', 'PI', 'LN2', 'tau', 'phi', 'version', 'gamma', 'f', 'cm', 'inch', 'm', 's', 't', 'L', 'W', 'b', 'N'];
    const name = fc.oneof(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/), fc.constantFrom(...tricky));
    let accepted = 0;
    fc.assert(
      fc.property(name, fc.integer({ min: -2000, max: 2000 }), (v, k) => {
        let e;
        try {
          e = parse(`3*${v}^2 - ${v}/2`);
        } catch (err) {
          // Function names and mathjs's reserved words are refused, with a code.
          expect(err instanceof DerivError && ['PARSE', 'UNSUPPORTED', 'UNKNOWN_FUNCTION'].includes(err.code)).toBe(true);
          return;
        }
        if (!variablesOf(e).includes(v)) return; // the constants e and pi
        accepted++;
        const scope = { [v]: k / 1000 };
        expect(close(evaluate(e, scope), math.evaluate(toText(e), { ...scope }) as number, 1e-12)).toBe(true);
      }),
      { numRuns: runs(300) },
    );
    expect(accepted).toBeGreaterThan(200);
  });
});

describe('parse: bad input -> error code and position', () => {
  const failure = (input: string): { code: string; position: number | undefined } => {
    try {
      parse(input);
    } catch (e) {
      if (e instanceof DerivError) return { code: e.code, position: e.position };
      throw e;
    }
    return { code: 'none', position: undefined };
  };
  it.each([
    ['', 'PARSE', 0],
    ['   ', 'PARSE', 0],
    ['(x+1', 'PARSE', 0],
    ['x+1)', 'PARSE', 3],
    ['sin(x', 'PARSE', 3],
    ['x^', 'PARSE', 2],
    ['x + * y', 'PARSE', 4],
    ['2*/x', 'PARSE', 2],
    ['sin x', 'PARSE', 0],
    ['2 3', 'PARSE', 2],
    ['1.2.3', 'PARSE', 3],
    ['()', 'PARSE', 1],
    ['f(,x)', 'UNKNOWN_FUNCTION', 0],
    ['sin(,x)', 'PARSE', 4],
    ['[1,2]', 'UNSUPPORTED', 0],
    ['x=1', 'UNSUPPORTED', 1],
    ["x'", 'UNSUPPORTED', 1],
    ['x!', 'UNSUPPORTED', 1],
    ['\\frac{1}{x}', 'PARSE', 0],
    ['$x$', 'PARSE', 0],
    ['foo(x)', 'UNKNOWN_FUNCTION', 0],
    ['x + sin(x, y)', 'ARITY', 4],
    ['x mod y', 'UNSUPPORTED', 2],
    ['5 cm to inch', 'UNSUPPORTED', 5],
    ['not x', 'UNSUPPORTED', 0],
    ['x*true', 'UNSUPPORTED', 2],
    ['Infinity*x', 'UNSUPPORTED', 0],
    ['w/(y-y)', 'UNDEFINED', 1],
    ['x + 1/0', 'UNDEFINED', 5],
    ['(x-x)^(-2)', 'UNDEFINED', 5],
  ] as const)('%j -> %s at %s', (input, code, position) => {
    expect(failure(input)).toEqual({ code, position });
  });
});
