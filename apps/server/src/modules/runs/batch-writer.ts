/**
 * Group commit: callers that submit while a batch is being written (or within the same tick) share the next batch,
 * so many runs finishing at about the same time cost one transaction instead of one each. Each caller gets the
 * results for its own items, in order. If a shared batch fails, each caller's items are retried on their own, so one
 * bad item fails only its caller.
 *
 * @example const writer = createBatchWriter({ write: storeRuns, waitForMore: () => clock.sleep(50) });
 *          const [stored] = await writer.submit([entry]);
 */
export interface BatchWriterOptions<T, R> {
  /** Writes one batch; returns one result per item, in order. */
  readonly write: (items: readonly T[]) => Promise<R[]>;
  /** Resolves when a batch that was just started should be written (more items may arrive meanwhile). */
  readonly waitForMore: () => Promise<void>;
}

interface Pending<T, R> {
  readonly items: readonly T[];
  readonly resolve: (results: R[]) => void;
  readonly reject: (error: unknown) => void;
}

export function createBatchWriter<T, R>(options: BatchWriterOptions<T, R>) {
  let queue: Pending<T, R>[] = [];
  let running: Promise<void> | null = null;

  async function writeAlone(pending: Pending<T, R>): Promise<void> {
    try {
      pending.resolve(await options.write(pending.items));
    } catch (error) {
      pending.reject(error);
    }
  }

  async function writeBatch(batch: Pending<T, R>[]): Promise<void> {
    if (batch.length === 1 && batch[0]) return writeAlone(batch[0]);
    let results: R[];
    try {
      results = await options.write(batch.flatMap((pending) => pending.items));
    } catch {
      for (const pending of batch) await writeAlone(pending);
      return;
    }
    let offset = 0;
    for (const pending of batch) {
      pending.resolve(results.slice(offset, offset + pending.items.length));
      offset += pending.items.length;
    }
  }

  async function drain(immediate: boolean): Promise<void> {
    try {
      if (!immediate) await options.waitForMore();
      while (queue.length > 0) {
        const batch = queue;
        queue = [];
        await writeBatch(batch);
      }
    } finally {
      running = null;
    }
  }

  return {
    /** Queues items for the next batch; `immediate` starts it without waiting for more (an upload is a batch). */
    submit(items: readonly T[], { immediate = false }: { immediate?: boolean } = {}): Promise<R[]> {
      return new Promise<R[]>((resolve, reject) => {
        queue.push({ items, resolve, reject });
        running ??= drain(immediate);
      });
    },

    /** Resolves once everything submitted so far is written (or failed). */
    async flushed(): Promise<void> {
      while (running) await running;
    },
  };
}
