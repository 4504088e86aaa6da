import type { FlowResult } from '../run-flow.js';
import type { LagProbe } from './event-loop-lag.js';
import type { MeasuredFlow } from './flow-job.js';

/**
 * A stall of our own event loop longer than this, overlapping a run, makes the run's timing untrustworthy: a
 * 2 s latency limit cannot be judged when we ourselves were deaf for a tenth of a second of it.
 */
export const LAG_TAINT_LIMIT_MS = 100;

/**
 * Runs a flow and judges its window against the lag probe of the thread that timed it. A tainted run is thrown
 * away (never recorded, so never a failure) and run once more at once; if that one is tainted too it is returned
 * marked, and the caller decides (a scheduled run is skipped; one asked for by a user is shown).
 */
export async function runMeasuredFlow(run: () => Promise<FlowResult>, lag: LagProbe): Promise<MeasuredFlow> {
  const first = await timeRun(run, lag);
  if (first.lagMs <= LAG_TAINT_LIMIT_MS)
    return { result: first.result, discardedRuns: 0, taintedByLagMs: null };
  const second = await timeRun(run, lag);
  return {
    result: second.result,
    discardedRuns: 1,
    taintedByLagMs: second.lagMs <= LAG_TAINT_LIMIT_MS ? null : Math.round(second.lagMs),
  };
}

async function timeRun(
  run: () => Promise<FlowResult>,
  lag: LagProbe,
): Promise<{ result: FlowResult; lagMs: number }> {
  const release = lag.watch();
  try {
    const fromMs = lag.now();
    const result = await run();
    return { result, lagMs: lag.worstLagMs(fromMs, lag.now()) };
  } finally {
    release();
  }
}
