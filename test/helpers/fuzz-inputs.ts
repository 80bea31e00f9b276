/**
 * Fuzzing inputs and the laws every input must obey, shared by the bounded
 * property test (test/fuzz.test.ts) and the long-running script
 * (scripts/fuzz.mjs, which bundles this file with esbuild).
 *
 * Laws:
 *   - any text: the whole pipeline (parse, differentiate, simplify, print as
 *     text and LaTeX, evaluate) either works or throws a DerivError; never
 *     another exception, and what it prints parses back to the same node;
 *   - well-formed text: it parses (or is UNDEFINED: a division by an exact
 *     zero), differentiates, prints, and parse(toText(e)) === e.
 */
import type fcModule from 'fast-check';
import { derivative, evaluate, parse, simplify, toLatex, toText, DerivError, variablesOf, type Expr } from '../../src/index.js';

type FC = typeof fcModule;

/** Names: ordinary, Greek, JavaScript-special, constants, functions, reserved and misspelt words. */
export const NAMES = [
  'x', 'y', 'w', 'b', 'x1', 'x_i', 'θ', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype',
  'e', 'pi', 'sin', 'cos', 'log', 'exp', 'sqrt', 'atan2', 'max', 'sigmoid', 'relu', 'pow', 'sinn', 'mod', 'true', 'Infinity',
] as const;
/** Numbers, including exact big ones and malformed ones. */
export const NUMBERS = ['0', '1', '2', '3', '0.5', '.5', '1.', '10', '1e3', '1e-3', '2e', '1e999', '1e-999', '12345678901234567890', '1.2.3'] as const;
export const OPERATORS = ['+', '-', '*', '/', '^', '**', '.*', './', '.^', "'", '!', '=', '%'] as const;
export const BRACKETS = ['(', ')', '(', ')', ',', '[', ']', '{', '}'] as const;
/** Characters pasted from PDFs, chat and LaTeX. */
export const JUNK = [
  '\u2212', '\u00d7', '\u00b7', '\u00b2', '\u00b3', '\u207b', '\u00b9', '\uff12', '\uff58', '\ud835\udc65', '\u221a', '\u2202', '\u03c0',
  '\u0000', '\u0007', '\ufeff', '\u200b', '\u00a0', '\t', '\n', '\\frac', '\\sin', '$', '\ud800', '\u{1f600}', ' ',
] as const;

/** A soup of tokens from the language's alphabet, glued with or without spaces. */
export function tokenSoup(fc: FC): fcModule.Arbitrary<string> {
  const token = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...NAMES) },
    { weight: 3, arbitrary: fc.constantFrom(...NUMBERS) },
    { weight: 4, arbitrary: fc.constantFrom(...OPERATORS) },
    { weight: 4, arbitrary: fc.constantFrom(...BRACKETS) },
    { weight: 1, arbitrary: fc.constantFrom(...JUNK) },
  );
  return fc.tuple(fc.array(token, { maxLength: 40 }), fc.boolean()).map(([ts, spaced]) => ts.join(spaced ? ' ' : ''));
}

/** Arbitrary strings: ASCII-heavy with full Unicode (lone surrogates included) mixed in. */
export function randomText(fc: FC): fcModule.Arbitrary<string> {
  return fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: fc.constantFrom(...'xy()+-*/^,.0123456789e sincolgqrtp'.split('')), maxLength: 80 }),
  );
}

const FUNCTIONS_1 = ['sin', 'cos', 'tan', 'exp', 'log', 'sqrt', 'tanh', 'sigmoid', 'atan', 'abs', 'relu', 'softplus', 'asinh', 'cbrt', 'log1p', 'expm1'] as const;
const FUNCTIONS_2 = ['atan2', 'max', 'min', 'pow'] as const;
const LEAVES = ['x', 'y', 'w', '__proto__', 'constructor', 'θ', 'x_1', '2', '3', '1/2', '0.25', '10^30', '-8', '27/8', '1e-20', 'pi', 'e', '0'] as const;

