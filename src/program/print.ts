/**
 * Printing a program and its backward pass: text (`∂L/∂h = w2*∂L/∂y_hat`) and LaTeX
 * (`\frac{\partial L}{\partial h} = w_{2} \cdot \frac{\partial L}{\partial y_{\mathrm{hat}}}`),
 * each line written as local derivative × upstream adjoint, in the program's names.
 * Tables of values (forward and backward pass) and the --steps layouts in text and
 * LaTeX (`aligned`) live here too; Markdown, HTML and JSON build on these.
 */
import { type Expr, neg } from '../core/expr.js';
import { toText } from '../print/text.js';
import { toLatex, latexName } from '../print/latex.js';
import { textVoice } from '../print/steps-text.js';
import { latexVoice } from '../print/steps-latex.js';
import { showValue } from '../numeric/readable.js';
import type { ParsedProgram } from './parse.js';
import { adjointName, type BackwardLine, type BackwardPass, type AdjointTerm } from './backward.js';
import { lineNotes } from './explain.js';
import type { NamedValue } from './values.js';

export type Syntax = 'text' | 'latex';

/** ∂L/∂h, or \frac{\partial L}{\partial h}. */
export function adjointHeading(output: string, name: string, syntax: Syntax): string {
  return syntax === 'text' ? adjointName(output, name) : `\\frac{\\partial ${latexName(output)}}{\\partial ${latexName(name)}}`;
}

export function exprIn(e: Expr, p: ParsedProgram, syntax: Syntax): string {
  return syntax === 'text' ? toText(e, { order: p.order }) : toLatex(e, { order: p.order });
}

/** Negative by its written form (a leading minus on a product or number, not on a sum). */
const isNegative = (e: Expr, p: ParsedProgram): boolean => e.kind !== 'add' && toText(e, { order: p.order }).startsWith('-');

/** One term without its sign: `w2*∂L/∂y_hat`, `(a + b)*∂L/∂c`, `∂L/∂c`. */
function termBody(t: AdjointTerm, local: Expr, p: ParsedProgram, syntax: Syntax): string {
  const shown = exprIn(local, p, syntax);
  if (t.fromOutput) return shown;
  const adj = adjointHeading(p.output, t.consumer, syntax);
  if (local.kind === 'num' && local.value.n === local.value.d) return adj;
  const factor = local.kind === 'add' ? (syntax === 'text' ? `(${shown})` : `\\left(${shown}\\right)`) : shown;
  return syntax === 'text' ? `${factor}*${adj}` : `${factor} \\cdot ${adj}`;
}

/** The right-hand side of a backward line: Σ local × adjoint, with minus signs restored. */
export function lineBody(line: BackwardLine, p: ParsedProgram, syntax: Syntax): string {
  if (line.terms.length === 0) return '0';
  return line.terms
    .map((t, i) => {
      const negative = isNegative(t.local, p);
      const local = negative ? neg(t.local) : t.local;
      const shown = termBody(t, local, p, syntax);
      // A sum after a minus sign keeps its brackets: -(z - y), not -z - y.
      const bracketed = t.fromOutput && local.kind === 'add' && negative;
      const body = bracketed ? (syntax === 'text' ? `(${shown})` : `\\left(${shown}\\right)`) : shown;
      if (i === 0) return negative ? `-${body}` : body;
      return `${negative ? ' - ' : ' + '}${body}`;
    })
    .join('');
}

export function lineEquation(line: BackwardLine, p: ParsedProgram, syntax: Syntax): string {
  return `${adjointHeading(p.output, line.name, syntax)} = ${lineBody(line, p, syntax)}`;
}

/** `z = w1*x + b1`, one per assignment. */
export function assignmentEquations(p: ParsedProgram, syntax: Syntax): string[] {
  return p.assignments.map((a) => `${syntax === 'text' ? a.name : latexName(a.name)} = ${exprIn(a.expr, p, syntax)}`);
}

/** Text lines padded so the = signs line up. */
export function aligned(rows: readonly [string, string][]): string[] {
  const width = Math.max(0, ...rows.map(([l]) => [...l].length));
  return rows.map(([l, r]) => `${l}${' '.repeat(width - [...l].length)} = ${r}`);
}

/** The backward pass in text, = signs aligned. */
export function backwardText(pass: BackwardPass, p: ParsedProgram): string[] {
  return aligned(pass.lines.map((l) => [adjointName(p.output, l.name), lineBody(l, p, 'text')]));
}

