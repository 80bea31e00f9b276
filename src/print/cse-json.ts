/**
 * `--cse` as JSON: { input, parsed, cse: [{ name, text, latex }], derivatives: [{ wrt, order, text, latex }] },
 * the derivatives' text and LaTeX in terms of the temporaries (same fields as the plain JSON output).
 */
import { toText } from './text.js';
import { toLatex } from './latex.js';
import type { ResultItem } from './equation.js';
import { cseForm } from './cse-form.js';

export function cseToJSON(input: string, items: readonly ResultItem[]): string {
  const { bindings, results, order } = cseForm(items);
  const wrtOf = (wrt: readonly string[]): string => (wrt.length === 1 ? wrt[0]! : wrt.join(','));
  return JSON.stringify({
    input,
    parsed: items[0] === undefined ? '' : toText(items[0].input, { order: items[0].order }),
    wrt: items.map((r) => wrtOf(r.variables)),
    cse: bindings.map((b) => ({ name: b.name, text: toText(b.expr, { order }), latex: toLatex(b.expr, { order }) })),
    derivatives: results.map((r) => ({
      wrt: wrtOf(r.wrt),
      order: r.wrt.length,
      text: toText(r.expr, { order }),
      latex: toLatex(r.expr, { order }),
    })),
  });
}
