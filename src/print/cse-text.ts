/**
 * `--cse` as text: one `t1 = …` line per temporary, then the results, in the
 * same shape as without --cse (a lone result on its own line, a gradient as
 * `∂/∂w = …` lines). Every line is mathjs-compatible on its right-hand side.
 */
import { toText } from './text.js';
import { textHeading } from './heading.js';
import type { ResultItem } from './equation.js';
import { cseForm } from './cse-form.js';

export function cseToText(items: readonly ResultItem[], single: boolean): string {
  const { bindings, results, order } = cseForm(items);
  const lines = bindings.map((b) => `${b.name} = ${toText(b.expr, { order })}`);
  for (const r of results) lines.push(single ? toText(r.expr, { order }) : `${textHeading(r.wrt)} = ${toText(r.expr, { order })}`);
  return lines.join('\n');
}
