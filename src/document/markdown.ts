/**
 * The Markdown renderer (Obsidian, Typora): each section's title in bold, math in `$$ … $$` blocks, a program's
 * steps as a numbered list, tables as pipe tables, copies in backticks; notes that ask for it end with the whole
 * text output in a code block.
 */
import { inNotes, type Block, type Document, type Math } from './model.js';
import { renderLines } from './lines.js';

const titleMarkdown = (t: string | Math): string => (typeof t === 'string' ? t : t.latex.includes('$') ? t.latex : t.text);
const display = (tex: string): string => `$$\n${tex}\n$$`;

export function renderMarkdown(doc: Document): string {
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

