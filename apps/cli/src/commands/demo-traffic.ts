import { demoTransactionsForMinute } from '@ganzhi/demo';
import type { RunningServer } from '@ganzhi/server';
import type { Logger } from '@ganzhi/runtime';

const MINUTE_MS = 60_000;

export interface DemoTraffic {
  stop(): Promise<void>;
}

/**
 * Feeds the demo's passive transactions into the server, one completed minute at a time, through the same ingest
 * service the API uses. It resumes after the newest minute already stored (at most `backfillMinutes` back), so a
 * restart neither leaves a hole nor counts a minute twice.
 */
export async function startDemoTraffic(
  server: RunningServer,
  options: { peakPerMinute: number; backfillMinutes: number; logger: Logger },
): Promise<DemoTraffic> {
  const { transactions, clock } = server.services;
  const lastComplete = () => Math.floor(clock.now() / MINUTE_MS) * MINUTE_MS - MINUTE_MS;
  const latest = await transactions.latestMinute();
  let cursor = Math.max(
    latest === null ? 0 : latest + MINUTE_MS,
    lastComplete() - options.backfillMinutes * MINUTE_MS,
  );
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const catchUp = async () => {
    while (!stopped && cursor <= lastComplete()) {
      const records = demoTransactionsForMinute(cursor, { peakPerMinute: options.peakPerMinute });
      const result = await transactions.ingest(records);
      if (result.rejected.length > 0)
        options.logger.warn({ rejected: result.rejected.slice(0, 3) }, 'demo transactions rejected');
      cursor += MINUTE_MS;
    }
  };
  const tick = () => {
    running = running
      .then(catchUp)
      .catch((error: unknown) => options.logger.error({ err: error }, 'demo transactions failed'));
  };
  tick();
  const timer = setInterval(tick, 5000);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
