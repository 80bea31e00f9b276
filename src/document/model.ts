/**
 * The document an answer is printed from, the same for every format: sections of blocks, where every piece
 * of math is held in both spellings (`Math`: the text a terminal shows and a program reads back, and the
 * LaTeX a note typesets). One renderer per format (render.ts) walks it — text and LaTeX print the blocks'
 * spellings, Markdown and HTML make a note of the sections, JSON prints the answer's data (`json`), code
 * prints the generated source — so no front end reads another's output back.
 */
import type { DerivWarning } from '../warnings.js';
import type { LatexStepParts } from '../print/steps-latex.js';

/** One piece of math, in both spellings (either may span lines: an `aligned` block, a list of rows). */
export interface Math {
  readonly text: string;
  readonly latex: string;
}

/** A derivation (--steps), already spelled: whole in text and LaTeX, and in parts for a page's numbered list. */
export interface DerivationBlock {
  readonly kind: 'derivation';
  readonly text: string;
  readonly latex: string;
  /** For notes: the LaTeX without the input line (the note shows the input above), and its parts. */
  readonly noteLatex: string;
  readonly parts: LatexStepParts;
}

export type Block =
  /** Equations and values, one item per line (text) or display (notes); `paragraphs`: a blank line between items. */
  | { readonly kind: 'math'; readonly items: readonly Math[]; readonly paragraphs?: boolean }
  | DerivationBlock
  /** Steps of a program's backward pass in a note: each line's equation and why (LaTeX). */
  | { readonly kind: 'steps'; readonly steps: readonly { readonly equation: string; readonly notes: readonly string[] }[] }
  /** A table of LaTeX cells (notes only; the text output shows the same values as lines). */
  | { readonly kind: 'table'; readonly header: readonly string[]; readonly rows: readonly (readonly string[])[] }
  /** Text forms to copy, under a note's formulas (`2*x*w`, …). */
  | { readonly kind: 'copy'; readonly texts: readonly string[] }
  /** Generated source code. */
  | { readonly kind: 'source'; readonly language: string; readonly source: string };

export interface Section {
  /** A note's heading for the section (text, or math in both spellings). */
  readonly title?: string | Math;
  /** The section's id on an HTML page. */
  readonly id?: string;
  /** `notes`: only in Markdown and HTML (the input echoed); `lines`: only in text and LaTeX; `text`, `latex`: only there. */
  readonly only?: 'notes' | 'lines' | 'text' | 'latex';
  readonly blocks: readonly Block[];
}

/** Which spellings of each formula an answer's JSON carries (--batch's "format": text, latex, or json for both). */
export interface Spellings {
  readonly text: boolean;
  readonly latex: boolean;
}
export const BOTH: Spellings = Object.freeze({ text: true, latex: true });

/** `{ text, latex }` as the spellings ask, each made only when asked for. */
export function spelled(sp: Spellings, text: () => string, latex: () => string): { text?: string; latex?: string } {
  const out: { text?: string; latex?: string } = {};
  if (sp.text) out.text = text();
  if (sp.latex) out.latex = latex();
  return out;
}

/**
 * What an answer prints. Builders may make `sections` a getter: a --batch answer reads only `json`, and a
 * terminal's answer never its JSON, so neither pays for the other.
 */
export interface Document {
  /** A page's title. */
  readonly title: string;
  readonly sections: readonly Section[];
  /** The answer as JSON (format json; --batch answers), with the spellings asked for (default both). */
  json(spellings?: Spellings): Readonly<Record<string, unknown>>;
  /** Notes end with the whole text output in a code block (values, checks, steps of descent), instead of short copies. */
  readonly textCopy?: boolean;
  /** 0; 1 for a wrong --check claim. */
  readonly exitCode: number;
  /** Said on stderr (the text formats) or in the JSON (`note`). */
  readonly notes: readonly string[];
  readonly warnings: readonly DerivWarning[];
}

export const math = (text: string, latex: string): Math => ({ text, latex });

/**
 * Math whose spellings are made when a renderer first reads them: the text output never prints a long
 * formula's LaTeX, nor the LaTeX output its text (a 20,000-term derivative spends a third of a second on each).
 */
export function lazyMath(text: () => string, latex: () => string): Math {
  let t: string | undefined;
  let l: string | undefined;
  return {
    get text() {
      t ??= text();
      return t;
    },
    get latex() {
      l ??= latex();
      return l;
    },
  };
}

/** Whether a section is part of a note (Markdown, HTML, the playground). */
export const inNotes = (s: Section): boolean => s.only === undefined || s.only === 'notes';

/**
 * A section whose blocks are made when a renderer first reads them: a note's section that costs work (a
 * program's gradient written in its inputs) costs nothing in the text and LaTeX outputs, which skip it.
 */
export function lazySection(head: Omit<Section, 'blocks'>, blocks: () => readonly Block[]): Section {
  let made: readonly Block[] | undefined;
  return {
    ...head,
    get blocks() {
      made ??= blocks();
      return made;
    },
  };
}
