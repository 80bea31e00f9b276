/**
 * A derivation in LaTeX: an `aligned` block of equalities with each rule as
 * `\text{…}` on the side, using only commands KaTeX and MathJax both render
 * (aligned, \frac, \partial, \left…\right, \text, \operatorname, \mathbf).
 * The pieces (definitions, one equation and note per step, the result) are
 * also available separately for the HTML page.
 */
import type { Expr } from '../core/expr.js';
import { toLatex, latexName } from './latex.js';
import { latexHeading } from './heading.js';
import type { VariableOrder } from './display-order.js';
import { rowFor } from '../function-table.js';
import { abbreviate, type Derivation } from '../steps/record.js';
import { explain, stepEquation, type Voice } from '../steps/explain.js';

export interface StepsLatexOptions {
  readonly order?: VariableOrder;
  /** The function's name (default f). */
  readonly name?: string;
  /** Start the block with `f = input` (default true). */
  readonly withInput?: boolean;
  /** With --at: an expression's value at the point in LaTeX, appended to each equation. */
  readonly value?: (e: Expr) => string;
}

/**
 * Math symbols that rule names write in Unicode (1 − cos²u = sin²u, σ, √): KaTeX's strict mode refuses them
 * inside \text{…}, so each leaves the text for a moment as math (`}^{2}\text{`); a minus sign is a hyphen.
 */
const TEXT_MATH: Readonly<Record<string, string>> = {
  '²': '^{2}', '³': '^{3}', '¹': '^{1}', '⁻': '^{-}', 'σ': '\\sigma', 'π': '\\pi', 'θ': '\\theta', '√': '\\surd', '∛': '\\sqrt[3]{\\,}',
  '≥': '\\geq', '≤': '\\leq', '≠': '\\neq', '∞': '\\infty', '±': '\\pm', '→': '\\to', '∘': '\\circ',
};

/** Escapes words for \text{…} (the caller writes the braces around them). */
export function escapeText(words: string): string {
  return words
    .replace(/[\\{}$&%#_^~]/g, (c) => (c === '\\' ? '\\textbackslash{}' : c === '^' ? '\\textasciicircum{}' : c === '~' ? '\\textasciitilde{}' : `\\${c}`))
    .replace(/−/g, '-')
    .replace(/[²³¹⁻σπθ√∛≥≤≠∞±→∘]/g, (c) => `}${TEXT_MATH[c]!}\\text{`);
}

/** \frac{\partial}{\partial w}, \frac{\partial A}{\partial w}, \frac{\partial^{2} f}{\partial x \, \partial y}. */
export function latexPartial(wrt: readonly string[], name?: string): string {
  if (wrt.length === 0) return '\\text{the derivative}';
  if (name === undefined || name === '') {
    const h = latexHeading(wrt, 'f');
    return h.replace(/^\\frac\{(\\partial(?:\^\{\d+\})?) [^}]*\}/, '\\frac{$1}');
  }
  return latexHeading(wrt, name);
}

function spelledFunction(fn: string): string {
  const row = rowFor(fn, 1);
  if (row !== undefined && 'operator' in row.latex) return row.latex.operator;
  return `\\operatorname{${fn}}`;
}

export function latexVoice(order?: VariableOrder): Voice {
  const math = (e: Expr): string => toLatex(e, order === undefined ? {} : { order });
  return {
    text: (w) => (w === '' ? '' : `\\text{${escapeText(w)}}`),
    math,
    partial: latexPartial,
    applied: (op, e) => `${op}\\left[${math(e)}\\right]`,
    prime: (fn, arg) => `${spelledFunction(fn)}'\\left(${math(arg)}\\right)`,
    relation: (a, op, b) => `${math(a)} ${op} ${math(b)}`,
    equals: () => ' = ',
  };
}

export interface LatexStepParts {
  /** `f = …` for the input. */
  readonly input: string;
  /** `A = …` for each named inner function. */
  readonly definitions: readonly string[];
  /** One equation (`\frac{\partial A}{\partial w} = x`) and its note per step. */
  readonly steps: readonly { readonly equation: string; readonly note: string; readonly rule: string }[];
  /** `\frac{\partial f}{\partial w} = …` with the names substituted back. */
  readonly result: string;
}

export function latexStepParts(d: Derivation, options: StepsLatexOptions = {}): LatexStepParts {
  const name = options.name ?? 'f';
  const v = latexVoice(options.order);
  // A number is its own value: `∂A/∂b = 1`, not `= 1 = 1`.
  const at = (e: Expr): string => (options.value === undefined || e.kind === 'num' ? '' : ` = ${options.value(e)}`);
  const definitions = d.substitutions.map((s) => `${latexName(s.name)} = ${v.math(abbreviate(s.expr, d.substitutions, s.name))}${at(s.expr)}`);
  const steps = d.passes.flatMap((pass) =>
    pass.steps.map((step) => {
      const eq = stepEquation(step, d, v, name);
      return { equation: [eq.lhs, eq.middle, eq.rhs].filter((s) => s !== undefined).join(' = ') + at(step.after), note: explain(step, d, v), rule: step.rule };
    }),
  );
  return {
    input: `${latexName(name)} = ${v.math(d.input)}${at(d.input)}`,
    definitions,
    steps,
    result: `${d.wrt.length === 0 ? latexName(name) : latexPartial(d.wrt, name)} = ${v.math(d.result)}${at(d.result)}`,
  };
}

/** Puts the first `=` of an equation after the alignment point: `lhs &= rhs`. */
const align = (equation: string): string => equation.replace(' = ', ' &= ');

export function stepsToLatex(d: Derivation, options: StepsLatexOptions = {}): string {
  const parts = latexStepParts(d, options);
  const rows: string[] = [];
  if (options.withInput !== false) rows.push(align(parts.input));
  rows.push(...parts.definitions.map(align));
  rows.push(...parts.steps.map((s) => `${align(s.equation)} && \\quad ${s.note}`));
  rows.push(align(parts.result));
  return `\\begin{aligned}\n${rows.join(' \\\\\n')}\n\\end{aligned}`;
}
