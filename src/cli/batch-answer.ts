/**
 * `deriv --batch`: the answer to one request line, and to a run of lines (what the main thread or a worker
 * thread is given at once). Pure computation: text in, JSON text out; no I/O, so the same code runs in-process
 * and in workers.
 *
 * Result: { line, id?, input, derivatives: [{ wrt, order, text | latex (format "json": both), steps? }], warnings? }.
 * With "at": the object `deriv … --at … --format json` prints (function value, each derivative's value and exact
 * value, a note), with line and id in front and the spellings the format asks for.
 * Error: { line, id?, input?, error: { code, message, position?, field?, hint? } }, where position counts in
 * the request field `field` (expr, wrt, at), or in the line itself when there is no field.
 */
import { derivativesOf, readExpression, variablesOf, type Derivative } from '../api.js';
import { DerivError } from '../errors.js';
import { mergeWarnings, mergeWarningLists } from '../warnings.js';
import { valueAt } from '../numeric/exact-eval.js';
import { stepsToJSON } from '../print/steps-text.js';
import { pageDerivations } from '../steps/page.js';
import { renderNumeric } from './numeric.js';
import { CONSTANT_PRINTED, warningJSON } from './results.js';
import { parseLine, readRequest, RequestError, type BatchFormat, type BatchRequest } from './batch-request.js';

/** Limits from the command line (--max-length, --max-size), the same for every request. */
export interface BatchLimits {
  readonly maxLength?: number;
  readonly maxSize?: number;
}

/** What a run of lines gave: the output lines (joined by \n, no trailing newline) and what failed. */
export interface BatchChunkResult {
  readonly out: string;
  /** Request lines answered (blank lines are skipped and not counted). */
  readonly answered: number;
  readonly failed: number;
  /** The number of the first line that failed, if any. */
  readonly firstFailed: number | undefined;
  /** The distinct error codes of the failed lines ('INTERNAL' for a bug in deriv), for the exit code. */
  readonly codes: readonly string[];
}

/** A derivative's spellings, made on first use and kept with the cached formula (printed once however often asked). */
interface Spellings {
  text?: string;
  latex?: string;
}

/** Sets a derivative's spellings in the requested format on its result object. */
function spell(out: Record<string, unknown>, r: Derivative, kept: Spellings, format: BatchFormat): void {
  if (format !== 'latex') out['text'] = kept.text ??= r.toString();
  if (format !== 'text') out['latex'] = kept.latex ??= r.toTex();
}

const wrtLabel = (r: Derivative): string => (r.variables.length === 1 ? r.variables[0]! : r.variables.join(','));

interface Computed {
  readonly results: Derivative[];
  /** One per result. */
  readonly spellings: Spellings[];
  readonly warnings: ReturnType<typeof mergeWarnings>;
  readonly constant?: Parameters<typeof valueAt>[0];
}

/**
 * The derivatives of recent requests, by what determines them (the limits are the same for the whole batch):
 * a program asking for the same formula again — at other points, with another id — gets it without parsing,
 * differentiating and printing again. At most RECENT formulas, the recently used ones (see below). Requests that
 * fail are not remembered (they are answered again, as the first time).
 *
 * RECENT is small on purpose: the cache keeps its formulas' results alive, and while every request is new each garbage
 * collection of the young generation copies them. With 256 formulas that copying cost ~4.6 µs per request
 * (scavenges: 5.2 s against 1.5 s over 800,000 new-text requests) — a quarter of a seed request's time.
 * 64 cost no more than 16; a formula repeated within the last 32–64 requests is still answered from here.
 */
const RECENT = 64;
/**
 * Two generations instead of a strict LRU: a miss goes into `current`, a hit found in `previous` moves up, and
 * when `current` holds RECENT/2 formulas it becomes `previous` (the old one is dropped). At most RECENT are kept,
 * each recently used one among them, with no per-request delete (an LRU's delete of its oldest entry, and the
 * rehashing its holes caused, were ~3 % of a seed request).
 */
let current = new Map<string, Computed>();
let previous = new Map<string, Computed>();

function remember(key: string, computed: Computed): void {
  if (current.size >= RECENT / 2) {
    previous = current;
    current = new Map();
  }
  current.set(key, computed);
}

