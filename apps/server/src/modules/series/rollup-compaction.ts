import { sql, type Kysely } from 'kysely';
import { startOfHour, startOfZonedDay } from '@ganzhi/quality';
import type { Clock } from '@ganzhi/runtime';
import { executeBulkUpsert } from '../../db/bulk-upsert.js';
import { compareText } from '../../db/chunked.js';
import type { DatabaseSchema } from '../../db/schema.js';
import { replaceRollup, sumRange } from './rollup-repository.js';

type Db = Kysely<DatabaseSchema>;

export type CoarseResolution = 'hour' | 'day';

export interface DirtyMark {
  readonly resolution: CoarseResolution;
  readonly seriesKey: string;
  readonly bucketStart: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Start of the local day that an hour bucket is summed into: the day containing the hour's start. */
function dayOfHour(hourStart: number, timeZone: string): number {
  // Not the day of the sample: in zones with half-hour offsets an hour bucket straddles local midnight, and its
  // whole row is counted in the day where it starts.
  return startOfZonedDay(hourStart, timeZone);
}

/** The next local midnight after `dayStart`: days are 23–25 h long where the zone has daylight saving. */
function nextDayStart(dayStart: number, timeZone: string): number {
  return startOfZonedDay(dayStart + 36 * HOUR_MS, timeZone);
}

/** The coarse buckets that a sample at `timeMs` belongs to. */
export function coarseBucketsOf(seriesKey: string, timeMs: number, timeZone: string): DirtyMark[] {
  const hourStart = startOfHour(timeMs);
  return [
    { resolution: 'hour', seriesKey, bucketStart: hourStart },
    { resolution: 'day', seriesKey, bucketStart: dayOfHour(hourStart, timeZone) },
  ];
}

/** Records that coarse buckets must be recomputed; idempotent. */
export async function markDirty(db: Db, marks: readonly DirtyMark[], nowMs: number): Promise<void> {
  if (marks.length === 0) return;
  const unique = new Map(
    marks.map((mark) => [`${mark.resolution}|${mark.seriesKey}|${mark.bucketStart}`, mark]),
  );
  // Sorted: one lock order for concurrent writers (see addToRollups); day marks before hour marks.
  const ordered = [...unique.entries()].sort(([a], [b]) => compareText(a, b)).map(([, mark]) => mark);
  await executeBulkUpsert(
    db as unknown as Kysely<unknown>,
    {
      table: 'rollup_dirty',
      columns: ['resolution', 'series_key', 'bucket_start', 'marked_at'],
      conflictColumns: ['resolution', 'series_key', 'bucket_start'],
      addColumns: [],
    },
    ordered.map((mark) => [mark.resolution, mark.seriesKey, mark.bucketStart, nowMs]),
  );
}

export interface CompactOptions {
  readonly timeZone: string;
  /** At most this many buckets per resolution per call, so one call stays short. */
  readonly limit: number;
}

interface CompactionCounts {
  readonly hours: number;
  readonly days: number;
}

/**
 * Recomputes dirty hours from minutes, oldest first, each in its own transaction that removes its mark (a sample
 * arriving meanwhile re-marks it) and marks its day, so a day always follows its hours.
 */
async function compactHours(db: Db, options: CompactOptions): Promise<number> {
  const marks = await db
    .selectFrom('rollup_dirty')
    .select(['series_key', 'bucket_start', 'marked_at'])
    .where('resolution', '=', 'hour')
    .orderBy('bucket_start')
    .orderBy('series_key')
    .limit(options.limit)
    .execute();
  for (const mark of marks) {
    const hourStart = Number(mark.bucket_start);
    await db.transaction().execute(async (trx) => {
      // The day mark first: ingest takes day marks before hour marks too (markDirty's order), so PostgreSQL never
      // sees the two transactions wait on each other. It is needed even though ingest marks the day: a day rebuilt
      // while this hour's samples were still uncommitted would otherwise miss them for good.
      await markDirty(
        trx,
        [
          {
            resolution: 'day',
            seriesKey: mark.series_key,
            bucketStart: dayOfHour(hourStart, options.timeZone),
          },
        ],
        Number(mark.marked_at),
      );
      await deleteMark(trx, { resolution: 'hour', seriesKey: mark.series_key, bucketStart: hourStart });
      const sum = await sumRange(trx, {
        table: 'rollups_minute',
        seriesKeys: [mark.series_key],
        fromMs: hourStart,
        toMs: hourStart + HOUR_MS,
        bucketStart: hourStart,
      });
      await replaceRollup(trx, 'rollups_hour', { ...sum, seriesKey: mark.series_key });
    });
  }
  return marks.length;
}

async function deleteMark(db: Db, mark: DirtyMark): Promise<void> {
  await db
    .deleteFrom('rollup_dirty')
    .where('resolution', '=', mark.resolution)
    .where('series_key', '=', mark.seriesKey)
    .where('bucket_start', '=', mark.bucketStart)
    .execute();
}

/**
 * Day marks, oldest first, whose series has no pending hour mark inside the day: a day summed from hours not built
 * yet would be wrong, and its mark gone. Blocked marks are skipped, so they never take the place of ready ones.
 * One query; each mark costs one range probe of the primary key (resolution, series_key, bucket_start), in the
 * engine: a check per mark from here cost 4–20 times more (round trips, and paging past blocked marks).
 */
async function selectReadyDayMarks(db: Db, options: CompactOptions): Promise<DirtyMark[]> {
  const days = await db
    .selectFrom('rollup_dirty')
    .select('bucket_start')
    .distinct()
    .where('resolution', '=', 'day')
    .execute();
  if (days.length === 0) return [];
  // Day lengths only vary on daylight-saving days: list those few, 24 h otherwise. Literals, not parameters,
  // because PostgreSQL cannot infer the type of a parameter in a CASE branch; they are numbers we computed.
  const uneven = days
    .map((day) => Number(day.bucket_start))
    .map((start) => ({ start, lengthMs: nextDayStart(start, options.timeZone) - start }))
    .filter((day) => day.lengthMs !== DAY_MS);
  const dayLengthMs =
    uneven.length === 0
      ? sql.lit(DAY_MS)
      : sql`case d.bucket_start ${sql.join(
          uneven.map((day) => sql`when ${sql.lit(day.start)} then ${sql.lit(day.lengthMs)}`),
          sql` `,
        )} else ${sql.lit(DAY_MS)} end`;
  const rows = await db
    .selectFrom('rollup_dirty as d')
    .select(['d.series_key', 'd.bucket_start'])
    .where('d.resolution', '=', 'day')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('rollup_dirty as h')
            .select(sql.lit(1).as('pending'))
            .where('h.resolution', '=', 'hour')
            .whereRef('h.series_key', '=', 'd.series_key')
            .whereRef('h.bucket_start', '>=', 'd.bucket_start')
            .where('h.bucket_start', '<', sql<number>`d.bucket_start + ${dayLengthMs}`)
            // An OFFSET keeps PostgreSQL from turning this into a hash anti-join on series_key that compares every
            // day with every pending hour of its series (190 ms at 10k days and 120k hours, against 30 ms this way).
            .limit(1)
            .offset(0),
        ),
      ),
    )
    .orderBy('d.bucket_start')
    .orderBy('d.series_key')
    .limit(options.limit)
    .execute();
  return rows.map((row) => ({
    resolution: 'day',
    seriesKey: row.series_key,
    bucketStart: Number(row.bucket_start),
  }));
}

