/**
 * LaTeX printer: what a person writes in notes, restricted to what KaTeX (and
 * MathJax) render. Juxtaposition between factors (`2 x w`), `\cdot` only
 * where two numbers would touch, `\frac` for negative powers and rational
 * coefficients, `e^{…}` for exp, function spellings from the rule table
 * (`\ln`, `\sigma`, `\operatorname{ReLU}`), single letters italic, `w1` as
 * `w_{1}`, Greek names as Greek letters.
 */
import type { Expr } from '../core/expr.js';
import { rowFor } from '../function-table.js';
import type { VariableOrder } from './display-order.js';
import { printWith } from './core.js';
import { type Notation, type Printed, type ProductParts, PREC, parenthesize, signed as signedIn } from './notation.js';
import { concat, fillTemplate } from './rope.js';

const { MUL, POW, ATOM } = PREC;

export interface LatexOptions {
  readonly order?: VariableOrder;
  /** Symbols printed as given LaTeX with a precedence (the matrix printer's linear-algebra atoms). */
  readonly atoms?: ReadonlyMap<string, { readonly tex: string; readonly prec: number }>;
  /** Factors that are entry-wise (non-scalar) quantities: two such neighbours are joined with \odot. */
  readonly entrywise?: (e: Expr) => boolean;
}

const GREEK = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'zeta', 'eta', 'theta', 'vartheta', 'iota', 'kappa',
  'lambda', 'mu', 'nu', 'xi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'varphi', 'chi', 'psi', 'omega',
  'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega',
]);
const GREEK_LETTERS: Readonly<Record<string, string>> = {
  α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', ε: 'epsilon', ζ: 'zeta', η: 'eta', θ: 'theta', ι: 'iota', κ: 'kappa',
  λ: 'lambda', μ: 'mu', ν: 'nu', ξ: 'xi', ρ: 'rho', σ: 'sigma', τ: 'tau', υ: 'upsilon', φ: 'phi', χ: 'chi', ψ: 'psi',
  ω: 'omega', Γ: 'Gamma', Δ: 'Delta', Θ: 'Theta', Λ: 'Lambda', Ξ: 'Xi', Π: 'Pi', Σ: 'Sigma', Φ: 'Phi', Ψ: 'Psi', Ω: 'Omega',
};

/** Combining accents as LaTeX accent commands: ŷ is y with U+0302, written \hat{y}. */
const ACCENTS: Readonly<Record<string, string>> = {
  '\u0300': 'grave', '\u0301': 'acute', '\u0302': 'hat', '\u0303': 'tilde', '\u0304': 'bar', '\u0306': 'breve',
  '\u0307': 'dot', '\u0308': 'ddot', '\u030a': 'mathring', '\u030c': 'check',
};
/** A letter with its accents (NFD: the letter, then combining marks) as LaTeX; marks without a command are dropped. */
function accented(letter: string): string {
  const [base, ...marks] = [...letter.normalize('NFD')];
  return marks.reduce((tex, m) => (ACCENTS[m] === undefined ? tex : `\\${ACCENTS[m]}{${tex}}`), base!);
}

/**
 * One piece of a name: a letter stays italic, a Greek name becomes its letter, a word is upright (\mathrm), so a
 * name of several letters (`xw`, `lr`, `loss`) never looks like the product of its letters (`x w` is italic).
 */
function namePart(part: string): string {
  // One letter and its accents at a time (ŷ is one letter, as is y followed by a combining hat).
  const chars = part.normalize('NFD').match(/[^\u0300-\u036f][\u0300-\u036f]*/g) ?? [];
  if (chars.length === 1) {
    const greek = GREEK_LETTERS[part];
    if (greek !== undefined) return `\\${greek}`;
    if (/^[A-Za-z0-9]$/.test(part)) return part;
    if (/^[A-Za-z][\u0300-\u036f]+$/.test(chars[0]!)) return accented(chars[0]!);
  }
  if (GREEK.has(part)) return `\\${part}`;
  if (/^[0-9]+$/.test(part)) return part;
  const mapped = chars.map((c) => (GREEK_LETTERS[c] !== undefined ? `\\${GREEK_LETTERS[c]} ` : c.length > 1 ? accented(c) : c)).join('');
  return `\\mathrm{${mapped.replace(/[_$]/g, (c) => `\\${c}`).trim()}}`;
}

/** w1 → w_{1}, x_i → x_{i}, theta → \theta, loss → \mathrm{loss}, W_out → W_{\mathrm{out}}. */
export function latexName(name: string): string {
  const underscore = name.indexOf('_');
  if (underscore > 0 && underscore < name.length - 1) {
    return `${latexName(name.slice(0, underscore))}_{${namePart(name.slice(underscore + 1))}}`;
  }
  const m = /^([^0-9]+?)([0-9]+)$/.exec(name);
  if (m !== null) return `${namePart(m[1]!)}_{${m[2]}}`;
  return namePart(name);
}

const wrap = (tex: string): string => `\\left(${tex}\\right)`;
const paren = (p: Printed, minPrec: number): string => parenthesize(LATEX_NOTATION, p, minPrec);
const signed = (p: Printed): string => signedIn(LATEX_NOTATION, p);

