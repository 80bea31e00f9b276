/**
 * Paste-ready Markdown for Obsidian, Typora and anything with KaTeX or MathJax:
 * the input, the result and (optionally) the derivation, each in a `$$ … $$`
 * block on lines of its own, with the text form in inline code for copying.
 * Uses only LaTeX that both KaTeX and MathJax render.
 */
import { toText } from './text.js';
import { toLatex, latexName } from './latex.js';
import { resultEquations, isGradient, NOTE_WIDTH, type ResultItem } from './equation.js';
import { stepsToLatex } from './steps-latex.js';
import { latexHeading } from './heading.js';
import type { Detail } from '../steps/record.js';
import { pageDerivations, type PageItem } from '../steps/page.js';

/** A result that can also produce its derivation on a page (the Derivative class). */
export interface NoteItem extends ResultItem, PageItem {}

export interface NoteOptions {
  /** The function's name (default f). */
  readonly name?: string;
  /** Include the derivation, brief or full (default: no steps). */
  readonly steps?: Detail | boolean;
}

export const stepsDetail = (steps: Detail | boolean | undefined): Detail | undefined =>
  steps === true ? 'brief' : steps === false || steps === undefined ? undefined : steps;

const block = (tex: string): string => `$$\n${tex}\n$$`;

export function toMarkdownNote(items: readonly NoteItem[], options: NoteOptions = {}): string {
  const name = options.name ?? 'f';
  const first = items[0]!;
  const out: string[] = ['**Input**', block(`${latexName(name)} = ${toLatex(first.input, { order: first.order })}`)];
  out.push(`\`${toText(first.input, { order: first.order })}\``);
  out.push('**Result**', ...resultEquations(items, name, NOTE_WIDTH).map(block));
  out.push(items.map((r) => `\`${toText(r.expr, { order: r.order })}\``).join(', '));
  const detail = stepsDetail(options.steps);
  if (detail !== undefined) {
    const several = items.length > 1 || isGradient(items);
    const derivations = pageDerivations(items, detail, name);
    for (const [i, item] of items.entries()) {
      out.push(several ? `**Steps for $${latexHeading(item.variables, name)}$**` : '**Steps**');
      out.push(block(stepsToLatex(derivations[i]!, { order: item.order, name, withInput: false })));
    }
  }
  return `${out.join('\n\n')}\n`;
}
