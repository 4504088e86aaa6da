import { afterEach, beforeEach, expect, it } from 'vitest';
import { startOfZonedDay } from '@ganzhi/quality';
import { FakeClock } from '@ganzhi/testing';
import { describeEachDialect, openTestDatabase, type TestDatabase } from '../../db/each-dialect.js';
import {
  compactDirtyRollups,
  compactDirtyRollupsWithin,
  createSeriesService,
  queryBuckets,
  type SeriesSample,
} from './index.js';

const SHANGHAI = 'Asia/Shanghai';
const BERLIN = 'Europe/Berlin';
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const LIMIT = 500;

describeEachDialect('rollup compaction', (dialect) => {
  let database: TestDatabase;
  const clock = new FakeClock(Date.UTC(2026, 10, 20));

  beforeEach(async () => {
    database = await openTestDatabase(dialect);
  });

  afterEach(async () => {
    await database.destroy();
  });

  /** Records samples through the series module, one transaction per batch, as ingest does. */
  async function record(samples: readonly SeriesSample[], timeZone = SHANGHAI): Promise<void> {
    const series = createSeriesService({ clock, timeZone });
    for (let index = 0; index < samples.length; index += 2000) {
      const batch = samples.slice(index, index + 2000);
      await database.db.transaction().execute((trx) => series.recordSamples({ db: trx, samples: batch }));
    }
  }

  async function dirtyDays(): Promise<Set<string>> {
    const rows = await database.db
      .selectFrom('rollup_dirty')
      .select(['series_key', 'bucket_start'])
      .where('resolution', '=', 'day')
      .execute();
    return new Set(rows.map((row) => `${row.series_key}|${Number(row.bucket_start)}`));
  }

  async function countMarks(): Promise<number> {
    const row = await database.db
      .selectFrom('rollup_dirty')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function readRows(table: 'rollups_hour' | 'rollups_day') {
    return database.db.selectFrom(table).select(['series_key', 'bucket_start', 'count']).execute();
  }

  /** Per series and local day: samples recorded, the day row's count, and the sum of that day's hour rows. */
  async function tallyDays(samples: readonly SeriesSample[], timeZone = SHANGHAI) {
    const dayKey = (seriesKey: string, timeMs: number) => `${seriesKey}|${startOfZonedDay(timeMs, timeZone)}`;
    const add = (tally: Map<string, number>, key: string, count: number) =>
      tally.set(key, (tally.get(key) ?? 0) + count);
    const raw = new Map<string, number>();
    for (const sample of samples) add(raw, dayKey(sample.seriesKey, sample.timeMs), 1);
    // Each test has its own database: every row belongs to `samples`.
    const days = new Map<string, number>();
    for (const row of await readRows('rollups_day'))
      add(days, `${row.series_key}|${Number(row.bucket_start)}`, Number(row.count));
    const hours = new Map<string, number>();
    for (const row of await readRows('rollups_hour'))
      add(hours, dayKey(row.series_key, Number(row.bucket_start)), Number(row.count));
    return { raw, days, hours };
  }

  /** Every day whose mark has been consumed holds exactly the samples recorded in it (none pending is wrong). */
  async function expectConsumedDaysExact(samples: readonly SeriesSample[]): Promise<void> {
    const pending = await dirtyDays();
    const { raw, days } = await tallyDays(samples);
    for (const [key, count] of raw) {
      if (!pending.has(key)) expect({ key, count: days.get(key) ?? 0 }).toEqual({ key, count });
    }
  }

  /** Calls compaction with the production limit until a call finds nothing; returns how many calls it took. */
  async function compactUntilDone(check?: () => Promise<void>): Promise<number> {
    let calls = 0;
    for (;;) {
      const compacted = await compactDirtyRollups(database.db, { timeZone: SHANGHAI, limit: LIMIT });
      calls++;
      await check?.();
      if (compacted === 0) return calls;
    }
  }

  it('builds every local day of a six-week backfill from complete hours, call after call', async () => {
    // Starts at 13:00 local, so the first and last days are partial: three samples in every hour of one series,
    // one sample every fourth hour of another.
    const startMs = Date.UTC(2026, 7, 31, 16) + 13 * HOUR_MS;
    const samples: SeriesSample[] = [];
    for (let hour = 0; hour < 42 * 24; hour++) {
      for (const minute of [5, 25, 45]) {
        const timeMs = startMs + hour * HOUR_MS + minute * MINUTE_MS;
        samples.push({ seriesKey: 'tx:balance@changsha', timeMs, latencyMs: 100, failed: minute === 45 });
      }
      if (hour % 4 === 0) {
        const timeMs = startMs + hour * HOUR_MS + 50 * MINUTE_MS;
        samples.push({ seriesKey: 'tx:recharge@loudi', timeMs, latencyMs: 300, failed: false });
      }
    }
    await record(samples);

    const calls = await compactUntilDone(() => expectConsumedDaysExact(samples));

    // 1008 + 252 hour marks: three calls with a limit of 500, and the days follow without extra calls.
    expect(calls).toBeLessThanOrEqual(Math.ceil(1260 / LIMIT) + 2);
    expect(await countMarks()).toBe(0);
    const { raw, days, hours } = await tallyDays(samples);
    expect(raw.size).toBe(2 * 43);
    expect(days).toEqual(raw);
    expect(hours).toEqual(raw);
    expect([...days.values()].reduce((a, b) => a + b)).toBe(samples.length);
  });

  it('builds a day right when more than the limit of series report in its last hour', async () => {
    const dayStart = Date.UTC(2026, 10, 2, 16); // local midnight of 3 Nov
    const samples: SeriesSample[] = [];
    for (let index = 0; index < 510; index++) {
      const seriesKey = `tx:s${String(index).padStart(4, '0')}`;
      const offsetsMs = [23 * HOUR_MS + 20 * MINUTE_MS, DAY_MS - 1];
      if (index % 10 === 0) offsetsMs.push(22 * HOUR_MS + 10 * MINUTE_MS);
      for (const offsetMs of offsetsMs) {
        samples.push({ seriesKey, timeMs: dayStart + offsetMs, latencyMs: 80, failed: false });
      }
    }
    await record(samples);

    const calls = await compactUntilDone(() => expectConsumedDaysExact(samples));

    expect(calls).toBeGreaterThan(2);
    expect(await countMarks()).toBe(0);
    const { raw, days, hours } = await tallyDays(samples);
    expect(raw.size).toBe(510);
    expect(days).toEqual(raw);
    expect(hours).toEqual(raw);
  });

  it('keeps a day marked while one of its hours is still pending', async () => {
    const dayStart = Date.UTC(2026, 10, 2, 16);
    const seriesKey = 'tx:balance@yiyang';
    const samples = [1, 5, 9, 23].map((hour) => ({
      seriesKey,
      timeMs: dayStart + hour * HOUR_MS + 30 * MINUTE_MS,
      latencyMs: 90,
      failed: false,
    }));
    await record(samples);

    await compactDirtyRollups(database.db, { timeZone: SHANGHAI, limit: 1 });

    expect(await dirtyDays()).toEqual(new Set([`${seriesKey}|${dayStart}`]));
    const query = { seriesKeys: [seriesKey], fromMs: dayStart, toMs: dayStart + DAY_MS };
    expect(await queryBuckets(database.db, { table: 'rollups_day', ...query })).toEqual([]);
    expect(
      (await queryBuckets(database.db, { table: 'rollups_hour', ...query })).map((h) => h.count),
    ).toEqual([1]);

    await compactDirtyRollups(database.db, { timeZone: SHANGHAI, limit: 10 });
    const days = await queryBuckets(database.db, { table: 'rollups_day', ...query });
    expect(days.map((day) => day.count)).toEqual([4]);
    expect(await countMarks()).toBe(0);
  });

  it('waits for the 25th hour of the day daylight saving ends, and not for the next day after a 23-hour day', async () => {
    const seriesKey = 'tx:balance@berlin';
    const longDay = Date.UTC(2026, 9, 24, 22); // 25 Oct 2026, 00:00 CEST; the next midnight is 23:00 UTC on the 25th
    const shortDay = Date.UTC(2026, 2, 28, 23); // 29 Mar 2026, 00:00 CET; the next midnight is 22:00 UTC on the 29th
    const samples = [
      longDay + HOUR_MS,
      longDay + 24 * HOUR_MS + MINUTE_MS,
      shortDay + HOUR_MS,
      shortDay + 23 * HOUR_MS,
    ].map((timeMs) => ({ seriesKey, timeMs, latencyMs: 70, failed: false }));
    await record(samples, BERLIN);
    const options = { timeZone: BERLIN, limit: 1 };

    // The first hour of the 23-hour day: the day is complete although the next day's first hour is pending.
    await compactDirtyRollups(database.db, options);
    const shortQuery = { seriesKeys: [seriesKey], fromMs: shortDay, toMs: shortDay + 1 };
    expect(
      (await queryBuckets(database.db, { table: 'rollups_day', ...shortQuery })).map((d) => d.count),
    ).toEqual([1]);

    // Up to the first hour of the 25-hour day: its last hour (24 h after midnight) is still pending.
    await compactDirtyRollups(database.db, options);
    await compactDirtyRollups(database.db, options);
    expect(await dirtyDays()).toEqual(new Set([`${seriesKey}|${longDay}`]));

    await compactDirtyRollups(database.db, options);
    const longQuery = { seriesKeys: [seriesKey], fromMs: longDay, toMs: longDay + 1 };
    expect(
      (await queryBuckets(database.db, { table: 'rollups_day', ...longQuery })).map((d) => d.count),
    ).toEqual([2]);
    expect(await countMarks()).toBe(0);
  });

  it('drains a backlog larger than the limit in one run while the time budget lasts, and stops when it is spent', async () => {
    const startMs = Date.UTC(2026, 9, 1, 16);
    const samples = Array.from({ length: 250 }, (_, hour) => ({
      seriesKey: 'tx:balance@xiangtan',
      timeMs: startMs + hour * HOUR_MS,
      latencyMs: 60,
      failed: false,
    }));
    await record(samples);
    const options = { timeZone: SHANGHAI, limit: 100, clock };

    const spent = await compactDirtyRollupsWithin(database.db, { ...options, budgetMs: 0 });
    expect(spent).toMatchObject({ calls: 1, isCaughtUp: false });

    // The fake clock does not move: the budget never runs out, so the run goes on until a call is not full.
    const rest = await compactDirtyRollupsWithin(database.db, { ...options, budgetMs: 60_000 });
    expect(rest).toMatchObject({ calls: 2, isCaughtUp: true });
    expect(await countMarks()).toBe(0);
    const { raw, days } = await tallyDays(samples);
    expect(days).toEqual(raw);
  });
});
