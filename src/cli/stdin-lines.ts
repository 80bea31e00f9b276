/**
 * The expression from stdin (without --batch), read as it arrives so that memory does not grow with the number of
 * lines: 200,000 lines used to be read whole and answered in one job of the event loop, which kept every
 * expression of them alive (1.86 GB, 34 s). Contract:
 *
 * - A program (its first non-blank line is an assignment `z = …` or a `# comment`) is read whole, as before, but
 *   only up to --max-length characters: longer is TOO_LARGE without reading on.
 * - Otherwise every non-blank line is one expression, numbered as an editor numbers it (blank lines count). The
 *   first one is held until a second arrives or the input ends — one expression or several decides how errors are
 *   reported — and from then on each line is handed out as soon as it has arrived, with a turn of the event loop
 *   every few lines (see LINES_PER_TURN). Only the run of input in hand is kept (64 KB of lines); a line longer
 *   than `maxLineBytes` is not kept at all: it comes as `tooLong`, for a TOO_LARGE answer.
 * - A later line that is an assignment is that line's own expression (`L = …` names it), not a program.
 */
import { DerivError } from '../errors.js';
import { isProgramText } from '../program/parse.js';
import { LineSplitter, type Piece } from './batch-lines.js';

export interface StdinLine {
  readonly text: string;
  /** 1-based, blank lines counted. */
  readonly line: number;
  /** The line was longer than the limit and was dropped unread (text is empty). */
  readonly tooLong?: boolean;
}

export type StdinInput =
  /** Read whole: a program, or input without a non-blank line; the caller goes on with the text as before. */
  | { readonly kind: 'text'; readonly source: string }
  /** Expressions, one per non-blank line; `several` when there are two or more. */
  | { readonly kind: 'lines'; readonly several: boolean; readonly lines: AsyncIterable<StdinLine> };

/** Bytes of input cut into lines at a time. */
const RUN_BYTES = 64 * 1024;
/**
 * Lines answered between turns of the event loop. The intern table's WeakRefs keep what a job made alive until
 * the job ends, and what survives young collections is promoted: 200,000 lines of new names peaked at 532 MB
 * with a turn per 64 KB run, 238 MB with one per 16 lines (the same with one per line; no slower on seeds).
 * What stays alive is ~50 MB whatever the number of lines; the peak is the collector's choice (bench/README.md).
 */
const LINES_PER_TURN = 16;

const isBlank = (l: StdinLine): boolean => !l.tooLong && l.text.trim() === '';
const startsProgram = (text: string): boolean => isProgramText(text) || text.trimStart().startsWith('#');
const decode = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8');
const yieldTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Every line of the input (blank ones too), a run at a time. */
async function* runsOfLines(chunks: AsyncIterable<Uint8Array | string>, maxLineBytes: number): AsyncGenerator<StdinLine[]> {
  const splitter = new LineSplitter(RUN_BYTES, maxLineBytes);
  const linesOf = function* (pieces: Iterable<Piece>): Generator<StdinLine[]> {
    for (const p of pieces) {
      if (p.kind === 'tooLong') {
        yield [{ text: '', line: p.line, tooLong: true }];
        continue;
      }
      const texts = decode(p.bytes).split('\n');
      if (texts.at(-1) === '') texts.pop();
      yield texts.map((t, i) => ({ text: t.endsWith('\r') ? t.slice(0, -1) : t, line: p.firstLine + i }));
    }
  };
  for await (const chunk of chunks) {
    yield* linesOf(splitter.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk));
  }
  yield* linesOf(splitter.end());
}

/**
 * Reads stdin far enough to know what it holds (see the contract above). `maxLength` is the longest program
 * (characters); `maxLineBytes` the longest line kept.
 */
export async function readStdinInput(chunks: AsyncIterable<Uint8Array | string>, maxLength: number, maxLineBytes: number): Promise<StdinInput> {
  const runs = runsOfLines(chunks, maxLineBytes)[Symbol.asyncIterator]();
  // The run in hand: dropped once every line of it has been handed out, so only one run is kept at a time.
  let run: readonly StdinLine[] = [];
  let at = 0;
  /** The next line; undefined at the end of input. */
  const next = async (): Promise<StdinLine | undefined> => {
    while (at >= run.length) {
      const r = await runs.next();
      if (r.done === true) return undefined;
      run = r.value;
      at = 0;
    }
    return run[at++];
  };
  const nextNonBlank = async (): Promise<StdinLine | undefined> => {
    for (let l = await next(); l !== undefined; l = await next()) if (!isBlank(l)) return l;
    return undefined;
  };

  const first = await nextNonBlank();
  if (first === undefined) return { kind: 'text', source: '' };
  if (!first.tooLong && startsProgram(first.text)) return { kind: 'text', source: await readProgram(first, next, maxLength) };
  const second = await nextNonBlank();
  const lines = async function* (): AsyncGenerator<StdinLine> {
    yield first;
    if (second === undefined) return;
    yield second;
    let handed = 2;
    for (let l = await next(); l !== undefined; l = await next()) {
      if (isBlank(l)) continue;
      yield l;
      if (++handed % LINES_PER_TURN === 0) await yieldTurn();
    }
  };
  return { kind: 'lines', several: second !== undefined, lines: lines() };
}

/**
 * The whole input as text, for a program whose first non-blank line is `first` (the blank lines before it become
 * empty ones, so line numbers stay): refused past maxLength characters, and nothing more is read then.
 */
async function readProgram(first: StdinLine, next: () => Promise<StdinLine | undefined>, maxLength: number): Promise<string> {
  let text = '\n'.repeat(Math.min(first.line - 1, maxLength + 1));
  const tooLong = (): DerivError => new DerivError('TOO_LARGE', `the input is longer than ${maxLength} characters; the limit is ${maxLength}`, { hint: 'raise the limit with --max-length' });
  if (text.length > maxLength) throw tooLong();
  for (let l: StdinLine | undefined = first; l !== undefined; l = await next()) {
    if (l.tooLong || text.length + l.text.length > maxLength) throw tooLong();
    text += l === first ? l.text : `\n${l.text}`;
  }
  return text;
}
