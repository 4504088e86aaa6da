import type { Clock } from '@ganzhi/runtime';
import { EventLoopLagMonitor, type LagProbe } from '../worker/event-loop-lag.js';
import { LAG_TAINT_LIMIT_MS } from '../worker/measured-flow.js';

export interface QuietLoopOptions {
  readonly clock: Clock;
  /** How long the loop must go without a stall over `LAG_TAINT_LIMIT_MS` (default 2 s). */
  readonly quietMs?: number;
  /** Give up waiting after this long (default 60 s): a process that is never quiet must still probe. */
  readonly maxWaitMs?: number;
  readonly signal?: AbortSignal;
  /** This thread's loop; a monitor is started for the wait when absent. */
  readonly lag?: LagProbe;
}

/** How the wait ended: the loop went quiet, the wait ran out, or it was aborted. */
export type QuietLoopOutcome = 'quiet' | 'timed-out' | 'aborted';

const POLL_MS = 100;

/**
 * Resolves once this thread's event loop has stayed responsive for `quietMs`: start-up work (migrations, demo
 * data, back-fills, the first score evaluation) is over. Schedulers wait for it before their first scan, so the
 * first runs of a freshly started process neither compete with its start-up nor get discarded for lag.
 */
export async function waitForQuietLoop(options: QuietLoopOptions): Promise<QuietLoopOutcome> {
  const { clock, signal } = options;
  const quietMs = options.quietMs ?? 2_000;
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  const own = new EventLoopLagMonitor();
  const lag = options.lag ?? own;
  if (lag === own) own.start();
  try {
    const startedMs = clock.now();
    let quietSinceMs = lag.now();
    while (!signal?.aborted) {
      await clock.sleep(POLL_MS, signal);
      const nowMs = lag.now();
      if (lag.worstLagMs(quietSinceMs, nowMs) > LAG_TAINT_LIMIT_MS) quietSinceMs = nowMs;
      else if (nowMs - quietSinceMs >= quietMs) return 'quiet';
      if (clock.now() - startedMs >= maxWaitMs) return 'timed-out';
    }
    return 'aborted';
  } finally {
    own.stop();
  }
}
