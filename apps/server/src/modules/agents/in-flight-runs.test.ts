import { describe, expect, it } from 'vitest';
import { AppError } from '@ganzhi/runtime';
import { FakeClock } from '@ganzhi/testing';
import { InFlightRuns, interruptedRun } from './in-flight-runs.js';

const never = () => new Promise<string>(() => undefined);

describe('InFlightRuns', () => {
  it('answers the outcome of a run that finishes', async () => {
    const runs = new InFlightRuns();
    expect(await runs.execute(() => Promise.resolve('done'))).toBe('done');
    expect(runs.abandonAll()).toBe(0);
  });

  it('answers undefined at once for a run abandoned at shutdown, however long its target takes', async () => {
    const runs = new InFlightRuns();
    const slow = runs.execute(never);
    expect(runs.abandonAll()).toBe(1);
    expect(await slow).toBeUndefined();
  });

  it('does not let a run that fails after being abandoned surface as an unhandled rejection', async () => {
    const runs = new InFlightRuns();
    let fail = (): void => undefined;
    const failing = runs.execute(
      () => new Promise<string>((_resolve, reject) => (fail = () => reject(new Error('socket closed')))),
    );
    runs.abandonAll();
    expect(await failing).toBeUndefined();
    fail();
    await new Promise((resolve) => setImmediate(resolve));
  });

  it("is idle only once operations started while waiting are done too (a measured run's storing)", async () => {
    const runs = new InFlightRuns();
    let finishStoring = (): void => undefined;
    const stored: string[] = [];
    void runs.track(async () => {
      await Promise.resolve();
      void runs.track(
        () =>
          new Promise<void>((resolve) => {
            finishStoring = () => {
              stored.push('run');
              resolve();
            };
          }),
      );
    });
    let isIdle = false;
    const idle = runs.whenIdle().then(() => (isIdle = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(isIdle).toBe(false);
    finishStoring();
    await idle;
    expect(stored).toEqual(['run']);
  });

  it('refuses new runs with UNAVAILABLE once closed', async () => {
    const runs = new InFlightRuns();
    runs.close();
    const refused = runs.execute(() => Promise.resolve('too late'));
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('is idle once every tracked operation, the storing of abandoned runs included, has settled', async () => {
    const runs = new InFlightRuns();
    const stored: string[] = [];
    const operation = runs.track(async () => {
      const outcome = await runs.execute(never);
      stored.push(outcome ?? 'interrupted');
    });
    let isIdle = false;
    const idle = runs.whenIdle().then(() => (isIdle = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(isIdle).toBe(false);
    runs.abandonAll();
    await Promise.all([operation, idle]);
    expect(stored).toEqual(['interrupted']);
  });
});

describe('interruptedRun', () => {
  it('is a run of the check that says it was interrupted, with no steps and no verdict on the target', async () => {
    const clock = new FakeClock(Date.UTC(2026, 11, 3, 8, 0, 0));
    const startedAtMs = clock.now();
    await clock.advance(2000);
    const run = interruptedRun(
      { id: 'check-1' },
      { agentId: 'builtin-local', location: 'local' },
      { startedAtMs, clock },
    );
    expect(run).toMatchObject({
      checkId: 'check-1',
      agentId: 'builtin-local',
      location: 'local',
      startedAt: '2026-12-03T08:00:00.000Z',
      durationMs: 2000,
      ok: false,
      errorClass: 'interrupted',
      steps: [],
      artifacts: [],
    });
    expect(run.errorMessage).toContain('says nothing about the target');
  });
});