/** Recomputes the days whose hours are all built, each from its hour rows. */
async function compactDays(db: Db, options: CompactOptions): Promise<number> {
  const marks = await selectReadyDayMarks(db, options);
  for (const mark of marks) {
    await db.transaction().execute(async (trx) => {
      await deleteMark(trx, mark);
      const sum = await sumRange(trx, {
        table: 'rollups_hour',
        seriesKeys: [mark.seriesKey],
        fromMs: mark.bucketStart,
        toMs: nextDayStart(mark.bucketStart, options.timeZone),
        bucketStart: mark.bucketStart,
      });
      await replaceRollup(trx, 'rollups_day', { ...sum, seriesKey: mark.seriesKey });
    });
  }
  return marks.length;
}

async function compactOnce(db: Db, options: CompactOptions): Promise<CompactionCounts> {
  // Hours first: a day is summed from its hours.
  const hours = await compactHours(db, options);
  const days = await compactDays(db, options);
  return { hours, days };
}

/**
 * Recomputes up to `limit` dirty hours, then up to `limit` dirty days whose hours are all current; returns how
 * many buckets it rebuilt. A day with a pending hour keeps its mark until a later call has built that hour.
 */
export async function compactDirtyRollups(db: Db, options: CompactOptions): Promise<number> {
  const { hours, days } = await compactOnce(db, options);
  return hours + days;
}

export interface CompactRoundOptions extends CompactOptions {
  readonly clock: Clock;
  /** No new call starts after this long, so one run of the periodic job ends and a backlog drains over several. */
  readonly budgetMs: number;
}

export interface CompactRoundResult {
  readonly compacted: number;
  readonly calls: number;
  /** False when the budget ran out while a call still found a full `limit` of work. */
  readonly isCaughtUp: boolean;
}

/** Calls compactDirtyRollups again while the last call found a full `limit` of hours or days (more may wait). */
export async function compactDirtyRollupsWithin(
  db: Db,
  options: CompactRoundOptions,
): Promise<CompactRoundResult> {
  const deadline = options.clock.now() + options.budgetMs;
  let compacted = 0;
  let calls = 0;
  for (;;) {
    const { hours, days } = await compactOnce(db, options);
    compacted += hours + days;
    calls++;
    const isFull = hours >= options.limit || days >= options.limit;
    if (!isFull) return { compacted, calls, isCaughtUp: true };
    if (options.clock.now() >= deadline) return { compacted, calls, isCaughtUp: false };
  }
}
