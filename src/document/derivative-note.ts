/**
 * The note of one expression's derivatives — its input, result and derivations as sections — made once for
 * the command line (src/answer/derivatives.ts) and for the library's `toMarkdown()`, `toHtml()`,
 * `toMarkdownNote()` and `toHtmlPage()`, so both print the same note through the same renderers.
 */
import type { Expr } from '../core/expr.js';
import { toText } from '../print/text.js';
import { toLatex, latexName } from '../print/latex.js';
import { textHeading, latexHeading } from '../print/heading.js';
import { derivativeEquation, gradientEquation, isGradient, NOTE_WIDTH, type ResultItem } from '../print/equation.js';
import { stepsToText } from '../print/steps-text.js';
import { stepsToLatex, latexStepParts } from '../print/steps-latex.js';
import { pageDerivations, type PageItem } from '../steps/page.js';
import type { Derivation, Detail } from '../steps/record.js';
import { inputSection } from '../answer/input-section.js';
import { math, lazyMath, lazySection, type Block, type Document, type Section } from './model.js';

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

/** What a note of derivatives is made of. */
export interface DerivativeNote {
  readonly results: readonly ResultItem[];
  /** One derivative asked for by name: printed alone, without its heading. */
  readonly single: boolean;
  readonly derivations?: readonly Derivation[];
}

const textOf = (d: ResultItem): string => toText(d.expr, { order: d.order });

/** A page's title: `∇L of …` or `∂L/∂w of …`. */
export function derivativeTitle(results: readonly ResultItem[], name: string): string {
  const first = results[0]!;
  return `${isGradient(results) ? `∇${name}` : `∂${name}/∂${first.variables.join('∂')}`} of ${toText(first.input, { order: first.order })}`;
}

/** The sections: the derivatives as lines or one gradient equation (text, LaTeX); the note's input, result and steps. */
export function derivativeSections(a: DerivativeNote, name: string): Section[] {
  const first = a.results[0]!;
  const order = first.order;
  // Made when a renderer reads them, each spelling apart: the text output of a 20,000-term derivative never
  // spends its time on LaTeX, nor on the sections only notes show (issue 27).
  const input = lazySection({ title: 'Input', id: 'input', only: 'notes' }, () =>
    inputSection('', { typeset: `${latexName(name)} = ${toLatex(first.input, { order })}`, copy: toText(first.input, { order }) }).blocks,
  );
  const texts = new Map<ResultItem, string>();
  const text = (d: ResultItem): string => {
    let t = texts.get(d);
    if (t === undefined) texts.set(d, (t = textOf(d)));
    return t;
  };
  const lines = a.results.map((d) => lazyMath(() => (a.single ? text(d) : `${textHeading(d.variables)} = ${text(d)}`), () => derivativeEquation(d, name)));
  // LaTeX shows a gradient as one ∇ equation; a note does too while it fits the page.
  let gradient: string | undefined;
  const gradientLatex = (): string => (gradient ??= gradientEquation(a.results, name));
  const latexItems = isGradient(a.results) ? [lazyMath(() => lines.map((l) => l.text).join('\n'), gradientLatex)] : lines;
  const result: Section[] = [
    { only: 'lines', blocks: a.derivations === undefined ? [{ kind: 'math', items: latexItems }] : [] },
    lazySection({ title: 'Result', id: 'result', only: 'notes' }, () => [
      { kind: 'math', items: !isGradient(a.results) || gradientLatex().length > NOTE_WIDTH ? lines : latexItems },
      { kind: 'copy', texts: a.results.map(text) },
    ]),
  ];
  const several = a.results.length > 1 || isGradient(a.results);
  const steps: Section[] = (a.derivations ?? []).map((d, i) => {
    const item = a.results[i]!;
    return {
      title: several ? math(`Steps for ${textHeading(item.variables)}`, `Steps for $${latexHeading(item.variables, name)}$`) : 'Steps',
      blocks: [derivationBlock(d, item.order, name)],
    };
  });
  return [input, ...result, ...steps];
}

/** A derivation's block: whole in text and LaTeX, and in parts for a page (values at the point, when given). */
export function derivationBlock(d: Derivation, order: readonly string[], name: string, value?: { text: (e: Expr) => string; latex: (e: Expr) => string }): Block {
  const textOptions = { order, name, ...(value === undefined ? {} : { value: value.text }) };
  const latexOptions = { order, name, ...(value === undefined ? {} : { value: value.latex }) };
  return {
    kind: 'derivation',
    text: stepsToText(d, textOptions),
    latex: stepsToLatex(d, latexOptions),
    noteLatex: stepsToLatex(d, { ...latexOptions, withInput: false }),
    parts: latexStepParts(d, latexOptions),
  };
}

/** The library's note of derivatives (toMarkdown, toHtml): the command line's note, without its JSON. */
export function noteDocument(items: readonly NoteItem[], options: NoteOptions = {}): Document {
  const name = options.name ?? 'f';
  const detail = stepsDetail(options.steps);
  const note: DerivativeNote = { results: items, single: false, ...(detail === undefined ? {} : { derivations: pageDerivations(items, detail, name) }) };
  return {
    title: derivativeTitle(items, name),
    sections: derivativeSections(note, name),
    json: () => ({}),
    exitCode: 0,
    notes: [],
    warnings: [],
  };
}
