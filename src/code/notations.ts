/**
 * The code targets as notation tables for the printer core (src/print/core.ts): the same visitor
 * that prints text and LaTeX, with each language's numbers, constants, powers and function
 * spellings (from the rule table's `code` column, rules/functions.ts).
 */
import type { Call, Pow } from '../core/expr.js';
import { freeVariables } from '../analysis.js';
import { powRow, rowFor } from '../function-table.js';
import { FUNCTION_ROWS, type CodeLanguage, type CodeSpelling } from '../../rules/functions.js';
import { type Notation, type Printed, type ProductParts, PREC, parenthesize, signed } from '../print/notation.js';
import { linearProduct } from '../print/product-text.js';
import { concat, fillTemplate } from '../print/rope.js';
import { DerivError } from '../errors.js';
import { toNumber } from '../core/rational.js';

/** A fraction with a side past the double range: n/d would read as ∞/∞ (NaN) or ∞/d. */
const outOfRange = (n: bigint, d: bigint): boolean => d !== 1n && (!Number.isFinite(Number(n)) || !Number.isFinite(Number(d)));

/** Infinity as each language spells it (a literal past the double range is a compile error in C under -Werror). */
const INFINITY: Readonly<Record<CodeLanguage, string>> = { js: 'Infinity', python: 'math.inf', numpy: 'np.inf', c: 'HUGE_VAL' };

/**
 * The largest integer written as an integer literal; a larger one is written as a double literal. C: an
 * int (3000000000 is a long or, past 2^63, no type at all). Python: 2^53, so no exact integer
 * arithmetic ever runs on huge literals (and 10^400 is no OverflowError when it meets a float).
 */
const LARGEST_INTEGER: Readonly<Record<CodeLanguage, bigint>> = { js: 2n ** 53n, python: 2n ** 53n, numpy: 2n ** 53n, c: 2n ** 31n - 1n };

