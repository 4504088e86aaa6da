import { describe, expect, it } from 'vitest';
import { createSilentLogger } from '@ganzhi/runtime';
import { FakeClock, flushMicrotasks } from '@ganzhi/testing';
import { CheckScheduler, type SchedulableCheck } from './check-scheduler.js';
import { nextSlotMs, scheduleOffsetMs } from './schedule-offset.js';

function check(id: string, intervalSeconds = 60, revision = '1'): SchedulableCheck {
  return { id, intervalSeconds, revision };
}

function createScheduler(clock: FakeClock, options: { concurrency?: number; runMs?: number } = {}) {
  const starts: { id: string; atMs: number }[] = [];
  const scheduler = new CheckScheduler<SchedulableCheck>({
    clock,
    logger: createSilentLogger(),
    location: 'local',
    concurrency: options.concurrency ?? 10,
    execute: async (c) => {
      starts.push({ id: c.id, atMs: clock.now() });
      if (options.runMs) await clock.sleep(options.runMs);
    },
  });
  return { scheduler, starts };
}

describe('schedule offsets', () => {
  it('gives a check the same offset every time and keeps it inside the interval', () => {
    const offset = scheduleOffsetMs('check-1', 'local', 60_000);
    expect(scheduleOffsetMs('check-1', 'local', 60_000)).toBe(offset);
    expect(offset).toBeGreaterThanOrEqual(0);
    expect(offset).toBeLessThan(60_000);
  });

  it('spreads 600 checks with one interval across the whole minute', () => {
    const seconds = new Set(
      Array.from({ length: 600 }, (_, i) => Math.floor(scheduleOffsetMs(`c${i}`, 'local', 60_000) / 1000)),
    );
    expect(seconds.size).toBeGreaterThan(55);
  });

  it('finds the next slot on the offset grid', () => {
    expect(nextSlotMs(1_000, 500, 1_000)).toBe(1_500);
    expect(nextSlotMs(1_500, 500, 1_000)).toBe(1_500);
  });
});

