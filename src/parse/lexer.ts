/**
 * Tokeniser for deriv's input language (the scalar part of mathjs syntax).
 * Positions are 0-based offsets into the original string, so errors can put a
 * caret under the exact character. Typographic look-alikes pasted from PDFs
 * (− × · ÷ ² ³) are read as their ASCII meaning; other syntax mathjs has but
 * deriv does not (matrices, assignment, units, ', !, %) is rejected here with
 * a code and a hint.
 */
import { DerivError } from '../errors.js';
import type { DerivWarning } from '../warnings.js';
import { readDotted, noteOnce } from './readings.js';

export type TokenType = 'number' | 'name' | 'op' | 'lparen' | 'rparen' | 'comma' | 'end';
export interface Token {
  readonly type: TokenType;
  readonly text: string;
  readonly pos: number;
}

/** Dots that are a product: on scalars a times sign, between two vectors the dot product. */
const DOT_OPERATORS: ReadonlySet<string> = new Set(['\u00b7', '\u22c5', '\u2219']);

/** Characters read as an ASCII operator. */
const LOOKALIKES: Readonly<Record<string, string>> = {
  '\u2212': '-', // − minus sign
  '\u2013': '-', // – en dash
  '\u2010': '-', // ‐ hyphen
  '\u2011': '-', // ‑ non-breaking hyphen
  '\u2012': '-', // ‒ figure dash
  '\ufe63': '-', // ﹣ small hyphen-minus
  '\uff0d': '-', // － fullwidth hyphen-minus
  '\uff0b': '+', // ＋ fullwidth plus
  '\uff0a': '*', // ＊ fullwidth asterisk
  '\uff0f': '/', // ／ fullwidth solidus
  '\uff3e': '^', // ＾ fullwidth circumflex
  '\u00d7': '*', // × multiplication sign
  '\u00b7': '*', // · middle dot
  '\u30fb': '*', // ・ katakana middle dot (a times sign in CJK text)
  '\uff65': '*', // ･ halfwidth katakana middle dot
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
/** A superscript sign may start a superscript exponent: x⁻¹ is x^(-1). */
const SUPERSCRIPT_SIGNS: Readonly<Record<string, string>> = { '\u207b': '-', '\u207a': '+' };

/** Invisible characters pasted from web pages and editors (BOM, zero-width space/joiners): read as a space. */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/;

/** Symbols from typeset mathematics that deriv spells differently. */
const NOTATION_HINTS: Readonly<Record<string, string>> = {
  '\u221a': 'write sqrt(x) for √x',
  '\u221b': 'write cbrt(x) for ∛x',
  '\u2202': 'give the function only; choose the variable with --wrt (library: derivative(f, "x"))',
  '\u2207': 'give the function only; deriv computes the gradient when --wrt is omitted',
  '\u2211': 'sums with an index are not supported: write the terms out',
  '\u220f': 'products with an index are not supported: write the factors out',
  '\u221e': 'infinity is not supported',
  '\u222b': 'deriv differentiates; it does not integrate',
  '\u00b1': 'write the two cases separately',
  '\u2061': 'remove the invisible function-application character',
  '\u1d40': "a transpose needs declared shapes: --shape X=n×d, then Xᵀ, X^T or X'",
  '@': 'for a matrix product declare the shapes with --shape X=n×d,w=d, then write X@w or X*w',
};

/** A hint for a character whose compatibility form (NFKC) is plain ASCII: fullwidth, styled or circled letters and digits. */
function asciiHint(c: string): string | undefined {
  const plain = c.normalize('NFKC');
  if (plain !== c && /^[\x21-\x7e]+$/.test(plain)) return `did you mean '${plain}'? type the plain ASCII character`;
  return undefined;
}

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
/**
 * A letter that starts a name: [A-Za-z_$] ($ as mathjs allows it: $x), Greek (α, θ, Ω), or a Latin letter with accents or a hat (ŷ, é, ñ:
 * one that decomposes into an ASCII letter and combining marks, so LaTeX can write it as \hat{y}).
 * By code first, as this runs for every character of every name.
 */
export const isNameStart = (c: string): boolean => {
  const k = c.charCodeAt(0);
  if ((k >= 97 && k <= 122) || (k >= 65 && k <= 90) || k === 95 || k === 36 || (k >= 0x391 && k <= 0x3c9)) return true;
  return k >= 0xc0 && k <= 0x24f && /^[A-Za-z][\u0300-\u036f]+$/.test(c.normalize('NFD'));
};
/** A character that continues a name: a name start, a digit, a subscript digit (w₁ is w1), or a combining accent (y followed by U+0302 is ŷ). */
export const isNamePart = (c: string): boolean =>
  isNameStart(c) || (c >= '0' && c <= '9') || (c >= '\u0300' && c <= '\u036f') || (c >= '\u2080' && c <= '\u2089');

const isSubscript = (c: string): boolean => c >= '\u2080' && c <= '\u2089';

/** Subscript digits as ASCII digits: w₁ → w1 (as w1 prints as w_{1} in LaTeX). */
const plainDigits = (name: string): string => name.replace(/[\u2080-\u2089]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0x2080 + 48));