function fraction(n: bigint, d: bigint): string {
  return d === 1n ? n.toString() : `\\frac{${n}}{${d}}`;
}

function printCall(fn: string, args: readonly Printed[]): Printed {
  const row = rowFor(fn, args.length);
  const spelled = args.map(signed);
  if (row !== undefined && 'template' in row.latex) {
    // A superscript that would be 1 is dropped (expm1(1) is e − 1, not e^{1} − 1).
    // Only the short template is scanned; the arguments are concatenated in (src/print/rope.ts).
    // An argument inside an optional argument ([#1] of \sqrt) is braced when it holds brackets itself,
    // or its first ] would close the option (\sqrt[\sqrt[2]{x}]{x} does not parse; \sqrt[{\sqrt[2]{x}}]{x} does).
    const template = row.latex.template
      .replace(/\^\{#(\d)\}/g, (whole, i: string) => (spelled[Number(i)] === '1' ? '' : whole))
      .replace(/\[#(\d)\]/g, (whole, i: string) => (/[[\]]/.test(spelled[Number(i)] ?? '') ? `[{#${i}}]` : whole));
    const text = fillTemplate(template, spelled);
    // Templates that end in a superscript or are bare (e^{u}) behave like powers.
    return { text, neg: false, prec: fn === 'exp' ? POW : ATOM };
  }
  const name = row !== undefined && 'operator' in row.latex ? row.latex.operator : `\\operatorname{${fn}}`;
  return { text: `${name}${wrap(concat(spelled, ', '))}`, neg: false, prec: ATOM };
}

/** Factors side by side, with \cdot only where a number would follow a number (\odot between entry-wise factors). */
function juxtapose(parts: readonly Printed[], hadamard: readonly boolean[] = []): string {
  let tex = '';
  parts.forEach((p, i) => {
    const text = paren(p, MUL);
    if (i === 0) tex = text;
    else if (hadamard[i] === true) tex += ` \\odot ${text}`;
    else tex += p.numeric === true && !p.neg && p.prec >= MUL ? ` \\cdot ${text}` : ` ${text}`;
  });
  return tex;
}

function printProduct(parts: ProductParts): Printed {
  const { n: magnitude, d, neg } = parts;
  const numerator: Printed[] = [];
  const denominator: Printed[] = [];
  if (magnitude !== 1n) numerator.push({ text: magnitude.toString(), neg: false, prec: ATOM, numeric: true });
  if (d !== 1n) denominator.push({ text: d.toString(), neg: false, prec: ATOM, numeric: true });
  denominator.push(...parts.denominator);
  const hadamard: boolean[] = numerator.map(() => false);
  for (const f of parts.numerator) {
    hadamard.push(f.entrywise);
    numerator.push(f.p);
  }
  const top = numerator.length === 0 ? '1' : juxtapose(numerator, hadamard);
  if (denominator.length === 0) return { text: top, neg, prec: MUL, numeric: numerator[0]?.numeric === true };
  // A lone sum over or under the bar needs no parentheses: \frac{1 + x^{2}}{x + 1}.
  const over = numerator.length === 1 ? signed(numerator[0]!) : top;
  const bottom = denominator.length === 1 ? signed(denominator[0]!) : juxtapose(denominator);
  return { text: `\\frac{${over}}{${bottom}}`, neg, prec: ATOM };
}

export const LATEX_NOTATION: Notation = {
  wrap,
  negate: (p) => `-${p.text}`,
  number: (n, d) => ({ text: fraction(n, d), neg: false, prec: d === 1n ? ATOM : MUL, numeric: true }),
  constant: (name) => (name === 'pi' ? '\\pi' : 'e'),
  symbol: latexName,
  call: (node, args) => printCall(node.fn, args),
  power: (node, base, exp) => {
    const basePrec = node.base.kind === 'call' && node.base.fn === 'exp' ? ATOM : POW + 1;
    const half = node.exp.kind === 'num' && node.exp.value.d === 2n && (node.exp.value.n === 1n || node.exp.value.n === -1n);
    if (half) return { text: `\\sqrt{${signed(base)}}`, neg: false, prec: ATOM };
    return {
      text: `${paren(base, basePrec)}^{${signed(exp)}}`,
      neg: false,
      prec: POW,
      // Starts with a digit only if the base is a number printed without parentheses.
      numeric: base.numeric === true && !base.neg && base.prec >= basePrec,
    };
  },
  reciprocal: (recip) => ({ text: `\\frac{1}{${recip.text}}`, neg: false, prec: ATOM, recip }),
  product: printProduct,
};

export function toLatex(e: Expr, options: LatexOptions = {}): string {
  const atoms = options.atoms === undefined ? undefined : new Map([...options.atoms].map(([k, a]) => [k, { text: a.tex, prec: a.prec }]));
  return printWith(e, LATEX_NOTATION, { ...(options.order === undefined ? {} : { order: options.order }), ...(atoms === undefined ? {} : { atoms }), ...(options.entrywise === undefined ? {} : { entrywise: options.entrywise }) });
}