describe('CheckScheduler', () => {
  it('runs each check once per interval at its offset', async () => {
    const clock = new FakeClock(0);
    const { scheduler, starts } = createScheduler(clock);
    scheduler.setChecks([check('a'), check('b')], { runNewNow: false });
    scheduler.start();
    await clock.advance(10 * 60_000);
    await scheduler.stop();
    for (const id of ['a', 'b']) {
      const times = starts.filter((s) => s.id === id).map((s) => s.atMs);
      expect(times).toHaveLength(10);
      expect(times.every((t) => t % 60_000 === scheduleOffsetMs(id, 'local', 60_000))).toBe(true);
    }
  });

  it('runs a newly created check at once when asked, then on its grid', async () => {
    const clock = new FakeClock(0);
    const { scheduler, starts } = createScheduler(clock);
    scheduler.start();
    await clock.advance(5_000);
    scheduler.setChecks([check('new')], { runNewNow: true });
    await flushMicrotasks();
    expect(starts).toEqual([{ id: 'new', atMs: 5_000 }]);
    await scheduler.stop();
  });

  it('after a restart, runs at once the checks whose slot passed since their last run, longest overdue first', async () => {
    const intervalMs = 60_000;
    const restartMs = 10 * intervalMs;
    const ids = Array.from({ length: 40 }, (_, i) => `c${i}`);
    const slotOf = (id: string, fromMs: number) =>
      nextSlotMs(fromMs, scheduleOffsetMs(id, 'local', intervalMs), intervalMs);
    // Each ran at its slot in the interval before a 30 s outage that ended at restartMs.
    const lastRunStarts = new Map(ids.map((id) => [id, slotOf(id, restartMs - intervalMs - 30_000)]));
    const missed = ids.filter((id) => slotOf(id, (lastRunStarts.get(id) ?? 0) + 1) < restartMs);
    expect(missed.length).toBeGreaterThan(0);
    expect(missed.length).toBeLessThan(ids.length);

    const clock = new FakeClock(restartMs);
    const { scheduler, starts } = createScheduler(clock, { concurrency: 100 });
    scheduler.setChecks(
      ids.map((id) => check(id)),
      { runNewNow: false, lastRunStarts },
    );
    scheduler.start();
    await flushMicrotasks();
    expect(starts.map((s) => s.id)).toEqual(
      [...missed].sort(
        (a, b) => slotOf(a, (lastRunStarts.get(a) ?? 0) + 1) - slotOf(b, (lastRunStarts.get(b) ?? 0) + 1),
      ),
    );
    await clock.advance(intervalMs);
    await scheduler.stop();
    // Every check ran again within one interval of its previous run (or at once, if that had passed).
    for (const id of ids) {
      const first = starts.find((s) => s.id === id)?.atMs ?? Infinity;
      expect(first).toBeLessThanOrEqual(Math.max(restartMs, (lastRunStarts.get(id) ?? 0) + intervalMs));
    }
  });

  it('never starts a check again while its previous run is still going', async () => {
    const clock = new FakeClock(0);
    const { scheduler, starts } = createScheduler(clock, { runMs: 150_000 });
    scheduler.setChecks([check('slow')], { runNewNow: true });
    scheduler.start();
    await clock.advance(300_000);
    const stopping = scheduler.stop();
    await clock.advance(150_000); // let the run in flight finish
    await stopping;
    expect(starts.map((s) => s.atMs)).toEqual([0, 150_000, 300_000].slice(0, starts.length));
    expect(starts.length).toBeLessThanOrEqual(3);
    expect(starts.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps at most `concurrency` runs in flight', async () => {
    const clock = new FakeClock(0);
    let inFlight = 0;
    let peak = 0;
    const scheduler = new CheckScheduler<SchedulableCheck>({
      clock,
      logger: createSilentLogger(),
      location: 'local',
      concurrency: 2,
      execute: async () => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await clock.sleep(1_000);
        inFlight--;
      },
    });
    scheduler.setChecks(
      Array.from({ length: 6 }, (_, i) => check(`c${i}`)),
      { runNewNow: true },
    );
    scheduler.start();
    await clock.advance(10_000);
    await scheduler.stop();
    expect(peak).toBe(2);
  });

  it('starts the next due check as soon as a slot frees, not on its next scan', async () => {
    const clock = new FakeClock(0);
    const starts: number[] = [];
    const scheduler = new CheckScheduler<SchedulableCheck>({
      clock,
      logger: createSilentLogger(),
      location: 'local',
      concurrency: 2,
      maxSleepMs: 1_000,
      execute: async () => {
        starts.push(clock.now());
        await clock.sleep(10);
      },
    });
    scheduler.setChecks(
      Array.from({ length: 20 }, (_, i) => check(`c${i}`)),
      { runNewNow: true },
    );
    scheduler.start();
    await clock.advance(200);
    await scheduler.stop();
    // Twenty 10 ms runs two at a time take 100 ms; a loop that waited for its next scan would manage 2 per second.
    expect(starts).toHaveLength(20);
    expect(Math.max(...starts)).toBeLessThanOrEqual(100);
  });

  it('forgets removed checks and reschedules changed ones', async () => {
    const clock = new FakeClock(0);
    const { scheduler, starts } = createScheduler(clock);
    scheduler.setChecks([check('keep', 60), check('drop', 60)], { runNewNow: false });
    scheduler.start();
    scheduler.setChecks([check('keep', 10, '2')], { runNewNow: false });
    await clock.advance(60_000);
    await scheduler.stop();
    expect(starts.some((s) => s.id === 'drop')).toBe(false);
    expect(starts.filter((s) => s.id === 'keep')).toHaveLength(6);
  });

  it('waits for runs in flight when stopped', async () => {
    const clock = new FakeClock(0);
    let finished = false;
    const scheduler = new CheckScheduler<SchedulableCheck>({
      clock,
      logger: createSilentLogger(),
      location: 'local',
      concurrency: 1,
      execute: async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        finished = true;
      },
    });
    scheduler.setChecks([check('x')], { runNewNow: true });
    scheduler.start();
    await flushMicrotasks();
    await scheduler.stop();
    expect(finished).toBe(true);
  });
});

describe('CheckScheduler reloads', () => {
  it('keeps scheduling a check that was reloaded while it was running', async () => {
    const clock = new FakeClock(0);
    const { scheduler, starts } = createScheduler(clock, { runMs: 5_000 });
    scheduler.setChecks([check('a', 60)], { runNewNow: true });
    scheduler.start();
    await clock.advance(1_000); // the first run is in flight
    scheduler.setChecks([check('a', 60), check('b', 60)], { runNewNow: true });
    await clock.advance(300_000);
    const stopping = scheduler.stop();
    await clock.advance(10_000);
    await stopping;
    expect(starts.filter((s) => s.id === 'a').length).toBeGreaterThanOrEqual(5);
  });
});

describe('CheckScheduler hold', () => {
  it('runs nothing until the hold ends, then every check that came due meanwhile', async () => {
    const clock = new FakeClock(0);
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const starts: string[] = [];
    const scheduler = new CheckScheduler<SchedulableCheck>({
      clock,
      logger: createSilentLogger(),
      location: 'local',
      concurrency: 10,
      execute: (c) => {
        starts.push(c.id);
        return Promise.resolve();
      },
      holdUntil: () => held,
    });
    scheduler.setChecks([check('new')], { runNewNow: true });
    scheduler.start();
    await clock.advance(120_000);
    expect(starts).toEqual([]);
    release();
    await flushMicrotasks();
    await clock.advance(1_000);
    expect(starts).toContain('new');
    await scheduler.stop();
  });

  it('stops while still held', async () => {
    const clock = new FakeClock(0);
    const scheduler = new CheckScheduler<SchedulableCheck>({
      clock,
      logger: createSilentLogger(),
      location: 'local',
      concurrency: 10,
      execute: () => Promise.resolve(),
      holdUntil: (signal) => new Promise((resolve) => signal.addEventListener('abort', resolve)),
    });
    scheduler.start();
    await scheduler.stop();
  });
});
