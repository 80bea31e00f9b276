/**
 * Tokeniser for deriv's input language (the scalar part of mathjs syntax).
 * Positions are 0-based offsets into the original string, so errors can put a
 * caret under the exact character. Typographic look-alikes pasted from PDFs
 * (− × · ÷ ² ³) are read as their ASCII meaning; other syntax mathjs has but
 * deriv does not (matrices, assignment, units, ', !, %) is rejected here with
 * a code and a hint.
 */
import { DerivError } from '../errors.js';

export type TokenType = 'number' | 'name' | 'op' | 'lparen' | 'rparen' | 'comma' | 'end';
export interface Token {
  readonly type: TokenType;
  readonly text: string;
  readonly pos: number;
}

/** Characters read as an ASCII operator. */
const LOOKALIKES: Readonly<Record<string, string>> = {
  '\u2212': '-', // − minus sign
  '\u2013': '-', // – en dash
  '\u00d7': '*', // × multiplication sign
  '\u00b7': '*', // · middle dot
  '\u22c5': '*', // ⋅ dot operator
  '\u2219': '*', // ∙ bullet operator
  '\u2217': '*', // ∗ asterisk operator
  '\u00f7': '/', // ÷
  '\u2215': '/', // ∕ division slash
  '\uff08': '(', // （ fullwidth
  '\uff09': ')', // ）
  '\uff0c': ',', // ，
};
const SUPERSCRIPTS: Readonly<Record<string, string>> = {
  '\u00b2': '2', '\u00b3': '3', '\u00b9': '1', '\u2070': '0', '\u2074': '4',
  '\u2075': '5', '\u2076': '6', '\u2077': '7', '\u2078': '8', '\u2079': '9',
};

/** Syntax mathjs accepts that deriv does not, with what to say about it. */
const UNSUPPORTED: Readonly<Record<string, string>> = {
  '[': 'matrices and vectors are not supported (scalar expressions only)',
  ']': 'matrices and vectors are not supported (scalar expressions only)',
  '=': 'assignment and equations are not supported: give the expression only',
  '<': 'comparisons are not supported',
  '>': 'comparisons are not supported',
  '!': 'factorial and logical not are not supported',
  "'": "transpose (') and strings are not supported",
  '"': 'strings are not supported',
  '%': 'percent and modulo are not supported',
  ':': 'ranges are not supported',
  '?': 'conditionals are not supported',
  ';': 'only one expression is allowed here',
  '&': 'bitwise and logical operators are not supported',
  '|': 'bitwise and logical operators are not supported (write abs(x) for |x|)',
  '~': 'bitwise and logical operators are not supported',
  '{': 'braces are not part of the syntax',
  '}': 'braces are not part of the syntax',
  '#': 'comments are not supported',
  '@': 'not part of the syntax',
  $: 'not part of the syntax (remove the $…$ math delimiters)',
};

/** A decimal literal; sticky so that scanning never copies the input. */
const NUMBER = /\d*\.?\d*(?:[eE][+-]?\d+)?/y;
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isNameStart = (c: string): boolean => /[A-Za-z_\u0391-\u03c9]/.test(c);
const isNamePart = (c: string): boolean => /[A-Za-z0-9_\u0391-\u03c9]/.test(c);

export interface TokenizeOptions {
  /** Read ' as the postfix transpose operator (the matrix language); otherwise it is UNSUPPORTED. */
  readonly transpose?: boolean;
}

export function tokenize(input: string, options: TokenizeOptions = {}): Token[] {
  const tokens: Token[] = [];
  const fail = (pos: number, message: string, hint?: string, code: 'PARSE' | 'UNSUPPORTED' = 'PARSE'): never => {
    throw new DerivError(code, message, { position: pos, input, hint });
  };
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\u00a0') {
      i++;
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(input[i + 1] ?? ''))) {
      NUMBER.lastIndex = i;
      const text = NUMBER.exec(input)![0];
      // "2e" not followed by digits is 2·e, as in mathjs: the regex leaves the e as a name.
      if (input[i + text.length] === '.') fail(i + text.length, 'a number has more than one decimal point');
      tokens.push({ type: 'number', text, pos: i });
      i += text.length;
      continue;
    }
    if (isNameStart(c)) {
      let j = i + 1;
      while (j < input.length && isNamePart(input[j]!)) j++;
      tokens.push({ type: 'name', text: input.slice(i, j), pos: i });
      i = j;
      continue;
    }
    if (c === '*' && input[i + 1] === '*') {
      fail(i, "'**' is not an operator here", "write ^ for powers: 2^x");
    }
    if (c === "'" && options.transpose === true) {
      tokens.push({ type: 'op', text: "'", pos: i });
      i++;
      continue;
    }
    if (c === '.' && (input[i + 1] === '*' || input[i + 1] === '/' || input[i + 1] === '^')) {
      // Element-wise operators: the same as the plain ones on scalars (the matrix language tells them apart).
      tokens.push({ type: 'op', text: c + input[i + 1]!, pos: i });
      i += 2;
      continue;
    }
    if (c === '+' || c === '-' || c === '*' || c === '/' || c === '^') {
      tokens.push({ type: 'op', text: c, pos: i });
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ type: c === '(' ? 'lparen' : c === ')' ? 'rparen' : 'comma', text: c, pos: i });
      i++;
      continue;
    }
    const ascii = LOOKALIKES[c];
    if (ascii !== undefined) {
      const type = ascii === '(' ? 'lparen' : ascii === ')' ? 'rparen' : ascii === ',' ? 'comma' : 'op';
      tokens.push({ type, text: ascii, pos: i });
      i++;
      continue;
    }
    if (SUPERSCRIPTS[c] !== undefined) {
      let digits = '';
      let j = i;
      while (j < input.length && SUPERSCRIPTS[input[j]!] !== undefined) digits += SUPERSCRIPTS[input[j++]!];
      tokens.push({ type: 'op', text: '^', pos: i });
      tokens.push({ type: 'number', text: digits, pos: i });
      i = j;
      continue;
    }
    if (c === '\\') {
      fail(i, 'this looks like LaTeX, which deriv does not read', 'write the expression in calculator syntax: \\frac{1}{x} is 1/x, \\sin x is sin(x), x^{2} is x^2');
    }
    const unsupported = UNSUPPORTED[c];
    if (unsupported !== undefined) fail(i, unsupported, undefined, c === '$' || c === '{' || c === '}' || c === '@' || c === '#' ? 'PARSE' : 'UNSUPPORTED');
    const code = c.codePointAt(0)!;
    if (code < 32 || code === 127) fail(i, `control character U+${code.toString(16).padStart(4, '0').toUpperCase()} in the input`);
    fail(i, `unexpected character '${String.fromCodePoint(code)}' (U+${code.toString(16).padStart(4, '0').toUpperCase()})`);
  }
  tokens.push({ type: 'end', text: '', pos: input.length });
  return tokens;
}
