/**
 * `--cse` as LaTeX: one `aligned` block, the temporaries first
 * (`t_{1} &= …`), then each derivative (`\frac{\partial f}{\partial w} &= …`).
 */
import { toLatex, latexName } from './latex.js';
import { latexHeading } from './heading.js';
import type { ResultItem } from './equation.js';
import { cseForm } from './cse-form.js';

export function cseToLatex(items: readonly ResultItem[], name = 'f'): string {
  const { bindings, results, order } = cseForm(items);
  const rows = bindings.map((b) => `${latexName(b.name)} &= ${toLatex(b.expr, { order })}`);
  for (const r of results) rows.push(`${latexHeading(r.wrt, name)} &= ${toLatex(r.expr, { order })}`);
  return `\\begin{aligned}\n${rows.join(' \\\\\n')}\n\\end{aligned}`;
}
