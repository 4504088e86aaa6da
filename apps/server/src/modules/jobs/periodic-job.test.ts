import { describe, expect, it } from 'vitest';
import { createSilentLogger } from '@ganzhi/runtime';
import { FakeClock, flushMicrotasks } from '@ganzhi/testing';
import { PeriodicJob } from './periodic-job.js';

function job(clock: FakeClock, run: (signal: AbortSignal) => Promise<void>): PeriodicJob {
  return new PeriodicJob({ name: 'test', intervalMs: 60_000, clock, logger: createSilentLogger(), run });
}

describe('PeriodicJob', () => {
  it('stops at once between cycles, without waiting for the next tick', async () => {
    const clock = new FakeClock(0);
    let cycles = 0;
    const periodic = job(clock, () => {
      cycles += 1;
      return Promise.resolve();
    });
    periodic.start();
    await clock.advance(60_000);
    expect(cycles).toBe(1);
    expect(await periodic.stop({ graceMs: 2000 })).toBe(true);
    await clock.advance(600_000);
    expect(cycles).toBe(1);
  });

  it('tells a cycle in progress to stop, and lets it end after the step it is in', async () => {
    const clock = new FakeClock(0);
    const steps: string[] = [];
    let finishStep = (): void => undefined;
    const periodic = job(clock, async (signal) => {
      for (const step of ['runs', 'rollups', 'sessions']) {
        if (signal.aborted) return;
        await new Promise<void>((resolve) => (finishStep = resolve));
        steps.push(step);
      }
    });
    periodic.start();
    await clock.advance(60_000);
    const stopped = periodic.stop({ graceMs: 2000 });
    finishStep();
    expect(await stopped).toBe(true);
    expect(steps).toEqual(['runs']);
  });

  it('abandons a cycle that overruns the grace', async () => {
    const clock = new FakeClock(0);
    const periodic = job(clock, () => new Promise<void>(() => undefined));
    periodic.start();
    await clock.advance(60_000);
    const stopped = periodic.stop({ graceMs: 2000 });
    await flushMicrotasks();
    await clock.advance(2000);
    expect(await stopped).toBe(false);
  });
});
