/**
 * One renderer per format, each over the whole document (model.ts):
 * - text and LaTeX: the blocks' own spellings, line by line (derivations and paragraphs apart by a blank line);
 * - Markdown (Obsidian, Typora): each section's title in bold, math in `$$ … $$` blocks, copies in backticks;
 * - HTML: the same sections as a standalone page typeset by KaTeX (src/print/html.ts's document: no scripts);
 * - JSON: the answer's data;
 * - code: the generated source.
 * Notes end with the whole text output in a code block when the document asks for it (values, checks).
 */
import { escapeHtml, htmlDocument, noteHtml, render as katex } from '../print/html.js';
import type { Block, Document, Math, Section } from './model.js';
import type { Format } from '../request/request.js';

export function renderDocument(doc: Document, format: Format): string {
  switch (format) {
    case 'text':
      return renderLines(doc, 'text');
    case 'latex':
      return renderLines(doc, 'latex');
    case 'markdown':
      return renderMarkdown(doc);
    case 'html':
      return renderHtml(doc);
    case 'json':
      return JSON.stringify(doc.json());
    default:
      return renderSource(doc);
  }
}

/**
 * Text or LaTeX: every block that has that spelling, in order, one per line. Derivations stand apart by a blank
 * line, and in LaTeX so does an environment that spans lines (an `aligned` block beside another).
 */
function renderLines(doc: Document, spelling: 'text' | 'latex'): string {
  let out = '';
  let previous: { kind: Block['kind']; multiline: boolean } | undefined;
  for (const s of doc.sections) {
    if (s.only !== undefined && s.only !== 'lines' && s.only !== spelling) continue;
    for (const b of s.blocks) {
      const t = blockLines(b, spelling);
      if (t === undefined || t === '') continue;
      const multiline = spelling === 'latex' && t.includes('\n');
      const apart = previous !== undefined && (b.kind === 'derivation' || previous.kind === 'derivation' || multiline || previous.multiline);
      out += previous === undefined ? t : apart ? `\n\n${t}` : `\n${t}`;
      previous = { kind: b.kind, multiline };
    }
  }
  return out;
}

function blockLines(b: Block, spelling: 'text' | 'latex'): string | undefined {
  switch (b.kind) {
    case 'math':
      return b.items.map((m) => m[spelling]).filter((t) => t !== '').join(b.paragraphs === true ? '\n\n' : '\n');
    case 'derivation':
      return b[spelling];
    case 'source':
      return b.source;
    default:
      return undefined;
  }
}

const titleMarkdown = (t: string | Math): string => (typeof t === 'string' ? t : t.latex.includes('$') ? t.latex : t.text);
const titleHtml = (t: string | Math): string =>
  typeof t === 'string' ? escapeHtml(t) : t.latex.replace(/\$([^$]+)\$|([^$]+)/g, (_, m: string | undefined, words: string | undefined) => (m !== undefined ? katex(m, false) : escapeHtml(words!)));

const display = (tex: string): string => `$$\n${tex}\n$$`;
const inNotes = (s: Section): boolean => s.only === undefined || s.only === 'notes';

function renderMarkdown(doc: Document): string {
  const out: string[] = [];
  for (const s of doc.sections) {
    if (!inNotes(s)) continue;
    if (s.title !== undefined) out.push(`**${titleMarkdown(s.title)}**`);
    for (const b of s.blocks) out.push(...blockMarkdown(b));
  }
  if (doc.textCopy === true) out.push(`\`\`\`text\n${renderLines(doc, 'text')}\n\`\`\``);
  return out.join('\n\n');
}

function blockMarkdown(b: Block): string[] {
  switch (b.kind) {
    case 'math':
      return b.items.map((m) => display(m.latex));
    case 'derivation':
      return [display(b.noteLatex)];
    case 'steps':
      return [b.steps.flatMap((step, i) => [`${i + 1}. $${step.equation}$`, ...step.notes.map((n) => `   - $${n}$`)]).join('\n')];
    case 'table':
      return [[`| ${b.header.join(' | ')} |`, `|${b.header.map(() => '---|').join('')}`, ...b.rows.map((r) => `| ${r.map((c) => `$${c}$`).join(' | ')} |`)].join('\n')];
    case 'copy':
      return [b.texts.map((t) => `\`${t}\``).join(', ')];
    case 'source':
      return [`\`\`\`${b.language}\n${b.source}\n\`\`\``];
  }
}

function renderHtml(doc: Document): string {
  const body = [`<h1>${escapeHtml(doc.title)}</h1>`];
  for (const s of doc.sections) if (inNotes(s)) body.push(sectionHtml(s));
  if (doc.textCopy === true) body.push(`<section><pre><code>${escapeHtml(renderLines(doc, 'text'))}</code></pre></section>`);
  return htmlDocument(doc.title, body).replace(/\n$/, '');
}

function sectionHtml(s: Section): string {
  const derivation = s.blocks.some((b) => b.kind === 'derivation');
  const attrs = `${s.id === undefined ? '' : ` id="${escapeHtml(s.id)}"`}${derivation ? ' class="derivation"' : ''}`;
  const out = [`<section${attrs}>`];
  if (s.title !== undefined) out.push(`<h2>${titleHtml(s.title)}</h2>`);
  for (const b of s.blocks) out.push(blockHtml(b));
  out.push('</section>');
  return out.join('');
}

function blockHtml(b: Block): string {
  switch (b.kind) {
    case 'math':
      return b.items.map((m) => `<div class="math">${katex(m.latex, true)}</div>`).join('');
    case 'derivation': {
      const p = b.parts;
      const defs = p.definitions.length === 0 ? '' : `<div class="defs"><p>with the names</p>${p.definitions.map((t) => `<div class="math">${katex(t, true)}</div>`).join('')}</div>`;
      const steps = p.steps.map((st) => `<li data-rule="${escapeHtml(st.rule)}"><div class="math">${katex(st.equation, true)}</div><p class="note">${noteHtml(st.note)}</p></li>`).join('');
      return `${defs}<ol class="steps">${steps}</ol><div class="math final">${katex(p.result, true)}</div>`;
    }
    case 'steps':
      return `<ol class="steps">${b.steps.map((st) => `<li><div class="math">${katex(st.equation, true)}</div>${st.notes.map((n) => `<p class="note">${katex(n, false)}</p>`).join('')}</li>`).join('')}</ol>`;
    case 'table':
      return `<table class="values"><thead><tr>${b.header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${b.rows.map((r) => `<tr>${r.map((c) => `<td>${katex(c, false)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
    case 'copy':
      return `<p class="copy">${b.texts.map((t) => `<code>${escapeHtml(t)}</code>`).join(', ')}</p>`;
    case 'source':
      return `<pre><code>${escapeHtml(b.source)}</code></pre>`;
  }
}

/** Code formats: the generated source (the document's one source block). */
function renderSource(doc: Document): string {
  return doc.sections.flatMap((s) => s.blocks).flatMap((b) => (b.kind === 'source' ? [b.source] : [])).join('\n\n');
}
