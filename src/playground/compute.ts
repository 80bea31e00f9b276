/**
 * State → what the page shows, through the same spine as the command line: the state is a request (its
 * options read by the option table's rows from their hash keys, src/request/read-hash.ts), the input's
 * variables become the toggles (src/answer/inputs.ts), and answer() makes the document the page typesets —
 * so every mode and option works here as it does in `deriv`, with the same answers. Errors come back as
 * values, placed in the field they belong to; a point that does not read (or where the function is
 * undefined) leaves the answer without values and the error under the point.
 */
import { DerivError } from '../errors.js';
import { answer, type Answer } from '../answer/answer.js';
import { readInput, asTyped, type Reading } from '../answer/reading.js';
import { inputsOf } from '../answer/inputs.js';
import { renderLines } from '../document/lines.js';
import { renderMarkdown } from '../document/markdown.js';
import { DEFAULT_REQUEST } from '../request/options.js';
import { readHashOptions, HashError } from '../request/read-hash.js';
import { modeOf } from '../request/rules.js';
import type { Format, Mode, Request, RequestOptions } from '../request/request.js';
import { formatAt, type PlaygroundState } from './state.js';
import { errorView, type ErrorView, type Outcome, type View } from './model.js';
import { plotSource } from './plot-source.js';

/** The field an error belongs in: the text its position counts in, else the options, else the input. */
function fieldOf(e: unknown, r: Request): ErrorView['field'] {
  if (e instanceof HashError) return e.key === 'shape' ? 'shape' : 'options';
  if (!(e instanceof DerivError)) return 'f';
  if (e.input !== undefined && e.input === r.shape) return 'shape';
  if (e.input !== undefined && e.input === r.at) return 'at';
  if (e.code === 'BAD_OPTION' && e.input === undefined) return 'options';
  return 'f';
}

const failed = (e: unknown, r: Request): Outcome => ({ ok: false, error: errorView(e, fieldOf(e, r)) });

/** The point in --at syntax when every variable has a value; undefined while some field is empty. */
function pointOf(state: PlaygroundState, variables: readonly string[]): string | undefined {
  if (variables.length === 0 || variables.some((v) => (state.at.get(v) ?? '').trim() === '')) return undefined;
  return formatAt(state.at, variables);
}

export function compute(state: PlaygroundState): Outcome {
  let options: Partial<RequestOptions>;
  const bare: Request = { ...DEFAULT_REQUEST, input: state.f };
  try {
    options = readHashOptions(state.options);
  } catch (e) {
    return failed(e, bare);
  }
  const base: Request = { ...bare, ...options };
  let reading: Reading | undefined;
  let variables: string[];
  try {
    reading = readInput(base);
    variables = inputsOf(base, reading, modeOf(base, reading.program));
  } catch (e) {
    return failed(reading === undefined ? e : asTyped(reading, e), base);
  }
  // The toggles: every variable (the gradient) unless the state names some that occur; all off stays off.
  const picked = variables.filter((v) => state.wrt?.includes(v));
  const explicit = state.wrt !== undefined && (state.wrt.length === 0 || picked.length > 0);
  const wrt = explicit ? picked : variables;
  const at = pointOf(state, variables);
  const request: Request = { ...base, wrt: explicit ? wrt : undefined, at };
  const mode = modeOf(request, reading.program);
  if (variables.length > 0 && wrt.length === 0)
    return { ok: true, view: { mode, variables, wrt, name: reading.name, text: '', notes: [], message: 'choose a variable to differentiate with respect to', copy: { latex: () => '', markdown: () => '', text: () => '' } } };
  let a: Answer;
  let valuesError: ErrorView | undefined;
  try {
    a = answer(request);
  } catch (e) {
    if (at === undefined) return failed(e, request);
    // Without the point: if that answers, the error was the point's.
    try {
      a = answer({ ...request, at: undefined });
    } catch {
      return failed(e, request);
    }
    valuesError = errorView(e, 'at');
  }
  return { ok: true, view: viewOf(a, request, mode, variables, wrt, valuesError) };
}

function viewOf(a: Answer, request: Request, mode: Mode, variables: readonly string[], wrt: readonly string[], valuesError: ErrorView | undefined): View {
  const doc = a.document;
  const text = renderLines(doc, 'text');
  // The other formats as the command line prints them (a format may change the answer: matrix steps in LaTeX).
  const inFormat = (format: Format, render: (d: typeof doc) => string): string => {
    try {
      return render(answer({ ...request, at: valuesError === undefined ? request.at : undefined, format }).document);
    } catch {
      return render(doc);
    }
  };
  const plot = plotSource(request, a.reading, mode, variables);
  return {
    mode,
    variables,
    wrt,
    name: a.reading.name,
    document: doc,
    text,
    notes: [...doc.warnings.map((w) => w.message), ...doc.notes],
    ...(valuesError === undefined ? {} : { valuesError }),
    ...(plot === undefined ? {} : { plot }),
    copy: {
      latex: () => inFormat('latex', (d) => renderLines(d, 'latex')),
      markdown: () => inFormat('markdown', renderMarkdown),
      text: () => text,
    },
  };
}
