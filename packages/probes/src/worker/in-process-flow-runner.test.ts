import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stepSchema } from '@ganzhi/contracts';
import { systemClock } from '@ganzhi/runtime';
import { createAddressPolicy } from '../safety/address-policy.js';
import type { MeasuredFlow } from './flow-job.js';
import { InProcessFlowRunner } from './in-process-flow-runner.js';
import { busyLoop, startTargetThread, type TargetThread } from './test-target.js';

let target: TargetThread;

beforeAll(async () => {
  target = await startTargetThread({ delayMs: 50 });
});

afterAll(async () => {
  await target.close();
});

/** Runs the check against the 50 ms target while this thread, the one timing it, stalls for 300 ms. */
async function runThroughStall(runner: InProcessFlowRunner) {
  const running = runner.run({ steps: [stepSchema.parse({ kind: 'http', url: target.url })] });
  setTimeout(() => busyLoop(300), 10); // the request is on its way by then
  return running;
}

function latencyMs(measured: MeasuredFlow): number {
  return measured.result.steps[0]?.timings.totalMs ?? Number.NaN;
}

describe('InProcessFlowRunner', () => {
  it('would measure us: without the lag check, our stall enters the latency of a 50 ms answer', async () => {
    const blind = new InProcessFlowRunner({
      clock: systemClock,
      addressPolicy: createAddressPolicy(),
      secrets: {},
      lag: { now: () => 0, watch: () => () => undefined, worstLagMs: () => 0 },
    });
    const before = await target.requests();
    const measured = await runThroughStall(blind);
    expect(latencyMs(measured)).toBeGreaterThanOrEqual(250);
    expect(await target.requests()).toBe(before + 1);
    await blind.stop();
  });

  it('re-runs at once a run that our own stall overlapped, and keeps the clean re-run', async () => {
    const runner = new InProcessFlowRunner({
      clock: systemClock,
      addressPolicy: createAddressPolicy(),
      secrets: {},
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const before = await target.requests();
      const measured = await runThroughStall(runner);
      expect(measured.discardedRuns).toBe(1);
      expect(measured.taintedByLagMs).toBeNull();
      expect(measured.result).toMatchObject({ ok: true, errorClass: null });
      expect(latencyMs(measured)).toBeLessThan(150);
      expect(await target.requests()).toBe(before + 2);
    } finally {
      await runner.stop();
    }
  });
});
