import { ServerRejectedError } from '../sync/server-client.js';

/**
 * Statuses that say "this content will never be accepted": malformed (400), too large (413), unprocessable (422).
 * Other refusals (403, 404, 409 …) may be a proxy or a server mid-upgrade, so they are retried like outages.
 */
const POISON_STATUSES: ReadonlySet<number> = new Set([400, 413, 422]);

export function isPoisonRefusal(error: unknown): error is ServerRejectedError {
  return error instanceof ServerRejectedError && POISON_STATUSES.has(error.status);
}

/** How to send, split and set aside one kind of batch. */
export interface IsolationOps<B> {
  /** Sends the batch and settles it (acknowledges what the server answered for). */
  send(batch: B): Promise<void>;
  size(batch: B): number;
  /** Two non-empty halves, in order; only called with size > 1. */
  split(batch: B): readonly [B, B];
  /** Takes a single refused item out of the queue, with the server's reason. */
  park(batch: B, reason: string): void;
}

/**
 * Sends a batch; when the server refuses it whole as poison, bisects it until the refused items are alone, parks
 * them and sends the rest. One bad item therefore costs about log2(batch size) extra requests instead of stopping
 * the queue forever. Transient errors (outage, 5xx, 401) propagate unchanged: the caller keeps the batch and retries.
 */
export async function sendIsolatingPoison<B>(batch: B, ops: IsolationOps<B>): Promise<void> {
  try {
    await ops.send(batch);
  } catch (error) {
    if (!isPoisonRefusal(error)) throw error;
    if (ops.size(batch) <= 1) {
      ops.park(batch, error.message);
      return;
    }
    for (const half of ops.split(batch)) await sendIsolatingPoison(half, ops);
  }
}
