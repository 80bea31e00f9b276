/**
 * `deriv --batch`: the stream. Input chunks are cut into runs of lines (batch-lines.ts); each run is answered
 * in-process or by a worker thread (batch-pool.ts), and the answers are written in input order.
 *
 * Bounded memory, by construction:
 * - input is pulled one chunk at a time, and only when fewer than `maxInFlight` runs are unanswered or
 *   unwritten: a slow reader of our output (a full pipe) stops us reading our input;
 * - answers waiting for an earlier one (the reorder buffer) are among those in-flight runs;
 * - a write that the output cannot take yet is awaited before the next run is handed out.
 * In-process, one run is answered and written before the next is read (maxInFlight 1 in effect).
 *
 * Workers: 'auto' starts one per core but one once the input has passed AUTO_WORKER_LINES lines (a short batch
 * is done before threads would have loaded), and only where the worker bundle exists. The main thread works too:
 * until a worker has loaded it answers runs itself whenever nothing is in flight, and afterwards it takes a run
 * whenever every worker already has its next run queued (so no worker waits while the main thread computes).
 * A thread of its own for the main thread's share would cost another JIT warm-up and another heap for nothing:
 * its own work (cutting lines, writing answers) is light.
 */
import { availableParallelism } from 'node:os';
import { answerLines, type BatchChunkResult, type BatchLimits } from './batch-answer.js';
import { LineSplitter, type Piece } from './batch-lines.js';
import { BatchPool } from './batch-pool.js';

/** Input lines after which 'auto' starts workers. */
export const AUTO_WORKER_LINES = 2000;
/** Bytes of input per run (~500 seed-size requests). */
const JOB_BYTES = 16 * 1024;
/** Unanswered or unwritten runs per worker. */
const IN_FLIGHT_PER_WORKER = 4;

export interface BatchStreamOptions {
  readonly limits: BatchLimits;
  /** 0: none; n: n threads (besides the main thread) from the first line; 'auto': see above. */
  readonly workers: number | 'auto';
  /** The worker bundle (dist/batch-worker.cjs); undefined: no workers possible. */
  readonly workerEntry: string | undefined;
  /** A longer line is not kept in memory; it is answered with a TOO_LARGE error. */
  readonly maxLineBytes: number;
  /** Tests: bytes per run (default 16 KiB). */
  readonly jobBytes?: number;
}

export interface BatchSummary {
  answered: number;
  failed: number;
  firstFailed: number | undefined;
  readonly codes: Set<string>;
  /** Worker threads used (0: all in-process). */
  workers: number;
}

function tooLong(line: number, maxLineBytes: number): BatchChunkResult {
  const error = { code: 'TOO_LARGE', message: `the line is longer than ${maxLineBytes} bytes; it was skipped`, hint: 'raise --max-length if the expression really is this long' };
  return { out: JSON.stringify({ line, error }), answered: 1, failed: 1, firstFailed: line, codes: ['TOO_LARGE'] };
}

const asBytes = (chunk: Uint8Array | string): Uint8Array => (typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
const decode = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8');

/**
 * Answers every request line of `source`; `write` gets blocks of output lines (no trailing newline) in input
 * order and may return a promise to say "wait, the output is full".
 */
export async function streamBatch(source: AsyncIterable<Uint8Array | string>, write: (block: string) => void | Promise<void>, options: BatchStreamOptions): Promise<BatchSummary> {
  const summary: BatchSummary = { answered: 0, failed: 0, firstFailed: undefined, codes: new Set(), workers: 0 };
  const take = (r: BatchChunkResult): void => {
    summary.answered += r.answered;
    summary.failed += r.failed;
    if (r.firstFailed !== undefined) summary.firstFailed ??= r.firstFailed;
    for (const c of r.codes) summary.codes.add(c);
  };
  const splitter = new LineSplitter(options.jobBytes ?? JOB_BYTES, options.maxLineBytes);
  let pool: BatchPool | undefined;
  let seen = 0;
  let inFlight = 0;
  let chain: Promise<void> = Promise.resolve();
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;

  const wantsPool = (): boolean => {
    if (options.workerEntry === undefined) return false;
    if (options.workers === 'auto') return seen > AUTO_WORKER_LINES && availableParallelism() > 1;
    return options.workers > 0;
  };

  /** Writes an answer in its turn: at once when nothing is ahead of it, else after the runs ahead. */
  const deliver = async (answer: BatchChunkResult | Promise<BatchChunkResult>): Promise<void> => {
    if (inFlight === 0 && !(answer instanceof Promise)) {
      take(answer);
      if (answer.out !== '') await write(answer.out);
      // End this job of the event loop: the intern table's WeakRefs keep every node they gave out alive until
      // the current job ends (JavaScript's KeepDuringJob rule), so a stream answered in one long job would
      // keep every expression of it (measured: +1.6 kB per distinct request, 445 MB after 200k).
      await new Promise((resolve) => setImmediate(resolve));
      return;
    }
    // A worker failure is reported in turn, through the chain; not as an unhandled rejection meanwhile.
    if (answer instanceof Promise) answer.catch(() => undefined);
    inFlight++;
    chain = chain
      .then(() => answer)
      .then(async (r) => {
        take(r);
        if (r.out !== '') await write(r.out);
        inFlight--;
        wake?.();
      });
    chain.catch((error: unknown) => {
      failure ??= { error };
      wake?.();
    });
    const limit = ((pool?.size ?? 0) + 1) * IN_FLIGHT_PER_WORKER;
    while (inFlight >= limit && failure === undefined) await new Promise<void>((resolve) => (wake = resolve));
    // After a run answered here while workers run, let their answers in before deciding who takes the next run.
    if (!(answer instanceof Promise)) await new Promise((resolve) => setImmediate(resolve));
    wake = undefined;
    if (failure !== undefined) throw failure.error;
  };

  const handle = async (p: Piece): Promise<void> => {
    if (p.kind === 'tooLong') return deliver(tooLong(p.line, options.maxLineBytes));
    seen += p.count;
    if (pool === undefined && wantsPool()) {
      const count = options.workers === 'auto' ? Math.max(1, availableParallelism() - 1) : options.workers;
      pool = new BatchPool(options.workerEntry!, count, options.limits);
      summary.workers = count;
    }
    if (pool === undefined || (!pool.ready && inFlight === 0) || (pool.ready && pool.leastPending >= 2))
      return deliver(answerLines(decode(p.bytes), p.firstLine, options.limits));
    // The worker gets its own copy of the run, transferred (the chunk it came from may be shared).
    return deliver(pool.run(p.firstLine, new Uint8Array(p.bytes)));
  };

  try {
    for await (const chunk of source) for (const p of splitter.push(asBytes(chunk))) await handle(p);
    for (const p of splitter.end()) await handle(p);
    await chain;
    if (failure !== undefined) throw failure.error;
    return summary;
  } finally {
    await pool?.close();
  }
}
