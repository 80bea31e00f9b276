/**
 * Notes for a program: Markdown (`$$ … $$` blocks, as src/print/markdown.ts) and a
 * standalone HTML page (KaTeX at generation time, as src/print/html.ts). Sections:
 * the program, the backward pass (with --steps: each line and why), the expanded
 * gradient, and at a point the forward and backward tables.
 */
import { latexName } from '../print/latex.js';
import { escapeHtml, htmlDocument, render } from '../print/html.js';
import type { Program } from './api.js';
import { assignmentEquations, adjointHeading, latexNotes, lineBody, exprIn } from './print.js';
import type { ProgramValues } from './values.js';

export interface ProgramNoteOptions {
  readonly wrt?: readonly string[];
  readonly steps?: boolean;
  readonly values?: ProgramValues;
  readonly expand?: boolean;
}

const alignedBlock = (rows: readonly string[]): string => `\\begin{aligned}\n${rows.map((r) => r.replace(' = ', ' &= ')).join(' \\\\\n')}\n\\end{aligned}`;
const block = (tex: string): string => `$$\n${tex}\n$$`;

export interface Section {
  readonly title: string;
  /** Display formulas. */
  readonly math: readonly string[];
  /** Steps: an equation and its notes (LaTeX), as a numbered list. */
  readonly steps?: readonly { equation: string; notes: string[] }[];
  /** Text forms for copying. */
  readonly code?: readonly string[];
  /** A table: header and rows of LaTeX cells. */
  readonly table?: { readonly header: readonly string[]; readonly rows: readonly (readonly string[])[] };
}

function sections(prog: Program, o: ProgramNoteOptions): Section[] {
  const p = prog.parsed;
  const pass = prog.backward(o.wrt);
  const out: Section[] = [{ title: 'Program', math: [alignedBlock(assignmentEquations(p, 'latex'))], code: assignmentEquations(p, 'text') }];
  const backwardRows = pass.lines.map((l) => `${adjointHeading(p.output, l.name, 'latex')} = ${lineBody(l, p, 'latex')}`);
  if (o.steps === true)
    out.push({ title: 'Backward pass', math: [], steps: latexNotes(pass, p) });
  else out.push({ title: 'Backward pass', math: [alignedBlock(backwardRows)] });
  if (o.expand === true || o.values === undefined) {
    const expanded = prog.expanded(o.wrt);
    out.push({
      title: 'Gradient in terms of the inputs',
      math: [alignedBlock(expanded.map((g) => `${adjointHeading(p.output, g.wrt, 'latex')} = ${exprIn(g.expr, p, 'latex')}`))],
      code: expanded.map((g) => `∂${p.output}/∂${g.wrt} = ${exprIn(g.expr, p, 'text')}`),
    });
  }
  const v = o.values;
  if (v !== undefined) {
    const rhs = new Map(p.assignments.map((a) => [a.name, a.expr]));
    const lines = new Map(pass.lines.map((l) => [l.name, l]));
    out.push({ title: 'Forward pass', math: [], table: { header: ['name', 'assignment', 'value'], rows: v.forward.map((f) => [latexName(f.name), exprIn(rhs.get(f.name)!, p, 'latex'), f.value.toTex()]) } });
    out.push({ title: 'Backward pass at the point', math: [], table: { header: ['adjoint', 'local × upstream', 'value'], rows: v.backward.map((b) => [adjointHeading(p.output, b.name, 'latex'), lineBody(lines.get(b.name)!, p, 'latex'), b.value.toTex()]) } });
  }
  return out;
}

/** Paste-ready Markdown. */
export function programMarkdown(prog: Program, o: ProgramNoteOptions = {}): string {
  return sectionsMarkdown(sections(prog, o));
}

/** Sections as Markdown: a bold title, `$$ … $$` blocks, numbered steps, tables, the text forms in backticks. */
export function sectionsMarkdown(all: readonly Section[]): string {
  const out: string[] = [];
  for (const s of all) {
    out.push(`**${s.title}**`);
    out.push(...s.math.map(block));
    if (s.steps !== undefined)
      s.steps.forEach((step, i) => {
        out.push(`${i + 1}. $${step.equation}$`);
        out.push(...step.notes.map((n) => `   - $${n}$`));
      });
    if (s.table !== undefined)
      out.push([`| ${s.table.header.join(' | ')} |`, `|${s.table.header.map(() => '---|').join('')}`, ...s.table.rows.map((r) => `| ${r.map((c) => `$${c}$`).join(' | ')} |`)].join('\n'));
    if (s.code !== undefined) out.push(s.code.map((c) => `\`${c}\``).join(', '));
  }
  return `${out.join('\n\n')}\n`;
}

/** A standalone HTML page, typeset with KaTeX, that needs no network. */
export function programHtml(prog: Program, o: ProgramNoteOptions = {}): string {
  const title = `Backpropagation through ${prog.output} = ${exprIn(prog.parsed.assignments[prog.parsed.assignments.length - 1]!.expr, prog.parsed, 'text')}`;
  return sectionsHtml(title, sections(prog, o));
}

/** Sections as a standalone page (src/print/html.ts's document: KaTeX CSS and fonts inlined). */
export function sectionsHtml(title: string, all: readonly Section[]): string {
  const body = [`<h1>${escapeHtml(title)}</h1>`];
  for (const s of all) {
    body.push(`<section><h2>${escapeHtml(s.title)}</h2>`);
    for (const m of s.math) body.push(`<div class="math">${render(m, true)}</div>`);
    if (s.steps !== undefined) {
      body.push('<ol class="steps">');
      for (const step of s.steps) body.push(`<li><div class="math">${render(step.equation, true)}</div>${step.notes.map((n) => `<p class="note">${render(n, false)}</p>`).join('')}</li>`);
      body.push('</ol>');
    }
    if (s.table !== undefined)
      body.push(`<table class="values"><thead><tr>${s.table.header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${s.table.rows.map((r) => `<tr>${r.map((c) => `<td>${render(c, false)}</td>`).join('')}</tr>`).join('')}</tbody></table>`);
    if (s.code !== undefined) body.push(`<p>${s.code.map((c) => `<code>${escapeHtml(c)}</code>`).join(', ')}</p>`);
    body.push('</section>');
  }
  return htmlDocument(title, body);
}
