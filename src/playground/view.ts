/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Writing a View into the page: typeset formulas (KaTeX, in the browser), the error box with its caret,
 * the variable toggles and point fields (rebuilt only when the variables change, so focus and typed
 * values survive keystrokes), the steps and the values. No state lives here; src/playground/main.ts
 * owns it and calls these.
 */
import katex from 'katex';
import type { ErrorView, StepsSection, ValuesView } from './model.js';

export const byId = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`the page has no #${id}`);
  return el as T;
};

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Typesets LaTeX; a KaTeX error (a printer bug) shows as KaTeX's red source, never a blank. */
export function tex(latex: string, display: boolean): string {
  return katex.renderToString(latex, { displayMode: display, throwOnError: false, output: 'htmlAndMathml', strict: 'ignore' });
}

/**
 * Sets el's HTML from `make()` unless el already shows the same content (`key`): a keystroke usually
 * changes the result but not the values or steps, and an unchanged formula is neither typeset nor laid
 * out again.
 */
function replace(el: HTMLElement, key: string, make: () => string): void {
  if (el.dataset['shown'] === key) return;
  el.innerHTML = make();
  el.dataset['shown'] = key;
}

export function showMath(el: HTMLElement, formulas: readonly string[]): void {
  replace(el, JSON.stringify(formulas), () => formulas.map((f) => tex(f, true)).join(''));
}

/**
 * The error with the line it points into and a caret under the position (1-based line and column, as
 * editors count), then the hint. Positions count UTF-16 units in DerivError; the caret counts characters.
 */
export function showError(el: HTMLElement, err: ErrorView | undefined): void {
  el.hidden = err === undefined;
  if (err === undefined) {
    el.innerHTML = '';
    return;
  }
  const parts = [`<p><span class="code">${escapeHtml(err.code)}</span> ${escapeHtml(err.message)}</p>`];
  if (err.input !== undefined && err.position !== undefined) {
    const pos = Math.max(0, Math.min(err.position, err.input.length));
    const lineStart = err.input.lastIndexOf('\n', pos - 1) + 1;
    const lineEnd = err.input.indexOf('\n', pos) < 0 ? err.input.length : err.input.indexOf('\n', pos);
    const line = err.input.slice(lineStart, lineEnd);
    const column = [...err.input.slice(lineStart, pos)].length;
    const lineNo = err.input.slice(0, lineStart).split('\n').length;
    parts.push(
      `<pre data-position="${pos}" data-column="${column + 1}" aria-label="at line ${lineNo}, column ${column + 1}">${escapeHtml(line)}\n${' '.repeat(column)}<span class="caret">^</span></pre>`,
      `<p class="where">at ${lineNo > 1 || err.input.includes('\n') ? `line ${lineNo}, ` : ''}column ${column + 1}</p>`,
    );
  }
  if (err.hint !== undefined) parts.push(`<p class="hint">hint: ${escapeHtml(err.hint)}</p>`);
  el.innerHTML = parts.join('');
}

export function showList(el: HTMLElement, items: readonly string[]): void {
  el.innerHTML = items.map((i) => `<li>${escapeHtml(i)}</li>`).join('');
}

/** What the printers escaped inside \\text{…}, back as plain characters. */
const unescapeText = (t: string): string =>
  t.replace(/\\textbackslash\{\}/g, '\\').replace(/\\textasciicircum\{\}/g, '^').replace(/\\textasciitilde\{\}/g, '~').replace(/\\([{}$&%#_])/g, '$1');

/** A note in LaTeX: its words as wrapping HTML text, the math between them typeset inline. */
function noteHtml(note: string): string {
  const out: string[] = [];
  let i = 0;
  let math = '';
  const flush = (): void => {
    if (math.trim() !== '') out.push(tex(math, false));
    math = '';
  };
  while (i < note.length) {
    if (!note.startsWith('\\text{', i)) {
      math += note[i++];
      continue;
    }
    let j = i + 6;
    for (let depth = 1; j < note.length && depth > 0; j++) {
      if (note[j] === '\\') j++;
      else if (note[j] === '{') depth++;
      else if (note[j] === '}') depth--;
    }
    const inner = note.slice(i + 6, j - 1);
    // \text{…} holding math of its own ($…$) stays one formula; plain words become HTML text.
    if (inner.includes('$')) math += note.slice(i, j);
    else {
      flush();
      out.push(escapeHtml(unescapeText(inner)));
    }
    i = j;
  }
  flush();
  return out.join('');
}

function sectionHtml(s: StepsSection): string {
  if (s.text !== undefined) return `<pre class="plain steps-text">${escapeHtml(s.text)}</pre>`;
  const heading = s.heading === '' ? '' : `<h3>${tex(s.heading, false)}</h3>`;
  const defs = s.definitions.map((d) => tex(d, true)).join('');
  const steps = s.steps.map((st) => `<li data-rule="${escapeHtml(st.rule)}"><div class="math">${tex(st.equation, true)}</div><p class="note">${noteHtml(st.note)}</p></li>`).join('');
  return `<section class="derivation">${heading}<div class="math">${defs}</div><ol class="steps">${steps}</ol><div class="math final">${s.results.map((r) => tex(r, true)).join('')}</div></section>`;
}

export function showSteps(el: HTMLElement, sections: readonly StepsSection[] | undefined): void {
  replace(el, JSON.stringify(sections ?? []), () => (sections ?? []).map(sectionHtml).join(''));
}

export function showValues(el: HTMLElement, values: ValuesView | undefined): void {
  replace(el, JSON.stringify(values?.rows ?? []), () => (values === undefined ? '' : values.rows.map((r) => `<div class="value" data-text="${escapeHtml(r.text)}">${tex(r.latex, true)}</div>`).join('')));
}

/** Rebuilds the wrt checkboxes when the variables differ from those shown; keeps the checked state in sync. */
export function showToggles(el: HTMLElement, variables: readonly string[], chosen: readonly string[]): void {
  const key = variables.join('\u0000');
  if (el.dataset['variables'] !== key) {
    el.dataset['variables'] = key;
    el.innerHTML = variables.map((v, i) => `<label><input type="checkbox" id="wrt-${i}" data-name="${escapeHtml(v)}"> ${escapeHtml(v)}</label>`).join('') || '<span class="message">no variables</span>';
  }
  for (const box of el.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) box.checked = chosen.includes(box.dataset['name']!);
}

/** One labelled field per variable, filled from `at`; rebuilt only when the variables change. */
export function showPointFields(el: HTMLElement, variables: readonly string[], at: ReadonlyMap<string, string>): void {
  const key = variables.join('\u0000');
  if (el.dataset['variables'] === key) return;
  el.dataset['variables'] = key;
  el.innerHTML = variables
    .map((v, i) => `<label for="at-${i}">${escapeHtml(v)} =</label><input type="text" id="at-${i}" data-name="${escapeHtml(v)}" value="${escapeHtml(at.get(v) ?? '')}" inputmode="decimal" autocomplete="off" spellcheck="false" placeholder="value">`)
    .map((pair) => `<span class="point-field">${pair}</span>`)
    .join('');
}

export function showPlotVariables(select: HTMLSelectElement, variables: readonly string[], current: string | undefined): void {
  const key = variables.join('\u0000');
  if (select.dataset['variables'] !== key) {
    select.dataset['variables'] = key;
    select.innerHTML = variables.map((v) => `<option value="${escapeHtml(v)}">${escapeHtml(v)}</option>`).join('');
  }
  if (current !== undefined) select.value = current;
}
