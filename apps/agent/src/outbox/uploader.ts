import {
  agentRunBatchResultSchema,
  ingestResultSchema,
  type AgentRunBatchResult,
  type IngestResult,
} from '@ganzhi/contracts';
import { computeBackoffMs, type Clock, type Logger } from '@ganzhi/runtime';
import { AgentUnauthorizedError, type ServerClient } from '../sync/server-client.js';
import { sizeOfRunBatch, splitRunBatch, splitRecordBatch } from './batch-halves.js';
import type { OutboxBatch, OutboxStore, RecordBatch } from './outbox-store.js';
import { sendIsolatingPoison } from './poison-isolation.js';

export interface UploaderDeps {
  readonly store: OutboxStore;
  readonly client: ServerClient;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly credential: () => string;
  readonly maxBackoffMs: number;
  readonly batchMaxRuns?: number;
  readonly batchMaxBytes?: number;
  readonly batchMaxRecords?: number;
}

export interface UploaderStatus {
  readonly uploadedRuns: number;
  /** Records from tailed logs the server accepted or already had. */
  readonly uploadedRecords: number;
  /** Records the server will never accept (unknown dimension values, out of range): logged and dropped. */
  readonly rejectedRecords: number;
  readonly failedAttempts: number;
  readonly lastError: string | null;
  /** Runs, gaps and record batches the server refused for good: parked in the outbox, never sent again. */
  readonly parked: number;
}

const IDLE_MS = 5000;

/**
 * Drains the outbox to the server: oldest first, in batches, and deletes a batch only after the server answered
 * for it (stored, duplicate or permanently rejected). While the server is unreachable or refuses the credential it
 * backs off with full jitter and keeps everything; `wake()` starts a send as soon as a new run is committed.
 */
export class Uploader {
  readonly #deps: UploaderDeps;
  readonly #stop = new AbortController();
  #wake = new AbortController();
  #loop: Promise<void> | undefined;
  #uploaded = 0;
  #uploadedRecords = 0;
  #rejectedRecords = 0;
  #failures = 0;
  #parked = 0;
  #lastError: string | null = null;

  constructor(deps: UploaderDeps) {
    this.#deps = deps;
  }

  start(): void {
    this.#loop ??= this.#run();
  }

  wake(): void {
    this.#wake.abort();
  }

  async stop(): Promise<void> {
    this.#stop.abort();
    await this.#loop;
  }

  get status(): UploaderStatus {
    return {
      uploadedRuns: this.#uploaded,
      uploadedRecords: this.#uploadedRecords,
      rejectedRecords: this.#rejectedRecords,
      failedAttempts: this.#failures,
      lastError: this.#lastError,
      parked: this.#parked,
    };
  }