function computeAll(req: BatchRequest, limits: BatchLimits): Computed {
  // Each name with its length in front, the formula last: no two different requests share a key.
  let names = req.wrt === undefined ? '*' : '';
  if (req.wrt !== undefined) for (const n of req.wrt) names += `${n.length}:${n}`;
  const key = `${req.order}|${req.mixed ? 1 : 0}${req.simplify ? 1 : 0}|${names}|${req.expr}`;
  const hit = current.get(key);
  if (hit !== undefined) return hit;
  const older = previous.get(key);
  if (older !== undefined) {
    remember(key, older);
    return older;
  }
  const computed = computeFresh(req, limits);
  remember(key, computed);
  return computed;
}

/** The library options of each (order, simplify) under one batch's limits, made once (not one object per request). */
const optionsMemo = new WeakMap<BatchLimits, Map<string, { readonly order: number; readonly simplify: boolean } & BatchLimits>>();
function optionsOf(req: BatchRequest, limits: BatchLimits): { readonly order: number; readonly simplify: boolean } & BatchLimits {
  let byKind = optionsMemo.get(limits);
  if (byKind === undefined) optionsMemo.set(limits, (byKind = new Map()));
  const key = `${req.order}${req.simplify ? '+' : '-'}`;
  let options = byKind.get(key);
  if (options === undefined) byKind.set(key, (options = { order: req.order, simplify: req.simplify, ...limits }));
  return options;
}

function computeFresh(req: BatchRequest, limits: BatchLimits): Computed {
  const common = optionsOf(req, limits);
  const { expr, warnings: notes, domain } = readExpression(req.expr, common);
  const wrt = req.wrt ?? variablesOf(expr);
  if (wrt.length === 0) return { results: [], spellings: [], warnings: mergeWarnings(notes, [CONSTANT_PRINTED]), constant: expr };
  const options = domain.length === 0 ? common : { ...common, domain }; // values at a point answer for the input as written
  // One budget per request: its derivatives together are bounded, however many names "wrt" lists.
  const results = derivativesOf(expr, wrt, req.mixed, options);
  let warned = notes.length > 0;
  const spellings: Spellings[] = [];
  for (const r of results) {
    spellings.push({});
    if (r.warnings.length > 0) warned = true;
  }
  return { results, spellings, warnings: warned ? mergeWarningLists([notes, ...results.map((r) => r.warnings)]) : NO_WARNINGS };
}

const NO_WARNINGS: ReturnType<typeof mergeWarnings> = Object.freeze([]) as unknown as ReturnType<typeof mergeWarnings>;

const noVariables = (req: BatchRequest, why: string): DerivError =>
  new DerivError('BAD_VARIABLE', 'the expression has no variables: there is nothing to differentiate', { input: req.expr, position: 0, hint: why });

/**
 * The result fields of a request without "at", set on `out` (which holds the line and id). Fields are set one
 * by one in their output order rather than spread from parts: objects built by spreading are slower for
 * JSON.stringify, which was a tenth of a seed request's time.
 */
function plain(out: Record<string, unknown>, req: BatchRequest, limits: BatchLimits): void {
  const c = computeAll(req, limits);
  out['input'] = req.expr;
  if (c.constant !== undefined) {
    if (req.steps !== undefined) throw noVariables(req, 'without "steps" deriv gives its value');
    out['derivatives'] = [];
    Object.assign(out, valueAt(c.constant, new Map(), []).toJSON());
  } else {
    const derivations = req.steps === undefined ? undefined : pageDerivations(c.results, req.steps, req.name);
    out['derivatives'] = c.results.map((r, i) => {
      const d: Record<string, unknown> = { wrt: wrtLabel(r), order: r.variables.length };
      spell(d, r, c.spellings[i]!, req.format);
      if (derivations !== undefined) d['steps'] = stepsToJSON(derivations[i]!, { order: r.order, name: req.name });
      return d;
    });
  }
  if (c.warnings.length > 0) out['warnings'] = c.warnings.map(warningJSON);
}

