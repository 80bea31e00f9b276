/**
 * The text and LaTeX renderers: each block that has that spelling, in order, one per line — what a terminal
 * shows and what `--format latex` prints. Sections only for notes are left out.
 */
import type { Block, Document } from './model.js';

/**
 * Text or LaTeX: every block that has that spelling, in order, one per line. Derivations stand apart by a blank
 * line, and in LaTeX so does an environment that spans lines (an `aligned` block beside another).
 */
export function renderLines(doc: Document, spelling: 'text' | 'latex'): string {
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

