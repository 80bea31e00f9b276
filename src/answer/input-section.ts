/**
 * A note's Input section, the same for every mode: the input typeset as `L = …` when the parsed form is at
 * hand, its text form to copy (the parsed text, as the library's notes print it; else the line as typed),
 * and the point when the answer is at one (--at), so a note read later says where its numbers were taken.
 */
import { math, type Block, type Section } from '../document/model.js';
import { latexName } from '../print/latex.js';
import { pointText, type Point } from '../numeric/exact-eval.js';

/** The point as `x=10, y=50` (text) and `x = 10,\ y = 50` (LaTeX), from the caller's spelling of values. */
export interface PointShown {
  readonly text: string;
  readonly latex: string;
}

/** `line`: the input as typed; `typeset`: it in LaTeX; `copy`: its text form (default: the line, `L = …` kept). */
export function inputSection(line: string, options: { typeset?: string; copy?: string; point?: PointShown } = {}): Section {
  const blocks: Block[] = [];
  if (options.typeset !== undefined) blocks.push({ kind: 'math', items: [math('', options.typeset)] });
  blocks.push({ kind: 'copy', texts: [options.copy ?? line.trim()] });
  if (options.point !== undefined) blocks.push(pointBlock(options.point));
  return { title: 'Input', id: 'input', only: 'notes', blocks };
}

/** A scalar point as the Input section shows it. */
export const pointShown = (p: Point): PointShown => ({ text: pointText(p), latex: [...p].map(([k, v]) => `${latexName(k)} = ${v.toTex()}`).join(',\\ ') });

/** The point's block, under a program's equations. */
export const pointBlock = (point: PointShown): Block => ({ kind: 'math', items: [math(`at ${point.text}`, `\\text{at } ${point.latex}`)] });
