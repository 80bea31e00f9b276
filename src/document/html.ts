/**
 * A document's sections as HTML, typeset by the caller's KaTeX: in Node for `--format html` (render.ts wraps
 * them in a standalone page), in the browser for the playground, which shows every answer this way. No Node
 * built-ins here: the playground bundles this file.
 */
import { escapeHtml, noteHtml, type Typeset } from '../print/note-html.js';
import { inNotes, type Block, type Document, type Math, type Section } from './model.js';

/** The sections a note shows, each as one <section> element. */
export function sectionsHtml(doc: Document, typeset: Typeset): string[] {
  return doc.sections.filter(inNotes).map((s) => sectionHtml(s, typeset));
}

const titleHtml = (t: string | Math, katex: Typeset): string =>
  typeof t === 'string' ? escapeHtml(t) : t.latex.replace(/\$([^$]+)\$|([^$]+)/g, (_, m: string | undefined, words: string | undefined) => (m !== undefined ? katex(m, false) : escapeHtml(words!)));

function sectionHtml(s: Section, katex: Typeset): string {
  const derivation = s.blocks.some((b) => b.kind === 'derivation');
  const attrs = `${s.id === undefined ? '' : ` id="${escapeHtml(s.id)}"`}${derivation ? ' class="derivation"' : ''}`;
  const out = [`<section${attrs}>`];
  if (s.title !== undefined) out.push(`<h2>${titleHtml(s.title, katex)}</h2>`);
  for (const b of s.blocks) out.push(blockHtml(b, katex));
  out.push('</section>');
  return out.join('');
}

function blockHtml(b: Block, katex: Typeset): string {
  switch (b.kind) {
    case 'math':
      return b.items.map((m) => `<div class="math">${katex(m.latex, true)}</div>`).join('');
    case 'derivation': {
      const p = b.parts;
      const defs = p.definitions.length === 0 ? '' : `<div class="defs"><p>with the names</p>${p.definitions.map((t) => `<div class="math">${katex(t, true)}</div>`).join('')}</div>`;
      const steps = p.steps.map((st) => `<li data-rule="${escapeHtml(st.rule)}"><div class="math">${katex(st.equation, true)}</div><p class="note">${noteHtml(st.note, katex)}</p></li>`).join('');
      return `${defs}<ol class="steps">${steps}</ol><div class="math final">${katex(p.result, true)}</div>`;
    }
    case 'steps':
      return `<ol class="steps">${b.steps.map((st) => `<li><div class="math">${katex(st.equation, true)}</div>${st.notes.map((n) => `<p class="note">${noteHtml(n, katex)}</p>`).join('')}</li>`).join('')}</ol>`;
    case 'table':
      return `<table class="values"><thead><tr>${b.header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${b.rows.map((r) => `<tr>${r.map((c) => `<td>${katex(c, false)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
    case 'copy':
      return `<p class="copies">${b.texts.map((t) => `<code>${escapeHtml(t)}</code>`).join(', ')}</p>`;
    case 'source':
      return `<pre><code>${escapeHtml(b.source)}</code></pre>`;
  }
}