/** Well-formed expression text (it may still divide by an exact zero: UNDEFINED). */
export function wellFormed(fc: FC): fcModule.Arbitrary<string> {
  return fc.letrec<{ e: string }>((tie) => ({
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(...LEAVES),
      fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '/', '^'), tie('e')).map(([a, op, b]) => `(${a})${op}(${b})`),
      tie('e').map((a) => `-(${a})`),
      fc.tuple(tie('e'), fc.integer({ min: -4, max: 5 })).map(([a, k]) => `(${a})^(${k})`),
      fc.tuple(tie('e'), fc.constantFrom('1/2', '1/3', '2/3', '-1/2', '3/2', '0.5', '10^20')).map(([a, k]) => `(${a})^(${k})`),
      fc.tuple(fc.constantFrom(...FUNCTIONS_1), tie('e')).map(([f, a]) => `${f}(${a})`),
      fc.tuple(fc.constantFrom(...FUNCTIONS_2), tie('e'), tie('e')).map(([f, a, b]) => `${f}(${a}, ${b})`),
      fc.tuple(fc.constantFrom('2', '3'), fc.constantFrom('x', 'y')).map(([k, v]) => `${k}${v}`),
    ),
  })).e;
}

/** What went wrong with one input: a non-DerivError, or a broken law. */
export class FuzzFinding extends Error {
  constructor(
    readonly input: string,
    readonly stage: string,
    readonly problem: unknown,
  ) {
    super(`${stage}: ${problem instanceof Error ? `${problem.name}: ${problem.message}` : String(problem)} for input ${JSON.stringify(input)}`);
  }
}

/** Keeps the work of one fuzz case small: big enough for real bugs, small enough for thousands of runs. */
const LIMITS = { maxSize: 20_000, maxLength: 10_000 } as const;

function roundTrip(input: string, stage: string, e: Expr): void {
  const text = toText(e);
  let back: Expr;
  try {
    back = parse(text);
  } catch (err) {
    throw new FuzzFinding(input, `${stage}: printed text ${JSON.stringify(text)} does not parse`, err);
  }
  if (back !== e) throw new FuzzFinding(input, stage, new Error(`printed ${JSON.stringify(text)} parses as ${JSON.stringify(toText(back))}`));
}

/**
 * Runs the pipeline on `input`. Returns 'ok' or the DerivError code it stopped
 * with; throws FuzzFinding for anything else. With `wellFormedInput`, only
 * UNDEFINED (an exact division by zero) may stop it, and only while parsing.
 */
export function exercise(input: string, wellFormedInput = false): string {
  let stage = 'parse';
  try {
    const e = parse(input, LIMITS);
    stage = 'print input';
    roundTrip(input, stage, e);
    toLatex(e);
    stage = 'simplify';
    roundTrip(input, stage, simplify(e));
    const vars = variablesOf(e);
    const x = vars[0] ?? 'x';
    stage = `differentiate wrt ${x}`;
    const d = derivative(e, x, LIMITS);
    stage = 'print derivative';
    roundTrip(input, stage, d.expr);
    d.toTex();
    JSON.stringify(d);
    stage = 'evaluate';
    const scope = new Map(vars.map((v, i) => [v, (i + 1) / 3] as const));
    const value = evaluate(d.expr, scope);
    if (typeof value !== 'number') throw new Error(`evaluate returned ${typeof value}`);
    return 'ok';
  } catch (err) {
    if (err instanceof FuzzFinding) throw err;
    if (err instanceof DerivError) {
      if (wellFormedInput && !(stage === 'parse' && err.code === 'UNDEFINED') && err.code !== 'TOO_LARGE')
        throw new FuzzFinding(input, `${stage} (well-formed input)`, err);
      return err.code;
    }
    throw new FuzzFinding(input, stage, err);
  }
}
