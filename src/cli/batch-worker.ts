/**
 * `deriv --batch`, worker side: the entry point of dist/batch-worker.cjs (scripts/build.mjs bundles it next to
 * dist/cli.cjs). Each message is a run of request lines as UTF-8 bytes; the answer is the run's output and
 * failures, tagged with the message's sequence number so the main thread can put answers back in input order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { answerLines, type BatchLimits } from './batch-answer.js';

/** main → worker */
export interface BatchJobMessage {
  readonly seq: number;
  readonly firstLine: number;
  readonly bytes: Uint8Array;
}

const limits = (workerData as { limits?: BatchLimits } | undefined)?.limits ?? {};
const decoder = new TextDecoder();

parentPort?.on('message', (job: BatchJobMessage) => {
  parentPort!.postMessage({ seq: job.seq, ...answerLines(decoder.decode(job.bytes), job.firstLine, limits) });
});

// Loaded and listening: the main thread may stop answering lines itself and hand them to this worker.
parentPort?.postMessage({ ready: true });
