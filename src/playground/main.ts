/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The playground's controller: holds the state, reads it from the URL hash on open (and when the hash
 * changes), recomputes as you type and writes the state back into the hash.
 *
 * Latency: keystrokes are coalesced, not delayed. An input schedules one update for the next task
 * (setTimeout 0), so a burst of keys costs one computation; only when an update took long (a big input)
 * does the next wait a little, so typing stays responsive. The result is typeset in that update; the
 * plot follows in a task of its own, after the frame that shows the result. The time from the input event to the typeset result in the DOM is
 * kept in document.body.dataset.latencyMs, and to the frame painted after it in frameMs (the browser
 * test reports both).
 */
import '../function-table.js'; // installs the rule table's exact simplifications, as src/index.ts does
import { evaluate } from '../api.js';
import { textPartial } from '../print/steps-text.js';
import { compute } from './compute.js';
import { parseHash, formatHash, withOption, type PlaygroundState } from './state.js';
import type { ErrorView, View } from './model.js';
import { plotData, plotSvg } from './plot.js';
import { copy } from './copy.js';
import { ROWS } from '../request/options.js';
import { byId, showDocument, showError, showList, showOptionControls, showPlotVariables, showPointFields, showToggles, isSwitch, switchText } from './view.js';

/** The options with a control under "More options": those the page has no field of its own for, that apply to what it shows. */
const MORE = ROWS.filter((r) => r.hash !== undefined && !['wrt', 'at', 'steps', 'shape'].includes(r.hash) && (r.formats === undefined || r.formats.includes('text')));

let state: PlaygroundState = parseHash(location.hash);
let view: View | undefined;
let pending: ReturnType<typeof setTimeout> | undefined;
let plotPending: ReturnType<typeof setTimeout> | undefined;
let cancelPlot = (): void => undefined;
let inputAt: number | undefined;
let lastCost = 0;

const fInput = byId<HTMLTextAreaElement>('f');
const shapeInput = byId<HTMLInputElement>('shape');
const fromInput = byId<HTMLInputElement>('from');
const toInput = byId<HTMLInputElement>('to');
const plotVar = byId<HTMLSelectElement>('plot-var');

/** Puts the state into the controls (on open and when the hash is changed from outside). */
function fillControls(): void {
  fInput.value = state.f;
  shapeInput.value = state.options.get('shape') ?? '';
  fromInput.value = state.from;
  toInput.value = state.to;
  const steps = state.options.get('steps') ?? 'off';
  for (const r of document.querySelectorAll<HTMLInputElement>('input[name=steps]')) r.checked = r.value === steps;
  byId('point-fields').dataset['variables'] = ''; // rebuilt with the state's values
  showOptionControls(byId('more-options'), MORE, state.options);
  // Opened when the link sets one of them, so what shapes the answer is in view.
  if (MORE.some((r) => state.options.has(r.hash!))) byId<HTMLDetailsElement>('more').open = true;
}

/** The wait before the next update: none, unless the last update took long (then as long, at most 250 ms). */
function updateDelay(lastCostMs: number): number {
  return lastCostMs > 50 ? Math.min(250, lastCostMs) : 0;
}

function schedule(): void {
  if (pending !== undefined) return;
  document.body.dataset['pending'] = 'update';
  // Both recorded, so the browser test can check the rule above without timing anything.
  document.body.dataset['lastCostMs'] = String(lastCost);
  document.body.dataset['delayMs'] = String(updateDelay(lastCost));
  pending = setTimeout(update, updateDelay(lastCost));
}

function update(): void {
  pending = undefined;
  const start = performance.now();
  const outcome = compute(state);
  const error: ErrorView | undefined = outcome.ok ? outcome.view.valuesError : outcome.error;
  fInput.setAttribute('aria-invalid', String(error?.field === 'f'));
  shapeInput.setAttribute('aria-invalid', String(error?.field === 'shape'));
  for (const field of ['f', 'shape', 'at', 'options'] as const) showError(byId(`${field}-error`), error?.field === field ? error : undefined);
  byId('f-print').textContent = state.f;
  if (outcome.ok) render(outcome.view);
  // An input that does not read leaves the last good result on screen, dimmed, with the error above it.
  byId('output').classList.toggle('stale', !outcome.ok);
  const done = performance.now();
  if (inputAt !== undefined) {
    const typed = inputAt;
    document.body.dataset['latencyMs'] = (done - typed).toFixed(1);
    // And to the frame that shows it: a task queued from the next animation frame runs after that paint.
    requestAnimationFrame(() => setTimeout(() => (document.body.dataset['frameMs'] = (performance.now() - typed).toFixed(1)), 0));
  }
  inputAt = undefined;
  // The first update also loads KaTeX's fonts and warms the code up: it says nothing about the next one.
  if (document.body.dataset['updates'] !== undefined) lastCost = done - start;
  document.body.dataset['updates'] = String(Number(document.body.dataset['updates'] ?? '0') + 1);
  history.replaceState(null, '', formatHash(state, view?.variables));
  byId<HTMLAnchorElement>('permalink').href = location.href;
  clearTimeout(plotPending);
  cancelPlot();
  document.body.dataset['pending'] = 'plot';
  // The plot waits for the frame that shows the typeset result, so it never delays it.
  const frame = requestAnimationFrame(() => {
    plotPending = setTimeout(() => {
      drawPlot();
      // Only the plot's own mark: a key typed meanwhile has scheduled an update ('update'), still to come — clearing
      // it told the browser test the page had settled on the input before the last key (a flaky test under load).
      if (document.body.dataset['pending'] === 'plot') delete document.body.dataset['pending'];
    }, 0);
  });
  cancelPlot = () => cancelAnimationFrame(frame);
}

