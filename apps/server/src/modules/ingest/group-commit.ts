import type { Clock } from '@ganzhi/runtime';

/**
 * Group commit: items that arrive while a transaction is being written — or that were announced as on their way
 * when the next one is about to start — are written together in one transaction. Each caller is still answered only
 * after the commit of the transaction that holds its item, so nothing is acknowledged that could be lost; what is
 * shared is the cost per transaction (statements, the commit, and for ingestion the rollup rows and dirty marks that
 * concurrent batches have in common).
 */
export interface GroupCommitOptions<T, R> {
  /** Writes `items` in one transaction; returns one result per item, in order. Throws: nothing was written. */
  readonly commit: (items: readonly T[]) => Promise<readonly R[]>;
  /** The size of an item (records in a batch): a group stops growing at `maxGroupWeight`. */
  readonly weightOf: (item: T) => number;
  readonly maxGroupWeight: number;
  /** Transactions written at the same time. */
  readonly maxInFlight: number;
  /**
   * How long a group that could start waits for announced items still being received. SQLite runs a transaction
   * without yielding, so no item ever arrives "while it is written": announcements are what let groups form there.
   */
  readonly maxWaitMs: number;
  readonly clock: Clock;
}

/** An item on its way (a request body being received). Submit it, or withdraw it when it will not come. */
export interface Arrival<T, R> {
  submit(item: T): Promise<R>;
  withdraw(): void;
}

interface Waiting<T, R> {
  readonly item: T;
  readonly resolve: (result: R) => void;
  readonly reject: (error: unknown) => void;
}

/** An announcement is forgotten after this long: a body that slow is not worth holding a group for. */
const ARRIVAL_TTL_MS = 1000;

/**
 * @example
 * const commits = createGroupCommit({ commit: writeBatches, weightOf: (b) => b.length, maxGroupWeight: 20_000,
 *   maxInFlight: 1, maxWaitMs: 10, clock });
 * const accepted = await commits.submit(records); // after the commit of the transaction holding `records`
 */
export function createGroupCommit<T, R>(options: GroupCommitOptions<T, R>) {
  const waiting: Waiting<T, R>[] = [];
  /** Announced and not yet submitted or withdrawn, with the time of the announcement. */
  const arrivals = new Map<object, number>();
  let inFlight = 0;
  /** When the first waiting item found the group held back for arrivals (null: not held back). */
  let heldSinceMs: number | null = null;
  let wake: AbortController | null = null;

  function waitingWeight(): number {
    let weight = 0;
    for (const entry of waiting) weight += options.weightOf(entry.item);
    return weight;
  }

  /** Whether to hold the next group back for announced items: some are due, there is room, and time is left. */
  function shouldHold(): boolean {
    const now = options.clock.now();
    for (const [arrival, atMs] of arrivals) if (now - atMs > ARRIVAL_TTL_MS) arrivals.delete(arrival);
    if (arrivals.size === 0 || waitingWeight() >= options.maxGroupWeight) return false;
    heldSinceMs ??= now;
    const leftMs = heldSinceMs + options.maxWaitMs - now;
    if (leftMs <= 0) return false;
    if (!wake) {
      const controller = new AbortController();
      wake = controller;
      void options.clock.sleep(leftMs, controller.signal).then(() => {
        if (wake === controller) wake = null;
        pump();
      });
    }
    return true;
  }

  /** The longest prefix of the queue within the weight limit, and at least one item. */
  function takeGroup(): Waiting<T, R>[] {
    let weight = 0;
    let count = 0;
    for (const entry of waiting) {
      const next = weight + options.weightOf(entry.item);
      if (count > 0 && next > options.maxGroupWeight) break;
      weight = next;
      count++;
    }
    return waiting.splice(0, count);
  }

  async function commitAlone(entry: Waiting<T, R>): Promise<void> {
    try {
      const [result] = await options.commit([entry.item]);
      if (result === undefined) throw new Error('group commit: no result for the item');
      entry.resolve(result);
    } catch (error) {
      entry.reject(error);
    }
  }

  async function write(group: readonly Waiting<T, R>[]): Promise<void> {
    if (group.length === 1 && group[0]) return commitAlone(group[0]);
    let results: readonly R[];
    try {
      results = await options.commit(group.map((entry) => entry.item));
    } catch {
      // Nothing of the group was written. One item that cannot be written must not cost the others: each alone.
      for (const entry of group) await commitAlone(entry);
      return;
    }
    if (results.length !== group.length) {
      // Written, so never retried; a broken `commit` is reported to every sender.
      const error = new Error(`group commit: ${results.length} results for ${group.length} items`);
      for (const entry of group) entry.reject(error);
      return;
    }
    group.forEach((entry, index) => entry.resolve(results[index] as R));
  }

  /** The next group's turn of the event loop (see pump): not asked for, awaited, or had. */
  let turn: 'none' | 'awaited' | 'had' = 'none';

  function pump(): void {
    while (inFlight < options.maxInFlight && waiting.length > 0) {
      if (shouldHold()) return;
      // One turn of the event loop before a group starts: requests whose bytes have already arrived announce
      // themselves, and the group waits for them. On SQLite, where a transaction never yields, this is what turned
      // most transactions of four concurrent senders from one batch into two.
      if (turn === 'awaited') return;
      if (turn === 'none') {
        turn = 'awaited';
        setImmediate(() => {
          turn = 'had';
          pump();
        });
        return;
      }
      turn = 'none';
      heldSinceMs = null;
      wake?.abort();
      wake = null;
      const group = takeGroup();
      inFlight++;
      void write(group).finally(() => {
        inFlight--;
        pump();
      });
    }
  }

  function submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      pump();
    });
  }

  return {
    /** Resolves with the item's result once the transaction holding it has committed. */
    submit,

    /** Announces an item on its way: a group about to start waits for it (at most `maxWaitMs`). */
    announce(): Arrival<T, R> {
      const token = {};
      arrivals.set(token, options.clock.now());
      return {
        submit(item) {
          arrivals.delete(token);
          return submit(item);
        },
        withdraw() {
          if (arrivals.delete(token)) pump();
        },
      };
    },
  };
}

export type GroupCommit<T, R> = ReturnType<typeof createGroupCommit<T, R>>;
