/**
 * The `deriv` command line. The words become a request (src/request/read-argv.ts, from the option table);
 * each input — the argument, a program from --file, or stdin, one expression per line — is answered
 * (src/answer/) and its document printed in the chosen format (src/document/render.ts); warnings and notes go
 * to stderr. `run` is in-process and returns the exit code, so tests call it directly.
 *
 * Exit codes: 0 success; 1 a --check claim that is wrong; 2 invalid expression or options (PARSE,
 * UNKNOWN_FUNCTION, ARITY, UNSUPPORTED, BAD_VARIABLE, BAD_OPTION, SHAPE, …); 3 TOO_LARGE; 4 UNDEFINED;
 * 66 --playground when the page is not built; 70 internal error.
 */
import { DerivError, type ErrorCode } from '../errors.js';
import { formatError, formatWarning, NO_PAINT, type Paint } from './format-error.js';
import { readArgv, CommanderError, type CommandLine } from '../request/read-argv.js';
import { answer } from '../answer/answer.js';
import { renderDocument } from '../document/render.js';
import { DEFAULT_MAX_INPUT_LENGTH } from '../parse/parser.js';
import { functionTable } from './functions.js';
import { readProgramFile } from './program-file.js';
import { writePlayground, NOT_BUILT_EXIT } from './playground.js';
import { readStdinInput, type StdinLine } from './stdin-lines.js';
import { output } from './output.js';

export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads all of standard input (only called when the expression comes from stdin). */
  readonly readStdin: () => Promise<string>;
  /** True when stdin is a terminal (then a missing expression is a usage error, not a read). */
  readonly stdinIsTTY: boolean;
  /** Colour on stderr: only for a terminal, and never with NO_COLOR set. */
  readonly color: boolean;
  /** Standard input as it arrives, and stdout writes that wait while the pipe is full (absent: the two above). */
  readonly stdinChunks?: () => AsyncIterable<Uint8Array | string>;
  readonly writeStdout?: (text: string) => void | Promise<void>;
}

export const EXIT_CODES: Readonly<Record<ErrorCode, number>> = {
  PARSE: 2, UNKNOWN_FUNCTION: 2, ARITY: 2, UNSUPPORTED: 2, BAD_VARIABLE: 2, BAD_OPTION: 2, SHAPE: 2, ASSIGNED_TWICE: 2, USED_BEFORE_ASSIGNED: 2, CYCLE: 2, TOO_LARGE: 3, UNDEFINED: 4,
};

function paintFor(color: boolean): Paint {
  if (!color) return NO_PAINT;
  return { red: (s) => `\u001b[31m${s}\u001b[39m`, bold: (s) => `\u001b[1m${s}\u001b[22m`, dim: (s) => `\u001b[2m${s}\u001b[22m` };
}

/** The error with where it happened (`line 3 of stdin: `) in front of its message. */
function located(e: DerivError, where: string): DerivError {
  if (where === '') return e;
  return new DerivError(e.code, where + e.message, { ...(e.position === undefined ? {} : { position: e.position }), ...(e.input === undefined ? {} : { input: e.input }), ...(e.hint === undefined ? {} : { hint: e.hint }) });
}

export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const paint = paintFor(io.color);
  let cl: CommandLine;
  try {
    cl = readArgv(argv, io);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (!(e instanceof DerivError)) throw e;
    io.stderr(formatError(e, paint));
    return EXIT_CODES[e.code];
  }
  switch (cl.command) {
    case 'help':
      io.stdout(cl.help);
      return 0;
    case 'functions':
      io.stdout(functionTable(cl.options.format));
      return 0;
    case 'batch': {
      // Loaded only here: worker_threads and the stream machinery are no part of a plain command's start-up.
      const { runBatchCommand } = await import('./batch.js');
      return runBatchCommand({ workers: cl.workers, maxLength: cl.options.maxLength, maxSize: cl.options.maxSize, others: cl.others, expression: cl.expression, batch: cl.batch }, io, (code) => EXIT_CODES[code as ErrorCode] ?? 70, paint);
    }
    case 'playground':
      return playground(cl, io, paint);
    default:
      return derive(cl, io, paint);
  }
}

