import type { Kysely } from 'kysely';
import type { CheckSeries, Resolution } from '@ganzhi/contracts';
import {
  computeTierCounts,
  createHistogram,
  histogramQuantile,
  mergeHistogramInto,
  recordLatency,
  startOfHour,
  startOfMinute,
  type LatencyHistogram,
} from '@ganzhi/quality';
import type { Clock } from '@ganzhi/runtime';
import type { DatabaseSchema, RollupTableName } from '../../db/schema.js';
import {
  addSortedToRollups,
  queryBuckets,
  type RollupBucket,
  type RollupDelta,
} from './rollup-repository.js';
import { coarseBucketsOf, type DirtyMark } from './rollup-compaction.js';
import { executeBulkUpsert } from '../../db/bulk-upsert.js';
import { chunked, compareText } from '../../db/chunked.js';

type Db = Kysely<DatabaseSchema>;

/** One measurement of one series: a probe run or (later) a transaction record. */
export interface SeriesSample {
  readonly seriesKey: string;
  readonly timeMs: number;
  readonly latencyMs: number;
  readonly failed: boolean;
}

/** The fixed dimensions of a series, stored once when the series first appears. */
export interface SeriesDescriptor {
  readonly seriesKey: string;
  readonly source: 'check' | 'transactions';
  readonly checkId: string | null;
  readonly location: string | null;
  readonly business: string | null;
  readonly channel: string | null;
  readonly region: string | null;
  readonly segment?: string | null;
}

const TABLE_OF: Record<Resolution, RollupTableName> = {
  minute: 'rollups_minute',
  hour: 'rollups_hour',
  day: 'rollups_day',
};

type MutableDelta = { -readonly [K in keyof RollupDelta]: RollupDelta[K] } & { histogram: LatencyHistogram };

/** Aggregates samples per series and minute in memory, so a batch becomes one upsert per bucket. */
export function aggregateSamples(samples: readonly SeriesSample[]): RollupDelta[] {
  // Nested maps (series, then minute): no key string built per sample.
  const bySeries = new Map<string, Map<number, MutableDelta>>();
  const deltas: MutableDelta[] = [];
  for (const sample of samples) {
    let minutes = bySeries.get(sample.seriesKey);
    if (!minutes) {
      minutes = new Map();
      bySeries.set(sample.seriesKey, minutes);
    }
    const bucketStart = startOfMinute(sample.timeMs);
    let delta = minutes.get(bucketStart);
    if (!delta) {
      delta = {
        seriesKey: sample.seriesKey,
        bucketStart,
        count: 0,
        failures: 0,
        latencySumMs: 0,
        histogram: createHistogram(),
      };
      minutes.set(bucketStart, delta);
      deltas.push(delta);
    }
    recordLatency(delta.histogram, sample.latencyMs);
    delta.count += 1;
    if (sample.failed) delta.failures += 1;
    delta.latencySumMs += sample.latencyMs;
  }
  return deltas;
}

/**
 * The dirty marks of minute deltas sorted by series then minute, one per series and coarse bucket however many
 * minutes share it: every day mark, then every hour mark, each in series order — one lock order for every writer of
 * marks (compaction too takes a day mark before an hour mark), found in one pass without keys or a sort.
 */
function marksOfSorted(deltas: readonly RollupDelta[], timeZone: string): DirtyMark[] {
  const days: DirtyMark[] = [];
  const hours: DirtyMark[] = [];
  let series: string | null = null;
  let hourStart = 0;
  let dayStart = 0;
  for (const delta of deltas) {
    const hour = startOfHour(delta.bucketStart);
    const isNewSeries = delta.seriesKey !== series;
    if (!isNewSeries && hour === hourStart) continue;
    const [hourMark, dayMark] = coarseBucketsOf(delta.seriesKey, hour, timeZone);
    if (hourMark) hours.push(hourMark);
    if (dayMark && (isNewSeries || dayMark.bucketStart !== dayStart)) days.push(dayMark);
    series = delta.seriesKey;
    hourStart = hour;
    dayStart = dayMark?.bucketStart ?? 0;
  }
  return days.concat(hours);
}

const DIRTY_MARKS = {
  table: 'rollup_dirty',
  columns: ['resolution', 'series_key', 'bucket_start', 'marked_at'],
  conflictColumns: ['resolution', 'series_key', 'bucket_start'],
  addColumns: [],
  columnTypes: ['text', 'text', 'bigint', 'bigint'],
} as const;

/**
 * `markDirty` for marks already unique and in lock order: its key strings, map and sort cost about as much CPU as
 * SQLite spent on the statement.
 */
async function writeMarksInOrder(db: Db, marks: readonly DirtyMark[], nowMs: number): Promise<void> {
  if (marks.length === 0) return;
  await executeBulkUpsert(
    db as unknown as Kysely<unknown>,
    DIRTY_MARKS,
    marks.map((mark) => [mark.resolution, mark.seriesKey, mark.bucketStart, nowMs]),
  );
}