  /**
   * Last uploads before shutdown: sends batches until the outbox is empty, the server fails, or `timeoutMs`
   * passes. Whatever is left stays buffered for the next start.
   */
  async flush(timeoutMs: number): Promise<void> {
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      while (!signal.aborted && (await this.uploadOnce(signal)) > 0) {
        // keep sending
      }
    } catch (error) {
      this.#deps.logger.info(
        {
          reason: (error as Error).message,
          backlog: this.#deps.store.stats().runs,
          records: this.#deps.store.stats().records,
        },
        'left buffered for the next start',
      );
    }
  }

  /** Sends one batch of runs and one of records now; returns how many items they carried (0: nothing to send). */
  async uploadOnce(signal?: AbortSignal): Promise<number> {
    return (await this.#uploadRuns(signal)) + (await this.#uploadRecords(signal));
  }

  async #uploadRuns(signal?: AbortSignal): Promise<number> {
    const { store, clock } = this.#deps;
    const batch = store.peekBatch({
      maxRuns: this.#deps.batchMaxRuns ?? 500,
      maxBytes: this.#deps.batchMaxBytes ?? 4 * 1024 * 1024,
    });
    if (batch.runSeqs.length === 0 && batch.gapSeqs.length === 0) return 0;
    await sendIsolatingPoison(batch, {
      send: async (part) => this.#settleRuns(part, await this.#send(part, signal)),
      size: sizeOfRunBatch,
      split: splitRunBatch,
      park: (part, reason) => {
        const kind = part.runSeqs.length > 0 ? 'run' : 'gap';
        store.park({ kind, seqs: [...part.runSeqs, ...part.gapSeqs], reason, nowMs: clock.now() });
        this.#reportParked({ kind, count: 1, reason });
      },
    });
    return batch.runSeqs.length + batch.gapSeqs.length;
  }

  /** Runs the server rejected one by one are parked with their reasons; the batch is then forgotten. */
  #settleRuns(batch: OutboxBatch, result: AgentRunBatchResult): void {
    const { store, clock } = this.#deps;
    for (const rejected of result.rejected) {
      const seq = batch.runSeqs[rejected.index];
      if (seq !== undefined)
        store.park({ kind: 'run', seqs: [seq], reason: rejected.reason, nowMs: clock.now() });
    }
    store.acknowledge(batch);
    this.#uploaded += result.stored + result.duplicates;
    if (result.rejected.length > 0)
      this.#reportParked({
        kind: 'run',
        count: result.rejected.length,
        reason: result.rejected
          .slice(0, 5)
          .map((rejected) => `${rejected.id ?? rejected.index}: ${rejected.reason}`)
          .join('; '),
      });
  }

  #reportParked(parked: { kind: string; count: number; reason: string }): void {
    this.#parked += parked.count;
    this.#deps.logger.error(
      parked,
      'the server refused buffered items for good; they were parked in the outbox and will not be sent again',
    );
  }

  /** Records are forgotten once the server answered; those it rejected are logged, never retried. */
  async #uploadRecords(signal?: AbortSignal): Promise<number> {
    const { store, clock } = this.#deps;
    const batch = store.peekRecords({
      maxRecords: this.#deps.batchMaxRecords ?? 5000,
      maxBytes: this.#deps.batchMaxBytes ?? 4 * 1024 * 1024,
    });
    if (batch.records === 0) return 0;
    await sendIsolatingPoison(batch, {
      send: async (part) => this.#settleRecords(part, await this.#sendRecords(part, signal)),
      size: (part) => part.seqs.length,
      split: splitRecordBatch,
      park: (part, reason) => {
        store.park({ kind: 'records', seqs: part.seqs, reason, nowMs: clock.now() });
        this.#reportParked({ kind: 'records', count: 1, reason });
      },
    });
    return batch.records;
  }

  #settleRecords(batch: RecordBatch, result: IngestResult): void {
    this.#deps.store.acknowledgeRecords(batch);
    this.#uploadedRecords += result.accepted + result.duplicates;
    this.#rejectedRecords += result.rejected.length;
    if (result.rejected.length > 0)
      this.#deps.logger.warn(
        { count: result.rejected.length, first: result.rejected.slice(0, 5) },
        'the server rejected records from tailed logs; they were removed (check the tail config mapping)',
      );
  }

  async #sendRecords(batch: RecordBatch, signal?: AbortSignal): Promise<IngestResult> {
    const { value } = await this.#deps.client.request({
      method: 'POST',
      path: 'api/v1/agent/transactions',
      parser: ingestResultSchema,
      body: `{"records":[${batch.recordsJson}]}`,
      bearer: this.#deps.credential(),
      timeoutMs: 60_000,
      ...(signal ? { signal } : {}),
    });
    return value;
  }

  async #send(batch: OutboxBatch, signal?: AbortSignal): Promise<AgentRunBatchResult> {
    const body = `{"runs":[${batch.runJson.join(',')}],"gaps":[${batch.gapJson.join(',')}]}`;
    const { value } = await this.#deps.client.request({
      method: 'POST',
      path: 'api/v1/agent/runs',
      parser: agentRunBatchResultSchema,
      body,
      bearer: this.#deps.credential(),
      timeoutMs: 60_000,
      ...(signal ? { signal } : {}),
    });
    return value;
  }

  async #run(): Promise<void> {
    const { clock, logger } = this.#deps;
    let attempt = 0;
    while (!this.#stop.signal.aborted) {
      this.#wake = new AbortController();
      try {
        const sent = await this.uploadOnce(this.#stop.signal);
        if (attempt > 0) logger.info({ afterAttempts: attempt }, 'uploads resumed');
        attempt = 0;
        this.#lastError = null;
        if (sent === 0) await clock.sleep(IDLE_MS, AbortSignal.any([this.#stop.signal, this.#wake.signal]));
      } catch (error) {
        if (this.#stop.signal.aborted) break;
        this.#failures += 1;
        this.#lastError = (error as Error).message;
        if (attempt === 0 || error instanceof AgentUnauthorizedError) {
          logger.warn(
            {
              reason: this.#lastError,
              backlog: this.#deps.store.stats().runs,
              records: this.#deps.store.stats().records,
            },
            error instanceof AgentUnauthorizedError
              ? 'the server refused this agent (revoked?); keeping the buffer and retrying'
              : 'cannot upload; keeping the buffer and retrying',
          );
        }
        attempt += 1;
        const delay = computeBackoffMs(attempt, { initialMs: 500, maxMs: this.#deps.maxBackoffMs });
        await clock.sleep(Math.max(100, delay), this.#stop.signal);
      }
    }
  }
}