/** A unicode vulgar fraction (½, ¾, ⅞, …) as its numerator and denominator, from its compatibility form 1⁄2. */
function vulgarFraction(c: string): [string, string] | undefined {
  const k = c.charCodeAt(0);
  if (!((k >= 0xbc && k <= 0xbe) || (k >= 0x2150 && k <= 0x215f) || k === 0x2189)) return undefined;
  const m = /^(\d+)\u2044(\d+)$/.exec(c.normalize('NFKC'));
  return m === null ? undefined : [m[1]!, m[2]!];
}

export interface TokenizeOptions {
  /** Read ' as the postfix transpose operator (the matrix language); otherwise it is UNSUPPORTED. */
  readonly transpose?: boolean;
  /** Where the readings a user might not expect (torch.relu as relu, ** as ^) are noted; see parse/readings.ts. */
  readonly notes?: DerivWarning[];
}

export function tokenize(input: string, options: TokenizeOptions = {}): Token[] {
  const tokens: Token[] = [];
  const fail = (pos: number, message: string, hint?: string, code: 'PARSE' | 'UNSUPPORTED' = 'PARSE'): never => {
    throw new DerivError(code, message, { position: pos, input, hint });
  };
  // $x is a name (as in mathjs), but $x^2$ or $$…$$ is LaTeX pasted with its math delimiters.
  const delimited = input.includes('$') && (/^\s*\$[\s\S]*\$\s*$/.test(input) || input.includes('$$'));
  if (delimited) fail(input.indexOf('$'), UNSUPPORTED.$!);
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\u00a0' || (c > '\u007f' && (/\s/.test(c) || INVISIBLE.test(c)))) {
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
      let ascii = c < '\u0080';
      for (;;) {
        while (j < input.length && isNamePart(input[j]!)) {
          if (input.charCodeAt(j) > 0x7f) ascii = false;
          j++;
          // A subscript ends the name, as in typeset formulas: w₁x is w₁·x.
          if (isSubscript(input[j - 1]!) && !isSubscript(input[j] ?? '')) break;
        }
        // torch.relu, np.exp, x.pow, w.T: one dotted name, read by parse/readings.ts below.
        if (input[j] === '.' && isNameStart(input[j + 1] ?? '')) j++;
        else break;
      }
      // Composed (NFC), so y + U+0302 and ŷ are the same name; positions stay those of the input.
      const name = input.slice(i, j);
      tokens.push({ type: 'name', text: ascii ? name : plainDigits(name).normalize('NFC'), pos: i });
      i = j;
      continue;
    }
    if (c === '*' && input[i + 1] === '*') {
      // Python's power: it means nothing else, so it is read, with a note.
      noteOnce(options.notes, { code: 'READING', message: "** is read as the power ^ (Python's spelling)", position: i, hint: 'deriv writes powers as x^2' });
      tokens.push({ type: 'op', text: '^', pos: i });
      i += 2;
      continue;
    }
    const fraction = vulgarFraction(c);
    if (fraction !== undefined) {
      // ½ is (1/2); 2½ would read as 2·½ = 1, not the mixed number 2.5, so it is refused.
      if (tokens[tokens.length - 1]?.type === 'number' && tokens[tokens.length - 1]!.pos + tokens[tokens.length - 1]!.text.length === i)
        fail(i, `a number followed by ${c} is a mixed number, which deriv does not read`, `write ${tokens[tokens.length - 1]!.text}+${fraction[0]}/${fraction[1]}`);
      tokens.push({ type: 'lparen', text: '(', pos: i }, { type: 'number', text: fraction[0], pos: i }, { type: 'op', text: '/', pos: i });
      tokens.push({ type: 'number', text: fraction[1], pos: i }, { type: 'rparen', text: ')', pos: i });
      i++;
      continue;
    }
    if ((c === "'" || c === '\u1d40') && options.transpose === true) {
      // X' and Xᵀ (U+1D40, as typeset) are the transpose in the matrix language.
      tokens.push({ type: 'op', text: "'", pos: i });
      i++;
      continue;
    }
    if (c === '@' && options.transpose === true) {
      // NumPy's matrix product (an inner product between two vectors).
      tokens.push({ type: 'op', text: '@', pos: i });
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
    if (options.transpose === true && DOT_OPERATORS.has(c)) {
      // w·x between two vectors is their dot product (seed 004 writes it so); the matrix reader decides by shape.
      tokens.push({ type: 'op', text: '\u00b7', pos: i });
      i++;
      continue;
    }
    if (c === '.' && tokens[tokens.length - 1]?.type === 'rparen' && isNameStart(input[i + 1] ?? ''))
      fail(i, 'a method call is read only on a name (x.pow(2)), not on (…)', 'write the function around it: exp(…) for (…).exp(), pow(…, 2) for (…).pow(2)');
    const ascii = LOOKALIKES[c];
    if (ascii !== undefined) {
      const type = ascii === '(' ? 'lparen' : ascii === ')' ? 'rparen' : ascii === ',' ? 'comma' : 'op';
      tokens.push({ type, text: ascii, pos: i });
      i++;
      continue;
    }
    if (SUPERSCRIPTS[c] !== undefined || SUPERSCRIPT_SIGNS[c] !== undefined) {
      const last = tokens[tokens.length - 1];
      if (last?.type === 'op' && last.text === '^')
        fail(i, `a superscript after '^'`, 'write x^2 or x², not both');
      let j = i;
      const sign = SUPERSCRIPT_SIGNS[c];
      if (sign !== undefined) j++;
      let digits = '';
      while (j < input.length && SUPERSCRIPTS[input[j]!] !== undefined) digits += SUPERSCRIPTS[input[j++]!];
      if (digits === '') fail(j, 'a superscript sign needs superscript digits after it', 'write x^(-1) or x⁻¹');
      tokens.push({ type: 'op', text: '^', pos: i });
      if (sign !== undefined) tokens.push({ type: 'op', text: sign, pos: i });
      tokens.push({ type: 'number', text: digits, pos: sign === undefined ? i : i + 1 });
      i = j;
      continue;
    }
    if (c === '\\') {
      fail(i, 'this looks like LaTeX, which deriv does not read', 'write the expression in calculator syntax: \\frac{1}{x} is 1/x, \\sin x is sin(x), x^{2} is x^2');
    }
    if (c === "'" && tokens[tokens.length - 1]?.type === 'name' && input[i + 1] === '(') {
      // sigmoid'(z): the derivative written as Lagrange's prime.
      const f = tokens[tokens.length - 1]!.text;
      const arg = /^\(([^()]*)\)/.exec(input.slice(i + 1))?.[1]?.trim();
      const variable = arg !== undefined && /^[A-Za-z_]\w*$/.test(arg) ? arg : undefined;
      fail(i, `${f}'(…) is the derivative written with a prime, which deriv does not read: it computes the derivative for you`,
        variable !== undefined ? `differentiate ${f}(${variable}) with --wrt ${variable}` : `give ${f}(…) and choose the variable with --wrt`, 'UNSUPPORTED');
    }
    if (c === '|') {
      // |x| as written on paper: abs(x).
      const close = input.indexOf('|', i + 1);
      const inner = close > i ? input.slice(i + 1, close).trim() : '';
      fail(i, "'|' is not an operator here (bitwise and logical operators are not supported)", inner !== '' ? `write abs(${inner}) for |${inner}|` : 'write abs(x) for |x|', 'UNSUPPORTED');
    }
    const unsupported = UNSUPPORTED[c];
    if (unsupported !== undefined) fail(i, unsupported, NOTATION_HINTS[c], c === '$' || c === '{' || c === '}' || c === '@' || c === '#' ? 'PARSE' : 'UNSUPPORTED');
    const code = input.codePointAt(i)!; // the whole character, also outside the BMP (𝑥 is two UTF-16 units)
    if (code < 32 || code === 127) fail(i, `control character U+${code.toString(16).padStart(4, '0').toUpperCase()} in the input`);
    const char = String.fromCodePoint(code);
    fail(i, `unexpected character '${char}' (U+${code.toString(16).padStart(4, '0').toUpperCase()})`, NOTATION_HINTS[char] ?? asciiHint(char));
  }
  tokens.push({ type: 'end', text: '', pos: input.length });
  return readDotted(tokens, input, options);
}
