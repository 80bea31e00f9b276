/**
 * HTML pieces shared by every page that typesets deriv's LaTeX — the HTML renderer of a document (through
 * KaTeX in Node) and the playground (KaTeX in the browser): escaping, and a step's note as wrapping words
 * with only its math typeset. No Node built-ins here: the playground bundles this file.
 */

/** Typesets one piece of LaTeX, inline or as a display. */
export type Typeset = (tex: string, display: boolean) => string;

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** What escapeText (steps-latex.ts) wrote inside \text{…}, back as plain characters. */
const unescapeText = (t: string): string =>
  t.replace(/\\textbackslash\{\}/g, '\\').replace(/\\textasciicircum\{\}/g, '^').replace(/\\textasciitilde\{\}/g, '~').replace(/\\([{}$&%#_])/g, '$1');

/** Whether a piece of LaTeX closes every group it opens (a \text{…} inside \left…\right or {…} stays math). */
function balanced(tex: string): boolean {
  const plain = tex.replace(/\\[{}]/g, '');
  const count = (re: RegExp): number => (plain.match(re) ?? []).length;
  return count(/\{/g) === count(/\}/g) && count(/\\left\b/g) === count(/\\right\b/g);
}

/**
 * A step's note: its words as HTML text, so a long note wraps like a paragraph, and only the math between
 * them typeset (KaTeX keeps an inline formula, \text{…} included, on one unbreakable line). A \text{…}
 * holding math of its own ($…$) stays part of the formula.
 */
export function noteHtml(tex: string, typeset: Typeset): string {
  const out: string[] = [];
  let math = '';
  const flush = (): void => {
    if (math.trim() !== '') out.push(typeset(math, false));
    math = '';
  };
  let i = 0;
  while (i < tex.length) {
    if (!tex.startsWith('\\text{', i) || !balanced(math)) {
      math += tex[i++];
      continue;
    }
    let j = i + 6;
    let depth = 1;
    while (j < tex.length && depth > 0) {
      if (tex[j] === '\\') j += 2;
      else {
        if (tex[j] === '{') depth++;
        else if (tex[j] === '}') depth--;
        j++;
      }
    }
    const inner = tex.slice(i + 6, j - 1);
    if (inner.includes('$')) math += tex.slice(i, j);
    else {
      flush();
      out.push(escapeHtml(unescapeText(inner)));
    }
    i = j;
  }
  flush();
  return out.join('');
}
