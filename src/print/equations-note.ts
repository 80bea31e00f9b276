/**
 * A note made of an output's LaTeX and text forms (the numeric options, matrix form): the input, each
 * equation typeset (`$$ … $$` blocks in Markdown, KaTeX in an HTML page), and the text output under it
 * to copy. Equations are the LaTeX output's lines, or its blank-line-separated blocks when it has
 * environments (`aligned`, `array`) that span lines.
 */
import { toHtmlEquations } from './html.js';

export function equationsNote(format: 'markdown' | 'html', input: string, tex: string, text: string): string {
  const equations = tex.includes('\\begin{aligned}') || tex.includes('\\begin{array}') ? tex.split('\n\n') : tex.split('\n');
  if (format === 'html') return toHtmlEquations(input, equations, text).replace(/\n$/, '');
  return ['**Input**', `\`${input}\``, ...equations.map((t) => `$$\n${t}\n$$`), '```text\n' + text + '\n```'].join('\n\n');
}