/** The result fields of a request with "at": the CLI's --at JSON, cut to the requested spellings. */
function atPoint(req: BatchRequest, limits: BatchLimits): Record<string, unknown> {
  let warnings: ReturnType<typeof mergeWarnings> = [];
  const out = renderNumeric(req.expr, { at: req.at, format: 'json', name: req.name, ...(req.steps === undefined ? {} : { steps: req.steps }) }, req.wrt, () => {
    const c = computeAll(req, limits);
    if (c.constant !== undefined) throw noVariables(req, 'without "at" deriv gives its value');
    warnings = c.warnings;
    return c.results;
  });
  const o = JSON.parse(out.stdout) as Record<string, unknown> & { derivatives: Record<string, unknown>[] };
  const drop = req.format === 'text' ? 'latex' : req.format === 'latex' ? 'text' : undefined;
  const { parsed: _parsed, wrt: _wrt, ...rest } = o;
  return {
    ...rest,
    derivatives: o.derivatives.map((d) => {
      if (drop === undefined) return d;
      const { [drop]: _gone, ...kept } = d;
      return kept;
    }),
    ...(warnings.length === 0 ? {} : { warnings: warnings.map(warningJSON) }),
  };
}

/** The request field an error's position counts in (undefined: none known, so no position is given). */
function fieldOf(e: DerivError, req: BatchRequest | undefined, raw: Record<string, unknown> | undefined): string | undefined {
  if (e instanceof RequestError) return e.field;
  if (req === undefined) return undefined;
  if (e.input === req.expr) return 'expr';
  if (e.input !== undefined && e.input === req.at && !req.atFromObject) return 'at';
  if (e.input !== undefined && e.input === raw?.['wrt']) return 'wrt';
  return undefined;
}

function errorObject(e: DerivError, field: string | undefined, lineLevel: boolean): Record<string, unknown> {
  const position = e.position !== undefined && (field !== undefined || lineLevel) ? { position: e.position } : {};
  return { code: e.code, message: e.message, ...position, ...(field === undefined ? {} : { field }), ...(e.hint === undefined ? {} : { hint: e.hint }) };
}

/**
 * One line → one JSON text and its error code (undefined: success). Never throws: whatever escapes the answer
 * below (a bug) is still this line's own INTERNAL answer, so the batch goes on.
 */
export function answerLine(line: string, lineNumber: number, limits: BatchLimits): { json: string; code: string | undefined } {
  try {
    return answerOrError(line, lineNumber, limits);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { json: JSON.stringify({ line: lineNumber, error: { code: 'INTERNAL', message: `internal error: ${message} (please report this line)` } }), code: 'INTERNAL' };
  }
}

function answerOrError(line: string, lineNumber: number, limits: BatchLimits): { json: string; code: string | undefined } {
  let raw: Record<string, unknown> | undefined;
  let req: BatchRequest | undefined;
  const head = (): Record<string, unknown> => ({ line: lineNumber, ...(raw !== undefined && 'id' in raw ? { id: raw['id'] } : {}) });
  try {
    raw = parseLine(line);
    req = readRequest(raw);
    if (req.at !== undefined) return { json: JSON.stringify({ ...head(), ...atPoint(req, limits) }), code: undefined };
    const out: Record<string, unknown> = { line: lineNumber };
    if ('id' in raw) out['id'] = raw['id'];
    plain(out, req, limits);
    return { json: JSON.stringify(out), code: undefined };
  } catch (e) {
    const input = typeof raw?.['expr'] === 'string' ? { input: raw['expr'] } : {};
    if (e instanceof DerivError) {
      const field = fieldOf(e, req, raw);
      // Only an error about the line itself (not JSON, not an object) counts its position in the line.
      const lineLevel = e instanceof RequestError && raw === undefined;
      return { json: JSON.stringify({ ...head(), ...input, error: errorObject(e, field, lineLevel) }), code: e.code };
    }
    const message = e instanceof Error ? e.message : String(e);
    return { json: JSON.stringify({ ...head(), ...input, error: { code: 'INTERNAL', message: `internal error: ${message} (please report this line)` } }), code: 'INTERNAL' };
  }
}

/**
 * A run of lines (text ending at a line break or at the end of input), the first one numbered `firstLine`.
 * Blank lines get no answer but keep their numbers, as in the stdin batch; a \r before \n is dropped.
 */
export function answerLines(text: string, firstLine: number, limits: BatchLimits): BatchChunkResult {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const out: string[] = [];
  const codes = new Set<string>();
  let failed = 0;
  let firstFailed: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() === '') continue;
    const a = answerLine(line, firstLine + i, limits);
    out.push(a.json);
    if (a.code !== undefined) {
      failed++;
      firstFailed ??= firstLine + i;
      codes.add(a.code);
    }
  }
  return { out: out.join('\n'), answered: out.length, failed, firstFailed, codes: [...codes] };
}
