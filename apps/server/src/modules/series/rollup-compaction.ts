import type { Kysely } from 'kysely';
import { startOfHour, startOfZonedDay } from '@ganzhi/quality';
import { executeBulkUpsert } from '../../db/bulk-upsert.js';
import { compareText } from '../../db/chunked.js';
import type { DatabaseSchema, RollupTableName } from '../../db/schema.js';
import { replaceRollup, sumRange } from './rollup-repository.js';

type Db = Kysely<DatabaseSchema>;

export type CoarseResolution = 'hour' | 'day';

export interface DirtyMark {
  readonly resolution: CoarseResolution;
  readonly seriesKey: string;
  readonly bucketStart: number;
}

const HOUR_MS = 3_600_000;

/** The coarse buckets that a sample at `timeMs` belongs to. */
export function coarseBucketsOf(seriesKey: string, timeMs: number, timeZone: string): DirtyMark[] {
  return [
    { resolution: 'hour', seriesKey, bucketStart: startOfHour(timeMs) },
    { resolution: 'day', seriesKey, bucketStart: startOfZonedDay(timeMs, timeZone) },
  ];
}

/** Records that coarse buckets must be recomputed; idempotent. */
export async function markDirty(db: Db, marks: readonly DirtyMark[], nowMs: number): Promise<void> {
  if (marks.length === 0) return;
  const unique = new Map(
    marks.map((mark) => [`${mark.resolution}|${mark.seriesKey}|${mark.bucketStart}`, mark]),
  );
  // Sorted: one lock order for concurrent writers (see addToRollups).
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

interface CompactionPlan {
  readonly resolution: CoarseResolution;
  readonly target: RollupTableName;
  readonly source: RollupTableName;
  bucketEnd(bucketStart: number): number;
}

function plansFor(timeZone: string): CompactionPlan[] {
  // Hours first: a day is summed from its hours, so they must be current before the day is recomputed.
  return [
    {
      resolution: 'hour',
      target: 'rollups_hour',
      source: 'rollups_minute',
      bucketEnd: (start) => start + HOUR_MS,
    },
    {
      resolution: 'day',
      target: 'rollups_day',
      source: 'rollups_hour',
      // Days are 23–25 h long where the zone has daylight saving: find the next local midnight instead of adding 24 h.
      bucketEnd: (start) => startOfZonedDay(start + 36 * HOUR_MS, timeZone),
    },
  ];
}

export interface CompactOptions {
  readonly timeZone: string;
  /** At most this many buckets per resolution per call, so one call stays short. */
  readonly limit: number;
}

/**
 * Recomputes every dirty hour and day bucket from the finer table. Each bucket is recomputed in its own
 * transaction that first removes its mark, so a sample arriving meanwhile re-marks it and nothing is missed.
 */
export async function compactDirtyRollups(db: Db, options: CompactOptions): Promise<number> {
  let compacted = 0;
  for (const plan of plansFor(options.timeZone)) {
    const marks = await db
      .selectFrom('rollup_dirty')
      .select(['series_key', 'bucket_start'])
      .where('resolution', '=', plan.resolution)
      .orderBy('bucket_start')
      .limit(options.limit)
      .execute();
    for (const mark of marks) {
      await db.transaction().execute(async (trx) => {
        await trx
          .deleteFrom('rollup_dirty')
          .where('resolution', '=', plan.resolution)
          .where('series_key', '=', mark.series_key)
          .where('bucket_start', '=', mark.bucket_start)
          .execute();
        const bucketStart = Number(mark.bucket_start);
        const sum = await sumRange(trx, {
          table: plan.source,
          seriesKeys: [mark.series_key],
          fromMs: bucketStart,
          toMs: plan.bucketEnd(bucketStart),
          bucketStart,
        });
        await replaceRollup(trx, plan.target, { ...sum, seriesKey: mark.series_key });
      });
      compacted++;
    }
  }
  return compacted;
}