function playground(cl: CommandLine, io: CliIO, paint: Paint): number {
  const made = writePlayground({
    ...(cl.output === undefined ? {} : { output: cl.output }),
    ...(cl.expression === undefined || cl.expression === '-' ? {} : { expression: cl.expression }),
    options: cl.options,
  });
  if (!made.ok) {
    io.stderr(`${paint.red('error')} NOT_BUILT: the playground page is not built (looked for ${made.looked.join(' and ')})\nhint: npm run build writes dist/playground.html`);
    return NOT_BUILT_EXIT;
  }
  io.stdout(`wrote ${made.file}\nopen ${made.url}`);
  return 0;
}

/** The inputs: the argument or --file (one), or stdin: a program whole, else one expression per non-blank line. */
async function inputsOf(cl: CommandLine, io: CliIO): Promise<{ lines: AsyncIterable<StdinLine> | Iterable<StdinLine>; several: boolean; fromStdin: boolean }> {
  const arg = cl.expression;
  if (cl.file !== undefined) return { lines: [{ text: readProgramFile(cl.file, arg), line: 1 }], several: false, fromStdin: false };
  if (arg !== undefined && arg !== '-') return { lines: [{ text: arg, line: 1 }], several: false, fromStdin: false };
  const maxLength = cl.options.maxLength ?? DEFAULT_MAX_INPUT_LENGTH;
  const chunks = io.stdinChunks?.() ?? (async function* () { yield await io.readStdin(); })();
  const input = await readStdinInput(chunks, maxLength, 4 * maxLength + 16);
  // A byte-order mark (Windows editors write one) is no part of the input.
  if (input.kind === 'text') return { lines: [{ text: input.source.replace(/^\uFEFF/, ''), line: 1 }], several: false, fromStdin: true };
  return { lines: input.lines, several: input.several, fromStdin: true };
}

async function derive(cl: CommandLine, io: CliIO, paint: Paint): Promise<number> {
  const format = cl.options.format;
  let where = '';
  try {
    if (cl.expression === undefined && cl.file === undefined && io.stdinIsTTY) {
      io.stderr(`${paint.red('error')} no expression given\n${cl.help}`);
      return 2;
    }
    const { lines, several } = await inputsOf(cl, io);
    if (format === 'html' && several) throw new DerivError('BAD_OPTION', '--format html makes one page for one expression; stdin has several lines');
    const out = output(cl.output, io.stdout, io.writeStdout);
    const maxLength = cl.options.maxLength ?? DEFAULT_MAX_INPUT_LENGTH;
    let exitCode = 0;
    let index = -1;
    for await (const { text, line, tooLong } of lines) {
      index++;
      // With several stdin lines, an error says which one (scripts feed thousands).
      where = several ? `line ${line} of stdin: ` : '';
      // Markdown notes of several lines are separated by a rule, so one note does not run into the next.
      if (format === 'markdown' && index > 0) out.emit('\n---\n');
      try {
        if (tooLong === true) throw new DerivError('TOO_LARGE', `the line is longer than ${maxLength} characters; it was skipped unread`, { hint: 'raise the limit with --max-length' });
        const a = answer({ ...cl.options, input: text }, { fromFile: cl.file !== undefined });
        out.emit(renderDocument(a.document, format));
        if (format !== 'json') for (const w of a.document.warnings) io.stderr(formatWarning(w, a.reading.line, paint));
        if (format !== 'json') for (const note of a.document.notes) io.stderr(paint.dim(note));
        exitCode = Math.max(exitCode, a.document.exitCode);
      } catch (e) {
        if (!(e instanceof DerivError) || !several) throw e;
        io.stderr(formatError(located(e, where), paint));
        if (format === 'json') out.emit(JSON.stringify({ input: text, line, error: { code: e.code, message: e.message, ...(e.position === undefined ? {} : { position: e.position }), ...(e.hint === undefined ? {} : { hint: e.hint }) } }));
        exitCode = Math.max(exitCode, EXIT_CODES[e.code]);
      }
      await out.flush();
    }
    out.close();
    return exitCode;
  } catch (e) {
    if (e instanceof DerivError) {
      io.stderr(formatError(located(e, where), paint));
      return EXIT_CODES[e.code];
    }
    const message = e instanceof Error ? e.message : String(e);
    io.stderr(`${paint.red('internal error')}: ${message}\nPlease report this with the command that caused it.`);
    return 70;
  }
}
