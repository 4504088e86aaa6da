import { describe, expect, it } from 'vitest';
import { FakeClock, flushMicrotasks } from '@ganzhi/testing';
import type { LagProbe } from '../worker/event-loop-lag.js';
import { waitForQuietLoop } from './wait-for-quiet-loop.js';

/** A loop that stalls 500 ms every poll until `busyUntilMs` on the fake clock, then runs free. */
function loopBusyUntil(clock: FakeClock, busyUntilMs: number): LagProbe {
  return {
    now: () => clock.now(),
    watch: () => () => undefined,
    worstLagMs: () => (clock.now() < busyUntilMs ? 500 : 0),
  };
}

async function settle(clock: FakeClock, outcome: Promise<string>, stepMs = 100): Promise<string> {
  let done: string | undefined;
  void outcome.then((value) => (done = value));
  while (done === undefined) {
    await clock.advance(stepMs);
    await flushMicrotasks();
  }
  return done;
}

describe('waitForQuietLoop', () => {
  it('waits out start-up work, then for the loop to stay quiet', async () => {
    const clock = new FakeClock(0);
    const waiting = waitForQuietLoop({ clock, lag: loopBusyUntil(clock, 5_000), quietMs: 2_000 });
    expect(await settle(clock, waiting)).toBe('quiet');
    // The last stall was seen at 4.9 s; 2 s of quiet after it.
    expect(clock.now()).toBeGreaterThanOrEqual(6_900);
    expect(clock.now()).toBeLessThan(7_200);
  });

  it('gives up after the longest wait on a loop that never goes quiet', async () => {
    const clock = new FakeClock(0);
    const waiting = waitForQuietLoop({ clock, lag: loopBusyUntil(clock, Infinity), maxWaitMs: 10_000 });
    expect(await settle(clock, waiting)).toBe('timed-out');
    expect(clock.now()).toBeLessThanOrEqual(10_100);
  });

  it('ends when aborted', async () => {
    const clock = new FakeClock(0);
    const stop = new AbortController();
    const waiting = waitForQuietLoop({ clock, lag: loopBusyUntil(clock, Infinity), signal: stop.signal });
    stop.abort();
    expect(await waiting).toBe('aborted');
  });
});
