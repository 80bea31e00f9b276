/**
 * The code targets as notation tables for the printer core (src/print/core.ts): the same visitor
 * that prints text and LaTeX, with each language's numbers, constants, powers and function
 * spellings (from the rule table's `code` column, rules/functions.ts).
 */
import type { Call } from '../core/expr.js';
import { rowFor } from '../function-table.js';
import { FUNCTION_ROWS, type CodeLanguage, type CodeSpelling } from '../../rules/functions.js';
import { type Notation, type Printed, PREC, parenthesize, signed } from '../print/notation.js';
import { linearProduct } from '../print/product-text.js';
import { concat, fillTemplate } from '../print/rope.js';
import { DerivError } from '../errors.js';
import { toNumber } from '../core/rational.js';

/** A fraction with a side past the double range: n/d would read as ∞/∞ (NaN) or ∞/d. */
const outOfRange = (n: bigint, d: bigint): boolean => d !== 1n && (!Number.isFinite(Number(n)) || !Number.isFinite(Number(d)));
/** A double as a literal every target reads (an overflow as 1e999, which each reads as infinity). */
const doubleLiteral = (x: number): string => (Number.isFinite(x) ? String(x) : x > 0 ? '1e999' : '-1e999');

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
  words(CONSTANTS[language].pi);
  words(CONSTANTS[language].e);
  return out;
}

/**
 * The notation of one language; `names` maps every variable and temporary to its identifier.
 * Numbers: C writes a fraction with a double numerator (1/2 would be integer division) and
 * integers beyond 32 bits as doubles.
 */
export function codeNotation(language: CodeLanguage, names: ReadonlyMap<string, string> | ((name: string) => string | undefined)): CodeNotation {
  const identifier = typeof names === 'function' ? names : (name: string): string | undefined => names.get(name);
  const helpers = new Map<string, string>();
  const spell = (s: CodeSpelling, args: readonly string[]): string => {
    if (typeof s !== 'string') {
      helpers.set(s.helper, s.define);
      return `${s.helper}(${concat(args, ', ')})`;
    }
    return s.includes('#') ? fillTemplate(s, args) : `${s}(${concat(args, ', ')})`;
  };
  const integer = (n: bigint): string => (language === 'c' && (n > 2147483647n || n < -2147483648n) ? `${n}.0` : n.toString());
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
            { text: doubleLiteral(toNumber({ n, d })), neg: false, prec: PREC.ATOM }
          : { text: language === 'c' ? `${integer(n)}.0/${integer(d)}` : `${n}/${d}`, neg: false, prec: PREC.MUL },
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
    power: (_node, base, exp) =>
      language === 'c'
        ? { text: `pow(${signed(notation, base)}, ${signed(notation, exp)})`, neg: false, prec: PREC.ATOM }
        : { text: `${parenthesize(notation, base, PREC.POW + 1)}**${parenthesize(notation, exp, PREC.ATOM)}`, neg: false, prec: PREC.POW, leadPow: true },
    reciprocal: (recip) => ({ text: `1/${parenthesize(notation, recip, PREC.POW)}`, neg: false, prec: PREC.MUL, recip }),
    product: (parts) =>
      linearProduct(
        notation,
        outOfRange(parts.n, parts.d)
          ? { ...parts, n: 1n, d: 1n, numerator: [{ p: notation.number(parts.n, parts.d), entrywise: false }, ...parts.numerator] }
          : parts,
        { times: '*' },
      ),
  };
  return notation;
}
