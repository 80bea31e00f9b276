/**
 * One renderer per format, each over the whole document (model.ts):
 * - text and LaTeX (lines.ts): the blocks' own spellings, line by line;
 * - Markdown (markdown.ts): each section's title in bold, math in `$$ … $$` blocks, copies in backticks;
 * - HTML: the same sections (html.ts) as a standalone page typeset by KaTeX (src/print/html.ts: no scripts);
 * - JSON: the answer's data;
 * - code: the generated source.
 * Notes end with the whole text output in a code block when the document asks for it (values, checks).
 */
import { escapeHtml, htmlDocument, render as katex } from '../print/html.js';
import type { Document } from './model.js';
import type { Format } from '../request/request.js';
import { renderLines } from './lines.js';
import { renderMarkdown } from './markdown.js';
import { sectionsHtml } from './html.js';

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

function renderHtml(doc: Document): string {
  const body = [`<h1>${escapeHtml(doc.title)}</h1>`, ...sectionsHtml(doc, katex)];
  if (doc.textCopy === true) body.push(`<section><pre><code>${escapeHtml(renderLines(doc, 'text'))}</code></pre></section>`);
  return htmlDocument(doc.title, body).replace(/\n$/, '');
}

/** Code formats: the generated source (the document's one source block). */
function renderSource(doc: Document): string {
  return doc.sections.flatMap((s) => s.blocks).flatMap((b) => (b.kind === 'source' ? [b.source] : [])).join('\n\n');
}
