/**
 * `deriv --batch`: the command-line side. Requests come one JSON object per line on standard input, answers
 * one JSON object per line on standard output, in input order (batch-answer.ts says what they hold). Options
 * are per request; on the command line only the limits (--max-length, --max-size) and --workers go with it.
 *
 * Exit code: as for several expressions on stdin — 0 when every line was answered, otherwise the largest
 * exit code of the failed lines' errors (2 for a bad line or expression, 3 TOO_LARGE, 4 UNDEFINED, 70 a bug),
 * with one summary line on stderr; the failures themselves are error objects in the output.
 */
import { availableParallelism } from 'node:os';
import { DerivError } from '../errors.js';
import { DEFAULT_MAX_INPUT_LENGTH } from '../parse/parser.js';
import { formatError, type Paint } from './format-error.js';
import { streamBatch } from './batch-stream.js';
import { workerEntry } from './batch-pool.js';

export interface BatchIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => Promise<string>;
  /** Standard input as it arrives; without it, readStdin gives it all at once (in-process tests). */
  readonly stdinChunks?: () => AsyncIterable<Uint8Array | string>;
  /** Raw writes to standard output that resolve once the output can take more; without it, stdout. */
  readonly writeStdout?: (text: string) => void | Promise<void>;
}

export interface BatchCommand {
  readonly workers: string | undefined;
  /** The limits, read by the option table (src/request/options.ts). */
  readonly maxLength: number | undefined;
  readonly maxSize: number | undefined;
  /** Command-line options given besides these (their long names), and an expression argument if any. */
  readonly others: readonly string[];
  readonly expression: string | undefined;
  readonly batch: boolean;
}

function count(text: string, what: string, min: number): number {
  if (!/^\s*\d+\s*$/.test(text) || Number(text) < min) throw new DerivError('BAD_OPTION', `${what} must be a whole number${min > 0 ? ` ≥ ${min}` : ''}, got '${text}'`);
  return Number(text);
}

export async function runBatchCommand(cmd: BatchCommand, io: BatchIO, exitCodeOf: (code: string) => number, paint: Paint): Promise<number> {
  try {
    if (!cmd.batch) throw new DerivError('BAD_OPTION', '--workers goes with --batch');
    if (cmd.expression !== undefined)
      throw new DerivError('BAD_OPTION', '--batch reads its requests from stdin, not an expression argument', { hint: `echo '{"expr": "x^2", "wrt": "x"}' | deriv --batch` });
    if (cmd.others.length > 0)
      throw new DerivError('BAD_OPTION', `${cmd.others[0]} does not go with --batch: give options in each request`, { hint: 'the fields are expr, wrt, at, format, order, mixed, simplify, steps, name, id (docs/command-line.md)' });
    const { maxLength, maxSize } = cmd;
    const workers = cmd.workers === undefined || cmd.workers === 'auto' ? 'auto' : count(cmd.workers, '--workers', 0);
    // Each thread loads the bundle and a heap of its own (~5 MB, ~15 ms): 1,000 of them took 14 s and 5.1 GB
    // before the first answer. More threads than cores answer no faster, so more is refused, not clamped: a
    // program that asked for 16 should hear that this machine has 2.
    const cores = availableParallelism();
    if (typeof workers === 'number' && workers > cores)
      throw new DerivError('BAD_OPTION', `--workers must be at most ${cores} (this machine's cores), got ${workers}`, { hint: 'leave it out (or --workers auto) for one per core but one' });
    const entry = workerEntry();
    if (typeof workers === 'number' && workers > 0 && entry === undefined)
      throw new DerivError('BAD_OPTION', '--workers needs the built command (dist/batch-worker.cjs); run `npm run build`', { hint: '--workers 0 answers in this thread' });
    const source = io.stdinChunks?.() ?? (async function* () { yield await io.readStdin(); })();
    const writeStdout = io.writeStdout;
    const write = writeStdout === undefined ? io.stdout : (block: string) => writeStdout(`${block}\n`);
    const summary = await streamBatch(source, write, {
      limits: { ...(maxLength === undefined ? {} : { maxLength }), ...(maxSize === undefined ? {} : { maxSize }) },
      workers,
      workerEntry: entry,
      // Room for the longest accepted expression, JSON-escaped, and the other fields.
      maxLineBytes: 4 * (maxLength ?? DEFAULT_MAX_INPUT_LENGTH) + 65_536,
    });
    if (summary.failed === 0) return 0;
    io.stderr(paint.dim(`deriv --batch: ${summary.failed} of ${summary.answered} requests failed (the first on line ${summary.firstFailed}); each has an error object in the output`));
    return Math.max(...[...summary.codes].map(exitCodeOf));
  } catch (e) {
    if (e instanceof DerivError) {
      io.stderr(formatError(e, paint));
      return exitCodeOf(e.code);
    }
    const message = e instanceof Error ? e.message : String(e);
    io.stderr(`${paint.red('internal error')}: ${message}\nPlease report this with the command that caused it.`);
    return 70;
  }
}
