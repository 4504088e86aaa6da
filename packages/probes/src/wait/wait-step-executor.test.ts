import { describe, expect, it } from 'vitest';
import { waitStepSchema } from '@ganzhi/contracts';
import { FakeClock } from '@ganzhi/testing';
import { CookieJar } from 'tough-cookie';
import { ALLOW_ALL_ADDRESSES } from '../safety/address-policy.js';
import type { StepContext, StepOutcome } from '../step-executor.js';
import { waitStepExecutor } from './wait-step-executor.js';

const START_MS = Date.UTC(2026, 10, 2, 8, 0, 0);

function startWait(input: { durationMs: number; name?: string }, signal = new AbortController().signal) {
  const clock = new FakeClock(START_MS);
  const context: StepContext = {
    index: 3,
    signal,
    clock,
    addressPolicy: ALLOW_ALL_ADDRESSES,
    cookies: new CookieJar(),
  };
  let outcome: StepOutcome | undefined;
  const done = waitStepExecutor
    .execute(waitStepSchema.parse({ kind: 'wait', ...input }), context)
    .then((settled) => (outcome = settled));
  return { clock, done, isSettled: () => outcome !== undefined };
}

describe('wait step executor', () => {
  it('waits the whole duration on the clock and then succeeds', async () => {
    const { clock, done, isSettled } = startWait({ durationMs: 500 });
    await clock.advance(499);
    expect(isSettled()).toBe(false);
    await clock.advance(1);
    const { result } = await done;
    expect(result).toEqual({
      index: 3,
      kind: 'wait',
      name: 'wait 500 ms',
      ok: true,
      startedAt: new Date(START_MS).toISOString(),
      timings: {
        dnsMs: null,
        connectMs: null,
        tlsMs: null,
        firstByteMs: null,
        downloadMs: null,
        totalMs: 500,
      },
      errorClass: null,
      errorMessage: null,
      assertions: [],
      detail: { durationMs: 500 },
    });
  });

  it('keeps the name the step was given', async () => {
    const { clock, done } = startWait({ durationMs: 10, name: 'let the balance settle' });
    await clock.advance(10);
    expect((await done).result.name).toBe('let the balance settle');
  });

  it('fails with timeout when the flow is aborted mid-wait', async () => {
    const controller = new AbortController();
    const { clock, done } = startWait({ durationMs: 5_000 }, controller.signal);
    await clock.advance(1_200);
    controller.abort();
    const { result } = await done;
    expect(result).toMatchObject({
      ok: false,
      errorClass: 'timeout',
      errorMessage: 'aborted after 1200 of 5000 ms',
    });
    expect(result.timings.totalMs).toBe(1_200);
  });

  it('fails with timeout at once when the flow was aborted before the step', async () => {
    const controller = new AbortController();
    controller.abort();
    const { result } = await startWait({ durationMs: 5_000 }, controller.signal).done;
    expect(result).toMatchObject({
      ok: false,
      errorClass: 'timeout',
      errorMessage: 'aborted after 0 of 5000 ms',
    });
  });
});