/** NaN (0/0, a pole reached exactly) is `undefined`; an overflow or log(0) is ±Infinity (one printer for every value). */
export { showValue };

/** A two-column table: `name | value` rows under a title, = aligned (text). */
export function valueTable(title: string, rows: readonly [string, string][]): string[] {
  return [title, ...aligned(rows).map((r) => `  ${r}`)];
}

/** The forward and backward tables, text: `z = w1*x + b1 = 7`, `∂L/∂h = w2*∂L/∂y_hat = 8`. */
export function valuesText(p: ParsedProgram, pass: BackwardPass, forward: readonly NamedValue[], backward: readonly NamedValue[]): string[] {
  const rhs = new Map(p.assignments.map((a) => [a.name, a.expr]));
  const lines = new Map(pass.lines.map((l) => [l.name, l]));
  return [
    ...valueTable('forward pass:', forward.map((f) => [f.name, `${exprIn(rhs.get(f.name)!, p, 'text')}${valued(rhs.get(f.name)!, showValue(f.value))}`])),
    ...valueTable('backward pass:', backward.map((b) => [adjointName(p.output, b.name), `${lineBody(lines.get(b.name)!, p, 'text')}${valued(lines.get(b.name)!.expr, showValue(b.value))}`])),
  ];
}

/** ` = value` after a line, none after a number: `∂L/∂q = 0`, not `= 0 = 0`. */
const valued = (e: Expr, shown: string): string => (e.kind === 'num' ? '' : ` = ${shown}`);

/** LaTeX `aligned` rows for the forward and backward values (used by notes). */
export function valuesLatex(p: ParsedProgram, pass: BackwardPass, forward: readonly NamedValue[], backward: readonly NamedValue[]): { forward: string; backward: string } {
  const rhs = new Map(p.assignments.map((a) => [a.name, a.expr]));
  const lines = new Map(pass.lines.map((l) => [l.name, l]));
  const block = (rows: string[]): string => `\\begin{aligned}\n${rows.join(' \\\\\n')}\n\\end{aligned}`;
  return {
    forward: block(forward.map((f) => `${latexName(f.name)} &= ${exprIn(rhs.get(f.name)!, p, 'latex')}${valued(rhs.get(f.name)!, f.value.toTex())}`)),
    backward: block(backward.map((b) => `${adjointHeading(p.output, b.name, 'latex')} &= ${lineBody(lines.get(b.name)!, p, 'latex')}${valued(lines.get(b.name)!.expr, b.value.toTex())}`)),
  };
}

/** --steps in text: the program, then each backward line with why. */
export function stepsText(pass: BackwardPass, p: ParsedProgram): string[] {
  const v = textVoice(p.order);
  const out = [...assignmentEquations(p, 'text')];
  out.push(`backward pass: ${adjointName(p.output, p.output)} = 1; each adjoint is (local derivative) × (adjoint of the assignment that uses the name)`);
  pass.lines.forEach((line, i) => {
    out.push(`${i + 1}. ${lineEquation(line, p, 'text')}`);
    for (const note of lineNotes(p, line, v)) out.push(`   ${note}`);
  });
  return out;
}

/** --steps in LaTeX: one `aligned` block, a row per program line and per backward line with its note. */
export function stepsLatex(pass: BackwardPass, p: ParsedProgram, options: { withProgram?: boolean } = {}): string {
  const v = latexVoice(p.order);
  const rows: string[] = [];
  if (options.withProgram !== false) rows.push(...assignmentEquations(p, 'latex').map((e) => e.replace(' = ', ' &= ')));
  for (const line of pass.lines) {
    const notes = lineNotes(p, line, v);
    rows.push(`${lineEquation(line, p, 'latex').replace(' = ', ' &= ')} && \\quad ${notes[0] ?? ''}`);
    for (const extra of notes.slice(1)) rows.push(`&& \\quad ${extra}`);
  }
  return `\\begin{aligned}\n${rows.join(' \\\\\n')}\n\\end{aligned}`;
}

/** Each backward line's notes in LaTeX (for Markdown and HTML lists). */
export function latexNotes(pass: BackwardPass, p: ParsedProgram): { equation: string; notes: string[] }[] {
  const v = latexVoice(p.order);
  return pass.lines.map((line) => ({ equation: lineEquation(line, p, 'latex'), notes: lineNotes(p, line, v) }));
}
