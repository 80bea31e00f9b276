/**
 * `--cse` as text: one `t1 = …` line per temporary, then the results, in the
 * same shape as without --cse (a lone result on its own line, a gradient as
 * `∂/∂w = …` lines). Every line is mathjs-compatible on its right-hand side.
 */
import { toText } from './text.js';
import { textHeading } from './heading.js';
import type { ResultItem } from './equation.js';
import { cseForm } from './cse-form.js';
import type { CodeProgram } from '../code/ir.js';

export function cseToText(items: readonly ResultItem[], single: boolean): string {
  const { bindings, results, order } = cseForm(items);
  const lines = bindings.map((b) => `${b.name} = ${toText(b.expr, { order })}`);
  for (const r of results) lines.push(single ? toText(r.expr, { order }) : `${textHeading(r.wrt)} = ${toText(r.expr, { order })}`);
  return lines.join('\n');
}

/**
 * A straight-line program (src/code/ir.ts) in the same text shape: `t1 = …` lines, then the results.
 * --cse uses it for a gradient built by reverse mode, where the written-out derivative is too large.
 */
export function codeProgramToText(p: CodeProgram, single: boolean): string {
  const lines = p.temps.map((t) => `${t.name} = ${toText(t.expr, { order: p.order })}`);
  for (const o of p.outputs) {
    const text = toText(o.exprs[0]!, { order: p.order });
    lines.push(single ? text : `${textHeading(o.key.split(','))} = ${text}`);
  }
  return lines.join('\n');
}
