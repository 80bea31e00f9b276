/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Writing a View into the page: the answer's document typeset (KaTeX, in the browser; the sections the
 * HTML format has, src/document/html.ts), the error box with its caret, the variable toggles and point
 * fields (rebuilt only when the variables change, so focus and typed values survive keystrokes), and the
 * controls of the other options, made from the option table. No state lives here; src/playground/main.ts
 * owns it and calls these.
 */
import katex from 'katex';
import type { ErrorView } from './model.js';
import type { Document } from '../document/model.js';
import { sectionsHtml } from '../document/html.js';
import { escapeHtml } from '../print/note-html.js';
import { flagOf, type OptionRow } from '../request/options.js';

export const byId = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`the page has no #${id}`);
  return el as T;
};

/**
 * Typesets LaTeX; a KaTeX error (a printer bug) shows as KaTeX's red source, never a blank. Recent
 * formulas are kept: a keystroke in a point field changes the values, not the derivative above them.
 */
const typeset = new Map<string, string>();
export function tex(latex: string, display: boolean): string {
  const key = `${display ? 'D' : 'I'}${latex}`;
  let html = typeset.get(key);
  if (html === undefined) {
    html = katex.renderToString(latex, { displayMode: display, throwOnError: false, output: 'htmlAndMathml', strict: 'ignore' });
    if (typeset.size >= 400) typeset.clear();
    typeset.set(key, html);
  }
  return html;
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

/**
 * The answer's sections, each as the HTML format has it. A section that reads the same as the one shown
 * is left in place: it is neither typeset nor laid out again.
 */
const sectionHtml = new WeakMap<Element, string>();
export function showDocument(el: HTMLElement, doc: Document | undefined): void {
  const parts = doc === undefined ? [] : sectionsHtml(doc, tex);
  const shown = [...el.children] as HTMLElement[];
  parts.forEach((html, i) => {
    const old = shown[i];
    if (old !== undefined && sectionHtml.get(old) === html) return;
    const holder = document.createElement('div');
    holder.className = 'doc-section';
    holder.innerHTML = html;
    sectionHtml.set(holder, html);
    if (old === undefined) el.append(holder);
    else old.replaceWith(holder);
  });
  for (const extra of shown.slice(parts.length)) extra.remove();
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

/** Whether a row's flag takes no value (`--mixed`, `--no-simplify`): a checkbox, else a text field. */
export const isSwitch = (row: OptionRow): boolean => !/[<[]/.test(row.flags);

/** The hash text a checked switch stands for: `--no-simplify` checked is simplify=0. */
export const switchText = (row: OptionRow): string => (flagOf(row).startsWith('--no-') ? '0' : '1');

/** The controls of the options the page has no place of its own for, one per row, filled from the state. */
export function showOptionControls(el: HTMLElement, rows: readonly OptionRow[], options: ReadonlyMap<string, string>): void {
  el.innerHTML = rows
    .map((row, i) => {
      const flag = flagOf(row);
      const value = options.get(row.hash!) ?? '';
      const title = escapeHtml(row.help);
      return isSwitch(row)
        ? `<label title="${title}"><input type="checkbox" id="opt-${i}" data-key="${escapeHtml(row.hash!)}"${value === switchText(row) ? ' checked' : ''}> ${escapeHtml(flag)}</label>`
        : `<label for="opt-${i}" title="${title}">${escapeHtml(flag)}</label><input type="text" id="opt-${i}" data-key="${escapeHtml(row.hash!)}" value="${escapeHtml(value)}" autocomplete="off" spellcheck="false" size="8">`;
    })
    .map((control) => `<span class="option">${control}</span>`)
    .join('');
}
