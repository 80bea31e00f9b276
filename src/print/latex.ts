/**
 * LaTeX printer: what a person writes in notes, restricted to what KaTeX (and
 * MathJax) render. Juxtaposition between factors (`2 x w`), `\cdot` only
 * where two numbers would touch, `\frac` for negative powers and rational
 * coefficients, `e^{…}` for exp, function spellings from the rule table
 * (`\ln`, `\sigma`, `\operatorname{ReLU}`), single letters italic, `w1` as
 * `w_{1}`, Greek names as Greek letters.
 */
import type { Expr } from '../core/expr.js';
import { foldDag } from '../core/walk.js';
import { rowFor } from '../function-table.js';
import { DisplayOrder, type VariableOrder } from './display-order.js';
import { concat, fillTemplate } from './rope.js';

const ADD = 1;
const MUL = 2;
const POW = 4;
const ATOM = 5;

interface Printed {
  readonly tex: string;
  readonly neg: boolean;
  readonly prec: number;
  /** For b^(−k): the printed b^k, to go under a fraction bar. */
  readonly recip?: Printed;
  /** Starts with a digit (a following number needs \cdot). */
  readonly numeric?: boolean;
}

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

/** One piece of a name: a letter stays italic, a Greek name becomes its letter, a word is \mathit. */
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
  return `\\mathit{${mapped.replace(/[_$]/g, (c) => `\\${c}`).trim()}}`;
}

/** w1 → w_{1}, x_i → x_{i}, theta → \theta, loss → \mathit{loss}, W_out → W_{\mathit{out}}. */
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
const paren = (p: Printed, minPrec: number): string =>
  p.neg ? wrap(`-${p.tex}`) : p.prec < minPrec ? wrap(p.tex) : p.tex;
const signed = (p: Printed): string => (p.neg ? `-${p.tex}` : p.tex);

function fraction(n: bigint, d: bigint): string {
  return d === 1n ? n.toString() : `\\frac{${n}}{${d}}`;
}

function printCall(fn: string, args: readonly Printed[]): Printed {
  const row = rowFor(fn, args.length);
  const spelled = args.map(signed);
  if (row !== undefined && 'template' in row.latex) {
    // A superscript that would be 1 is dropped (expm1(1) is e − 1, not e^{1} − 1).
    // Only the short template is scanned; the arguments are concatenated in (src/print/rope.ts).
    const template = row.latex.template.replace(/\^\{#(\d)\}/g, (whole, i: string) => (spelled[Number(i)] === '1' ? '' : whole));
    const tex = fillTemplate(template, spelled);
    // Templates that end in a superscript or are bare (e^{u}) behave like powers.
    return { tex, neg: false, prec: fn === 'exp' ? POW : ATOM };
  }
  const name = row !== undefined && 'operator' in row.latex ? row.latex.operator : `\\operatorname{${fn}}`;
  return { tex: `${name}${wrap(concat(spelled, ', '))}`, neg: false, prec: ATOM };
}

export const LATEX_PRECEDENCE = { ADD, MUL, POW, ATOM } as const;

export function toLatex(e: Expr, options: LatexOptions = {}): string {
  const order = DisplayOrder.of(options.order);
  const memo = new Map<Expr, Printed>();
  const print = (node: Expr, kids: readonly Printed[]): Printed => {
    switch (node.kind) {
      case 'num': {
        const { n, d } = node.value;
        const mag = n < 0n ? -n : n;
        return { tex: fraction(mag, d), neg: n < 0n, prec: d === 1n ? ATOM : MUL, numeric: true };
      }
      case 'const':
        return { tex: node.name === 'pi' ? '\\pi' : 'e', neg: false, prec: ATOM };
      case 'sym': {
        const atom = options.atoms?.get(node.name);
        return atom !== undefined ? { tex: atom.tex, neg: false, prec: atom.prec } : { tex: latexName(node.name), neg: false, prec: ATOM };
      }
      case 'call':
        return printCall(node.fn, kids);
      case 'pow': {
        const [base, exp] = kids as [Printed, Printed];
        const basePrec = node.base.kind === 'call' && node.base.fn === 'exp' ? ATOM : POW + 1;
        const half = node.exp.kind === 'num' && node.exp.value.d === 2n && (node.exp.value.n === 1n || node.exp.value.n === -1n);
        const power = (expTex: string): Printed =>
          half
            ? { tex: `\\sqrt{${signed(base)}}`, neg: false, prec: ATOM }
            : {
                tex: `${paren(base, basePrec)}^{${expTex}}`,
                neg: false,
                prec: POW,
                // Starts with a digit only if the base is a number printed without parentheses.
                numeric: base.numeric === true && !base.neg && base.prec >= basePrec,
              };
        // A negative exponent is a reciprocal; a sum's sign covers its first term only (−1/2 − 3·x).
        if (exp.neg && node.exp.kind !== 'add') {
          const recip = exp.tex === '1' ? base : power(exp.tex);
          return { tex: `\\frac{1}{${recip.tex}}`, neg: false, prec: ATOM, recip };
        }
        return power(signed(exp));
      }
      case 'add': {
        const terms = order.sortTerms(node.terms, (t) => memo.get(t)!.neg);
        const first = memo.get(terms[0]!)!;
        let tex = first.tex;
        for (let i = 1; i < terms.length; i++) {
          const t = memo.get(terms[i]!)!;
          tex += t.neg ? ` - ${t.tex}` : ` + ${t.tex}`;
        }
        return { tex, neg: first.neg, prec: ADD };
      }
      case 'mul':
        return printProduct(node.factors, memo, order, options.entrywise);
    }
  };
  const p = foldDag<Printed>(e, print, memo);
  return signed(p);
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

function printProduct(
  factors: readonly Expr[],
  memo: Map<Expr, Printed>,
  order: DisplayOrder,
  entrywise?: (e: Expr) => boolean,
): Printed {
  let coefficient = { n: 1n, d: 1n };
  const rest: Expr[] = [];
  for (const f of factors) {
    if (f.kind === 'num') coefficient = f.value;
    else rest.push(f);
  }
  order.sortFactors(rest);
  const neg = coefficient.n < 0n;
  const magnitude = neg ? -coefficient.n : coefficient.n;
  const numerator: Printed[] = [];
  const denominator: Printed[] = [];
  if (magnitude !== 1n) numerator.push({ tex: magnitude.toString(), neg: false, prec: ATOM, numeric: true });
  if (coefficient.d !== 1n) denominator.push({ tex: coefficient.d.toString(), neg: false, prec: ATOM, numeric: true });
  const hadamard: boolean[] = numerator.map(() => false);
  let previous: Expr | undefined;
  for (const f of rest) {
    const p = memo.get(f)!;
    if (p.recip !== undefined) denominator.push(p.recip);
    else {
      hadamard.push(previous !== undefined && entrywise !== undefined && entrywise(previous) && entrywise(f));
      numerator.push(p);
      previous = f;
    }
  }
  const top = numerator.length === 0 ? '1' : juxtapose(numerator, hadamard);
  if (denominator.length === 0) return { tex: top, neg, prec: MUL, numeric: numerator[0]?.numeric === true };
  // A lone sum over or under the bar needs no parentheses: \frac{1 + x^{2}}{x + 1}.
  const over = numerator.length === 1 ? signed(numerator[0]!) : top;
  const bottom = denominator.length === 1 ? signed(denominator[0]!) : juxtapose(denominator);
  return { tex: `\\frac{${over}}{${bottom}}`, neg, prec: ATOM };
}