/** Series, then minute: the order of rollup rows and of marks for every writer. */
function sortDeltas(deltas: readonly RollupDelta[]): RollupDelta[] {
  return [...deltas].sort((a, b) => compareText(a.seriesKey, b.seriesKey) || a.bucketStart - b.bucketStart);
}

export interface SeriesServiceDeps {
  readonly clock: Clock;
  readonly timeZone: string;
  /** Minute rollups from `fromMs` to `toMs` (bucket starts, inclusive) were written (e.g. late uploads to re-score). */
  readonly onMinutesWritten?: (range: { readonly fromMs: number; readonly toMs: number }) => void;
}

export function createSeriesService(deps: SeriesServiceDeps) {
  /** Adds minute deltas (already aggregated) and marks their hours and days for compaction. Inside the caller's transaction. */
  async function recordDeltas({ db, deltas: unordered }: { db: Db; deltas: readonly RollupDelta[] }) {
    const deltas = sortDeltas(unordered);
    await addSortedToRollups(db, 'rollups_minute', deltas);
    if (deltas.length > 0 && deps.onMinutesWritten) {
      let fromMs = Infinity;
      let toMs = -Infinity;
      for (const delta of deltas) {
        fromMs = Math.min(fromMs, delta.bucketStart);
        toMs = Math.max(toMs, delta.bucketStart);
      }
      deps.onMinutesWritten({ fromMs, toMs });
    }
    await writeMarksInOrder(db, marksOfSorted(deltas, deps.timeZone), deps.clock.now());
  }

  async function ensureManySeries({ db, series: all }: { db: Db; series: readonly SeriesDescriptor[] }) {
    const ordered = [...all].sort((a, b) => compareText(a.seriesKey, b.seriesKey));
    for (const chunk of chunked(ordered, 2000)) {
      await db
        .insertInto('series')
        .values(
          chunk.map((series) => ({
            series_key: series.seriesKey,
            source: series.source,
            check_id: series.checkId,
            location: series.location,
            business: series.business,
            channel: series.channel,
            region: series.region,
            segment: series.segment ?? null,
            created_at: deps.clock.now(),
          })),
        )
        .onConflict((conflict) => conflict.column('series_key').doNothing())
        .execute();
    }
  }

  return {
    /** Writes samples into minute rollups and marks their hours and days for compaction. Run inside the caller's transaction. */
    async recordSamples({ db, samples }: { db: Db; samples: readonly SeriesSample[] }): Promise<void> {
      await recordDeltas({ db, deltas: aggregateSamples(samples) });
    },

    recordDeltas,

    async ensureSeries({ db, series }: { db: Db; series: SeriesDescriptor }): Promise<void> {
      await ensureManySeries({ db, series: [series] });
    },

    /** Registers series that may not exist yet (idempotent). */
    ensureManySeries,

    /** Latency and failure history of a check over every location that ran it. */
    async getCheckSeries({
      db,
      checkId,
      fromMs,
      toMs,
      resolution,
      location,
    }: CheckSeriesQuery & { db: Db }): Promise<CheckSeries> {
      let select = db.selectFrom('series').select('series_key').where('check_id', '=', checkId);
      if (location !== undefined) select = select.where('location', '=', location);
      const keys = await select.execute();
      const buckets = await queryBuckets(db, {
        table: TABLE_OF[resolution],
        seriesKeys: keys.map((key) => key.series_key),
        fromMs,
        toMs,
      });
      return summariseBuckets(buckets, { fromMs, toMs, resolution });
    },
  };
}

export interface CheckSeriesQuery {
  readonly checkId: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly resolution: Resolution;
  /** Only this location's series (every location when absent). */
  readonly location?: string | undefined;
}

export type SeriesService = ReturnType<typeof createSeriesService>;

function summariseBuckets(
  buckets: readonly RollupBucket[],
  range: { fromMs: number; toMs: number; resolution: Resolution },
): CheckSeries {
  const total = createHistogram();
  let count = 0;
  let failures = 0;
  const points = buckets.map((bucket) => {
    mergeHistogramInto(total, bucket.histogram);
    count += bucket.count;
    failures += bucket.failures;
    return {
      t: new Date(bucket.bucketStart).toISOString(),
      count: bucket.count,
      failures: bucket.failures,
      p50Ms: histogramQuantile(bucket.histogram, 0.5),
      p95Ms: histogramQuantile(bucket.histogram, 0.95),
      p99Ms: histogramQuantile(bucket.histogram, 0.99),
      meanMs: bucket.count > 0 ? bucket.latencySumMs / bucket.count : null,
    };
  });
  return {
    resolution: range.resolution,
    from: new Date(range.fromMs).toISOString(),
    to: new Date(range.toMs).toISOString(),
    points,
    total: {
      count,
      failures,
      p50Ms: histogramQuantile(total, 0.5),
      p95Ms: histogramQuantile(total, 0.95),
      tiers: computeTierCounts(total),
    },
  };
}