function render(v: View): void {
  view = v;
  showDocument(byId('answer'), v.document);
  byId('result-text').textContent = v.text;
  const message = byId('message');
  message.hidden = v.message === undefined;
  message.textContent = v.message ?? '';
  showList(byId('warnings'), v.notes);
  showToggles(byId('wrt-list'), v.variables, v.wrt);
  showPointFields(byId('point-fields'), v.variables, state.at);
  byId('point').hidden = v.variables.length === 0;
  byId('plot-section').hidden = v.plot === undefined;
}

/** A number typed in a field (`2`, `-1/2`, `pi/4`), or undefined when it is empty or does not read. */
function numberOf(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  try {
    const x = evaluate(text);
    return Number.isFinite(x) ? x : undefined;
  } catch {
    return undefined;
  }
}

function drawPlot(): void {
  const v = view;
  const figure = byId('plot');
  const caption = byId('plot-caption');
  const source = v?.plot?.();
  if (v === undefined || source === undefined || v.variables.length === 0) {
    figure.innerHTML = '';
    caption.textContent = '';
    return;
  }
  const variable = state.plot !== undefined && v.variables.includes(state.plot) ? state.plot : v.wrt[0] ?? v.variables[0]!;
  showPlotVariables(plotVar, v.variables, variable);
  const others = new Map<string, number>();
  const assumed: string[] = [];
  for (const name of v.variables) {
    if (name === variable) continue;
    const x = numberOf(state.at.get(name));
    if (x === undefined) assumed.push(name);
    others.set(name, x ?? 1);
  }
  const at = numberOf(state.at.get(variable));
  const centre = at ?? 0;
  const lo = numberOf(state.from) ?? centre - 5;
  const hi = numberOf(state.to) ?? centre + 5;
  if (!(hi > lo)) {
    figure.innerHTML = '';
    caption.textContent = `the range is empty: "to" must be greater than "from"`;
    return;
  }
  let svg: string;
  const df = textPartial([variable], v.name);
  try {
    svg = plotSvg(plotData({ f: source.f, df: source.derivative(variable), variable, others, lo, hi, at }), { f: source.name, df }, figure.clientWidth || undefined);
  } catch (e) {
    figure.innerHTML = '';
    caption.textContent = `no plot: ${e instanceof Error ? e.message : String(e)}`;
    return;
  }
  figure.innerHTML = svg;
  const fixed = [...others].map(([k, x]) => `${k} = ${String(x)}${assumed.includes(k) ? ' (no value given)' : ''}`).join(', ');
  caption.innerHTML = `<span class="key f"></span>${v.name}<span class="key df"></span>${df}${at === undefined ? '' : '<span class="key tangent"></span>tangent at the point'}`;
  caption.append(document.createTextNode(fixed === '' ? '' : ` — with ${fixed}`));
}

/** The controls write the state and schedule an update. */
function listen(): void {
  fInput.addEventListener('input', () => {
    inputAt ??= performance.now();
    state = { ...state, f: fInput.value };
    schedule();
  });
  shapeInput.addEventListener('input', () => {
    state = withOption(state, 'shape', shapeInput.value);
    schedule();
  });
  const optionChanged = (e: Event): void => {
    const control = e.target as HTMLInputElement;
    const row = MORE.find((r) => r.hash === control.dataset['key']);
    if (row === undefined) return;
    state = withOption(state, row.hash!, isSwitch(row) ? (control.checked ? switchText(row) : undefined) : control.value);
    schedule();
  };
  byId('more-options').addEventListener('input', optionChanged);
  byId('more-options').addEventListener('change', optionChanged);
  byId('wrt-list').addEventListener('change', (e) => {
    const boxes = [...byId('wrt-list').querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
    const checked = boxes.filter((b) => b.checked).map((b) => b.dataset['name']!);
    state = { ...state, wrt: checked.length === boxes.length ? undefined : checked };
    // The plot follows the variable just chosen.
    const box = e.target as HTMLInputElement;
    if (box.checked) state = { ...state, plot: box.dataset['name'] };
    schedule();
  });
  byId('steps-mode').addEventListener('change', (e) => {
    const detail = (e.target as HTMLInputElement).value;
    state = withOption(state, 'steps', detail === 'off' ? undefined : detail);
    schedule();
  });
  byId('point-fields').addEventListener('input', (e) => {
    const field = e.target as HTMLInputElement;
    const at = new Map(state.at);
    at.set(field.dataset['name']!, field.value);
    state = { ...state, at };
    schedule();
  });
  plotVar.addEventListener('change', () => {
    state = { ...state, plot: plotVar.value };
    schedule();
  });
  fromInput.addEventListener('input', () => {
    state = { ...state, from: fromInput.value };
    schedule();
  });
  toInput.addEventListener('input', () => {
    state = { ...state, to: toInput.value };
    schedule();
  });
  for (const kind of ['latex', 'markdown', 'text'] as const)
    byId(`copy-${kind}`).addEventListener('click', () => {
      if (view !== undefined) void copy(kind, view.copy[kind](), byId('copy-status'));
    });
  // The plot is drawn at its box's width (labels keep their size): a new width draws it again.
  let drawnWidth = 0, resizePending: ReturnType<typeof setTimeout> | undefined;
  window.addEventListener('resize', () => {
    clearTimeout(resizePending);
    resizePending = setTimeout(() => {
      const width = byId('plot').clientWidth;
      if (width !== drawnWidth) (drawnWidth = width), drawPlot();
    }, 100);
  });
  window.addEventListener('hashchange', () => {
    if (location.hash === formatHash(state, view?.variables)) return;
    state = parseHash(location.hash);
    fillControls();
    schedule();
  });
}

fillControls();
listen();
update();
