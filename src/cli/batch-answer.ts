/**
 * `deriv --batch`: the answer to one request line, and to a run of lines (what the main thread or a worker
 * thread is given at once). Pure computation: text in, JSON text out; no I/O, so the same code runs in-process
 * and in workers. A line is a request read by the option table's fields (src/request/read-fields.ts), answered
 * as the command line answers it (src/answer/), and its answer is the document's JSON — the object
 * `--format json` prints — with `line` and `id` in front. The request's "format" picks the spellings:
 * "text" (default) or "latex" alone, "json" both; a note or code format adds the rendered text under its name.
 *
 * Error: { line, id?, input?, error: { code, message, position?, field?, hint? } }, where position counts in
 * the request field `field` (expr, wrt, at, …), or in the line itself when there is no field.
 */
import { DerivError } from '../errors.js';
import { answer } from '../answer/answer.js';
import { renderDocument } from '../document/render.js';
import type { Spellings } from '../document/model.js';
import { readFields, FieldError, type FieldsRequest } from '../request/read-fields.js';
import type { Request } from '../request/request.js';
import { parseLine } from './batch-request.js';

/** Limits from the command line (--max-length, --max-size): ceilings for every request. */
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

const TEXT: Spellings = Object.freeze({ text: true, latex: false });
const LATEX: Spellings = Object.freeze({ text: false, latex: true });
const BOTH: Spellings = Object.freeze({ text: true, latex: true });

const lower = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined ? b : b === undefined ? a : Math.min(a, b));

/** The request with the command line's limits as ceilings. */
function limited(r: Request, limits: BatchLimits): Request {
  if (limits.maxLength === undefined && limits.maxSize === undefined) return r;
  return { ...r, maxLength: lower(r.maxLength, limits.maxLength), maxSize: lower(r.maxSize, limits.maxSize) };
}

/** The request field an error's position counts in (undefined: none known, so no position is given). */
function fieldOf(e: DerivError, read: FieldsRequest | undefined, raw: Record<string, unknown> | undefined): string | undefined {
  if (e instanceof FieldError) return e.field;
  if (read === undefined || e.input === undefined) return undefined;
  const r = read.request;
  if (e.input === r.input) return 'expr';
  if (e.input === r.at && !read.atFromObject) return 'at';
  for (const key of ['wrt', 'shape', 'check', 'args'] as const) if (e.input === raw?.[key]) return key;
  return undefined;
}

function errorObject(e: DerivError, field: string | undefined, lineLevel: boolean): Record<string, unknown> {
  const position = e.position !== undefined && (field !== undefined || lineLevel) ? { position: e.position } : {};
  return { code: e.code, message: e.message, ...position, ...(field === undefined ? {} : { field }), ...(e.hint === undefined ? {} : { hint: e.hint }) };
}

/** One line → one JSON text and its error code (undefined: success). Never throws. */
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
  let read: FieldsRequest | undefined;
  const head = (): Record<string, unknown> => ({ line: lineNumber, ...(raw !== undefined && 'id' in raw ? { id: raw['id'] } : {}) });
  try {
    raw = parseLine(line);
    read = readFields(raw);
    const request = limited(read.request, limits);
    const { document } = answer(request);
    const format = request.format;
    const out: Record<string, unknown> = { ...head(), ...document.json(format === 'text' ? TEXT : format === 'latex' ? LATEX : BOTH) };
    if (format === 'markdown' || format === 'html') out[format] = renderDocument(document, format);
    return { json: JSON.stringify(out), code: undefined };
  } catch (e) {
    const input = typeof raw?.['expr'] === 'string' ? { input: raw['expr'] } : {};
    if (e instanceof DerivError) {
      // Only an error about the line itself (not JSON, not an object) counts its position in the line.
      const lineLevel = e instanceof FieldError && raw === undefined;
      return { json: JSON.stringify({ ...head(), ...input, error: errorObject(e, fieldOf(e, read, raw), lineLevel) }), code: e.code };
    }
    throw e;
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
