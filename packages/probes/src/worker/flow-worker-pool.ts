import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Logger } from '@ganzhi/runtime';
import { hasBrowserStep, type FlowJob, type FlowRunner, type MeasuredFlow } from './flow-job.js';
import type {
  FlowWorkerSettings,
  JobEnvelope,
  JobReply,
  MessageFromWorker,
  MessageToWorker,
} from './worker-protocol.js';
import { flowWorkerScript } from './worker-script.js';

export interface FlowWorkerPoolOptions {
  readonly settings: FlowWorkerSettings;
  readonly logger: Logger;
  /**
   * Worker threads, each running many flows at once; defaults to min(2, cores). With two or more, the first is
   * kept for browser flows (started on the first one) and the others run every other flow.
   */
  readonly size?: number;
}

interface Waiter {
  readonly resolve: (measured: MeasuredFlow) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  readonly worker: Worker;
  readonly waiting: Map<number, Waiter>;
  outbox: JobEnvelope[];
  /** Resolves when the thread has exited, for whatever reason. */
  readonly exited: Promise<void>;
}

/**
 * The young generation of a flow thread (both semi-spaces and new large objects). A flow's garbage is short-lived
 * and small, and V8's default (up to 48 MB per thread, grown when a burst survives) only adds resident memory: at
 * 1,000 checks every 20 s, 6 MB costs no measurable CPU and keeps the thread's heap near its live size (~20 MB).
 */
const WORKER_YOUNG_GENERATION_MB = 6;

/** How long a closing worker may take to finish its runs before it is terminated. */
const CLOSE_GRACE_MS = 150_000;

/** The default size: two threads keep probing off the main thread without taking every core of a small host. */
export function defaultFlowWorkers(): number {
  return Math.min(2, availableParallelism());
}

/**
 * A small fixed pool of worker threads that run flows, so the timing of a probe never includes our own event-loop
 * delay (a busy main thread at start-up once made 2 s checks fail at 3 s). Threads start once and live as long as
 * the pool; jobs and results travel in batches (one message per turn of either loop), so a run costs two
 * structured clones of small objects, not a thread.
 *
 * Browser flows all go to the first thread, which owns the one Chromium; with more than one thread that one runs
 * nothing else, because driving Chromium (DevTools protocol traffic, screenshots) would add lag to the protocol
 * checks timed on the same loop. Other flows go to the least busy of the other threads. Without browser checks
 * the browser thread never starts, which also keeps probing on one core's worth of threads: a second protocol
 * thread costs more CPU per check than it saves on a small host. A thread that dies fails its runs in flight and is
 * replaced on the next job. Idle threads are unref'd: they never keep the process alive on their own.
 */
export class FlowWorkerPool implements FlowRunner {
  readonly #options: FlowWorkerPoolOptions;
  readonly #slots: (Slot | undefined)[];
  #nextId = 0;
  #stopping = false;

  constructor(options: FlowWorkerPoolOptions) {
    this.#options = options;
    this.#slots = Array.from({ length: Math.max(1, options.size ?? defaultFlowWorkers()) }, () => undefined);
  }

  get size(): number {
    return this.#slots.length;
  }

  /** Starts the threads for protocol flows (the browser thread starts with the first browser flow). */
  start(): void {
    this.#stopping = false;
    for (let index = this.#firstProtocolSlot(); index < this.#slots.length; index++)
      this.#slots[index] ??= this.#spawn(index);
  }

  run(job: FlowJob): Promise<MeasuredFlow> {
    if (this.#stopping) return Promise.reject(new Error('the probe worker pool is stopping'));
    const index = hasBrowserStep(job) ? 0 : this.#leastBusy();
    const slot = (this.#slots[index] ??= this.#spawn(index));
    const id = ++this.#nextId;
    return new Promise<MeasuredFlow>((resolve, reject) => {
      slot.waiting.set(id, { resolve, reject });
      if (slot.waiting.size === 1) slot.worker.ref();
      slot.outbox.push({ id, job });
      if (slot.outbox.length === 1) setImmediate(() => this.#flush(slot));
    });
  }

  /** Lets every thread finish its runs in flight, then ends them. */
  async stop(): Promise<void> {
    this.#stopping = true;
    const closing = this.#slots.map(async (slot) => {
      if (!slot) return;
      this.#flush(slot);
      slot.worker.ref();
      this.#post(slot, { type: 'close' });
      const grace = setTimeout(() => void slot.worker.terminate(), CLOSE_GRACE_MS);
      await slot.exited;
      clearTimeout(grace);
    });
    await Promise.all(closing);
  }

  /** The browser thread is slot 0; it runs protocol flows too only when it is the only thread. */
  #firstProtocolSlot(): number {
    return this.#slots.length > 1 ? 1 : 0;
  }

  #leastBusy(): number {
    let best = this.#firstProtocolSlot();
    for (let index = best + 1; index < this.#slots.length; index++)
      if (busyness(this.#slots[index]) < busyness(this.#slots[best])) best = index;
    return best;
  }

  #flush(slot: Slot): void {
    if (slot.outbox.length === 0) return;
    const jobs = slot.outbox;
    slot.outbox = [];
    this.#post(slot, { type: 'run', jobs });
  }

  #post(slot: Slot, message: MessageToWorker): void {
    slot.worker.postMessage(message);
  }

  #spawn(index: number): Slot {
    const script = flowWorkerScript();
    const worker = new Worker(script.url, {
      workerData: this.#options.settings,
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
      ...(script.execArgv ? { execArgv: script.execArgv } : {}),
    });
    worker.unref();
    let markExited = (): void => undefined;
    const slot: Slot = {
      worker,
      waiting: new Map(),
      outbox: [],
      exited: new Promise((resolve) => (markExited = resolve)),
    };
    worker.on('message', (message: MessageFromWorker) => {
      if (message.type === 'done') this.#settle(slot, message.replies);
    });
    worker.on('error', (error) => {
      this.#options.logger.error({ err: error, worker: index }, 'probe worker failed');
      this.#fail(slot, `probe worker failed: ${error.message}`);
    });
    worker.on('exit', (code) => {
      if (this.#slots[index] === slot) this.#slots[index] = undefined;
      if (slot.waiting.size > 0 || !this.#stopping)
        this.#options.logger.warn(
          { worker: index, code, runsLost: slot.waiting.size },
          'probe worker exited',
        );
      this.#fail(slot, `probe worker exited with code ${code}`);
      markExited();
    });
    return slot;
  }

  #settle(slot: Slot, replies: readonly JobReply[]): void {
    for (const reply of replies) {
      const waiter = slot.waiting.get(reply.id);
      slot.waiting.delete(reply.id);
      if ('measured' in reply) waiter?.resolve(reply.measured);
      else waiter?.reject(new Error(reply.error));
    }
    if (slot.waiting.size === 0 && !this.#stopping) slot.worker.unref();
  }

  #fail(slot: Slot, reason: string): void {
    for (const waiter of slot.waiting.values()) waiter.reject(new Error(reason));
    slot.waiting.clear();
    slot.outbox = [];
  }
}

function busyness(slot: Slot | undefined): number {
  return slot ? slot.waiting.size : 0;
}
