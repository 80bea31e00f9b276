/**
 * `deriv --batch`, main-thread side of the worker threads: a fixed set of workers running
 * dist/batch-worker.cjs, each job sent to the worker with the fewest unanswered jobs. Jobs are runs of
 * request lines as bytes (transferred, not copied); answers come back by sequence number. A worker that
 * dies is a failure of the whole batch (an internal error), never a silently missing answer.
 */
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BatchChunkResult, BatchLimits } from './batch-answer.js';

/**
 * The worker bundle next to the running CLI bundle (dist/batch-worker.cjs beside dist/cli.cjs); undefined
 * when deriv runs from source (the in-process tests), where there is no bundle for a worker to load.
 */
export function workerEntry(): string | undefined {
  try {
    const file = fileURLToPath(new URL('./batch-worker.cjs', import.meta.url));
    return existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

interface Slot {
  readonly worker: Worker;
  pending: number;
}

export class BatchPool {
  readonly #slots: Slot[] = [];
  readonly #waiting = new Map<number, { resolve: (r: BatchChunkResult) => void; reject: (e: Error) => void; slot: Slot }>();
  #seq = 0;
  #ready = false;
  #failure: Error | undefined;
  #closing = false;

  constructor(entry: string, count: number, limits: BatchLimits) {
    for (let i = 0; i < count; i++) {
      const worker = new Worker(entry, { workerData: { limits } });
      const slot: Slot = { worker, pending: 0 };
      worker.on('message', (m: (BatchChunkResult & { seq: number }) | { ready: true }) => {
        if ('ready' in m) {
          this.#ready = true;
          return;
        }
        const w = this.#waiting.get(m.seq);
        if (w === undefined) return;
        this.#waiting.delete(m.seq);
        w.slot.pending--;
        w.resolve(m);
      });
      worker.on('error', (e) => this.#fail(e));
      worker.on('exit', (code) => {
        if (!this.#closing) this.#fail(new Error(`a batch worker thread stopped (exit code ${code})`));
      });
      this.#slots.push(slot);
    }
  }

  /** True once some worker has loaded and can take jobs (until then the main thread answers lines itself). */
  get ready(): boolean {
    return this.#ready;
  }

  get size(): number {
    return this.#slots.length;
  }

  /** Unanswered jobs of the least busy worker: 2 or more means every worker has its next job queued. */
  get leastPending(): number {
    return Math.min(...this.#slots.map((s) => s.pending));
  }

  /** Answers a run of lines on the least busy worker. `bytes` is handed over (transferred): do not use it after. */
  run(firstLine: number, bytes: Uint8Array): Promise<BatchChunkResult> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    const slot = this.#slots.reduce((a, b) => (b.pending < a.pending ? b : a));
    const seq = this.#seq++;
    slot.pending++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(seq, { resolve, reject, slot });
      slot.worker.postMessage({ seq, firstLine, bytes }, [bytes.buffer as ArrayBuffer]);
    });
  }

  #fail(e: Error): void {
    this.#failure ??= e;
    for (const w of this.#waiting.values()) w.reject(this.#failure);
    this.#waiting.clear();
  }

  async close(): Promise<void> {
    this.#closing = true;
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
  }
}