/** x ≥ 0 as one double literal every target reads: 3000000000.0, 3e+21, or the language's infinity. */
function doubleLiteral(x: number, language: CodeLanguage): string {
  if (!Number.isFinite(x)) return INFINITY[language];
  const text = String(x);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

/**
 * Python: `a / b` raises ZeroDivisionError where JS, C and deriv give ±∞ or NaN. A division by anything
 * but a number goes through this helper (see the python column of rules/functions.ts for the functions).
 */
const PY_DIV = {
  helper: '_div',
  define:
    'def _div(a, b):\n    try:\n        return a / b\n    except ZeroDivisionError:\n' +
    '        return math.nan if a == 0 or a != a else math.copysign(math.inf, a) * math.copysign(1.0, b)',
} as const;

export interface CodeNotation extends Notation {
  /** Helper functions the printed code called (name → definition), filled while printing. */
  readonly helpers: Map<string, string>;
}

const CONSTANTS: Readonly<Record<CodeLanguage, { readonly pi: string; readonly e: string }>> = {
  js: { pi: 'Math.PI', e: 'Math.E' },
  python: { pi: 'math.pi', e: 'math.e' },
  numpy: { pi: 'np.pi', e: 'np.e' },
  c: { pi: '3.141592653589793', e: '2.718281828459045' },
};

/**
 * Every identifier a language's spellings put next to the generated function (library names, helper
 * names): no variable may take one. A helper's own parameters and locals are its own; the names its
 * body uses from outside are in the language's reserved table (test/code-names.test.ts checks this).
 */
export function spellingNames(language: CodeLanguage): Set<string> {
  const out = new Set<string>();
  const words = (text: string): void => {
    for (const m of text.replace(/#\d/g, ' ').matchAll(/[A-Za-z_][A-Za-z_0-9]*/g)) out.add(m[0]);
  };
  for (const row of FUNCTION_ROWS) {
    const s = row.code[language];
    if (typeof s === 'string') words(s);
    else out.add(s.helper);
  }
  if (language === 'python') out.add(PY_DIV.helper);
  words(CONSTANTS[language].pi);
  words(CONSTANTS[language].e);
  words(INFINITY[language]);
  return out;
}

export interface CodeNotationOptions {
  /**
   * NumPy: whether a name holds an array (an input, or a temporary computed from one). A power of
   * anything else is plain Python arithmetic, where 3**1000000000 is an exact integer and (-8.0)**(1/3)
   * a complex number; it is written np.float_power instead. Default: every name.
   */
  readonly arrayValued?: (name: string) => boolean;
}

/**
 * The notation of one language; `names` maps every variable and temporary to its identifier.
 * Numbers: C writes a fraction with a double numerator (1/2 would be integer division) and
 * integers beyond 32 bits as doubles.
 */
export function codeNotation(language: CodeLanguage, names: ReadonlyMap<string, string> | ((name: string) => string | undefined), options: CodeNotationOptions = {}): CodeNotation {
  const identifier = typeof names === 'function' ? names : (name: string): string | undefined => names.get(name);
  const arrayValued = options.arrayValued ?? ((): boolean => true);
  const helpers = new Map<string, string>();
  const spell = (s: CodeSpelling, args: readonly string[]): string => {
    if (typeof s !== 'string') {
      helpers.set(s.helper, s.define);
      return `${s.helper}(${concat(args, ', ')})`;
    }
    return s.includes('#') ? fillTemplate(s, args) : `${s}(${concat(args, ', ')})`;
  };
  const big = (n: bigint): boolean => n > LARGEST_INTEGER[language] || n < -LARGEST_INTEGER[language];
  const integer = (n: bigint): string => (big(n) ? doubleLiteral(Number(n), language) : n.toString());
  /** C: a fraction's numerator as a double (1/2 would be integer division). */
  const double = (n: bigint): string => (big(n) ? doubleLiteral(Number(n), language) : `${n}.0`);
  const pow = (node: Pow, base: Printed, exp: Printed): Printed => {
    // JS's ** is Math.pow; NumPy's on arrays is np.power (a constant power is np.float_power, see arrayValued).
    if (language === 'js' || (language === 'numpy' && [...freeVariables(node)].some(arrayValued)))
      return { text: `${parenthesize(notation, base, PREC.POW + 1)}**${parenthesize(notation, exp, PREC.ATOM)}`, neg: false, prec: PREC.POW, leadPow: true };
    // The pow row's spelling: C's pow, Python's IEEE helper (** raises OverflowError, or gives a complex number).
    return { text: spell(powRow().code[language], [signed(notation, base), signed(notation, exp)]), neg: false, prec: PREC.ATOM };
  };
  /** Python: a division by an expression through the helper (a / 0.0 raises); numbers divide as they are. */
  const pyDivision = (parts: ProductParts): Printed => {
    helpers.set(PY_DIV.helper, PY_DIV.define);
    const top = linearProduct(notation, { ...parts, d: 1n, neg: false, denominator: [] }, { times: '*' });
    const bottom = [...(parts.d === 1n ? [] : [integer(parts.d)]), ...parts.denominator.map((p) => parenthesize(notation, p, PREC.MUL))].join('*');
    return { text: `${PY_DIV.helper}(${top.text}, ${bottom})`, neg: parts.neg, prec: PREC.ATOM };
  };
  const notation: CodeNotation = {
    helpers,
    wrap: (t) => `(${t})`,
    // JS: `-x**2` is a syntax error; the sign goes outside parentheses instead.
    negate: (p) => (language === 'js' && p.leadPow === true ? `-(${p.text})` : `-${p.text}`),
    number: (n, d): Printed =>
      d === 1n
        ? { text: integer(n), neg: false, prec: PREC.ATOM }
        : outOfRange(n, d)
          ? // A side past the double range would read as ∞ (∞/∞ is NaN): the quotient's double, written out.
            { text: doubleLiteral(toNumber({ n, d }), language), neg: false, prec: PREC.ATOM }
          : { text: `${language === 'c' ? double(n) : integer(n)}/${integer(d)}`, neg: false, prec: PREC.MUL },
    constant: (name) => CONSTANTS[language][name],
    symbol: (name) => {
      const id = identifier(name);
      if (id === undefined) throw new DerivError('BAD_VARIABLE', `no identifier for '${name}' in the generated code`);
      return id;
    },
    call: (node: Call, args) => {
      const row = rowFor(node.fn, args.length);
      if (row === undefined) throw new DerivError('UNKNOWN_FUNCTION', `no code spelling for ${node.fn}`);
      return { text: spell(row.code[language], args.map((a) => signed(notation, a))), neg: false, prec: PREC.ATOM };
    },
    power: pow,
    reciprocal: (recip) =>
      language === 'python'
        ? { ...pyDivision({ n: 1n, d: 1n, neg: false, numerator: [], denominator: [recip], rest: [] }), recip }
        : { text: `1/${parenthesize(notation, recip, PREC.POW)}`, neg: false, prec: PREC.MUL, recip },
    product: (given) => {
      const parts = outOfRange(given.n, given.d)
        ? { ...given, n: 1n, d: 1n, numerator: [{ p: notation.number(given.n, given.d), entrywise: false }, ...given.numerator] }
        : given;
      return language === 'python' && parts.denominator.length > 0 ? pyDivision(parts) : linearProduct(notation, parts, { times: '*' });
    },
  };
  return notation;
}
