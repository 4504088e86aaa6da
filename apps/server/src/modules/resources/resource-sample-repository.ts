import { sql, type Kysely } from 'kysely';
import { chunked, compareText } from '../../db/chunked.js';
import type { DatabaseSchema } from '../../db/schema.js';
import type { ResourceSample } from './resource-records.js';

type Db = Kysely<DatabaseSchema>;

const MINUTE_MS = 60_000;
/** 8 columns per row: 2000 rows stay well under SQLite's 32 766 and PostgreSQL's 65 535 bound parameters. */
const ROWS_PER_STATEMENT = 2000;

/** Samples of one system × host × metric × minute merged. */
export interface MinuteRow {
  readonly system: string;
  readonly host: string;
  readonly metric: string;
  readonly bucketStart: number;
  sum: number;
  count: number;
  min: number;
  max: number;
}

/** Merges samples into minute rows, sorted by key: the lock order every writer uses (no deadlocks on PostgreSQL). */
export function aggregateMinutes(samples: readonly ResourceSample[]): MinuteRow[] {
  const rows = new Map<string, MinuteRow>();
  for (const sample of samples) {
    const bucketStart = Math.floor(sample.timeMs / MINUTE_MS) * MINUTE_MS;
    const key = `${sample.system}|${sample.host}|${sample.metric}|${bucketStart}`;
    const row = rows.get(key);
    if (row) {
      row.sum += sample.value;
      row.count += 1;
      row.min = Math.min(row.min, sample.value);
      row.max = Math.max(row.max, sample.value);
    } else {
      rows.set(key, {
        system: sample.system,
        host: sample.host,
        metric: sample.metric,
        bucketStart,
        sum: sample.value,
        count: 1,
        min: sample.value,
        max: sample.value,
      });
    }
  }
  return [...rows.values()].sort(
    (a, b) =>
      compareText(a.system, b.system) ||
      compareText(a.host, b.host) ||
      compareText(a.metric, b.metric) ||
      a.bucketStart - b.bucketStart,
  );
}

/** Adds the rows to the stored minutes (a minute sampled twice keeps both samples' sum, count and extremes). */
export async function upsertMinuteRows(db: Db, rows: readonly MinuteRow[]): Promise<void> {
  for (const chunk of chunked(rows, ROWS_PER_STATEMENT)) {
    await db
      .insertInto('resource_minute')
      .values(
        chunk.map((row) => ({
          system: row.system,
          host: row.host,
          metric: row.metric,
          bucket_start: row.bucketStart,
          sum: row.sum,
          count: row.count,
          min: row.min,
          max: row.max,
        })),
      )
      .onConflict((conflict) =>
        conflict.columns(['system', 'host', 'metric', 'bucket_start']).doUpdateSet((eb) => ({
          sum: sql<number>`${eb.ref('resource_minute.sum')} + ${eb.ref('excluded.sum')}`,
          count: sql<number>`${eb.ref('resource_minute.count')} + ${eb.ref('excluded.count')}`,
          // CASE rather than min()/least(): the same text works on both engines.
          min: sql<number>`case when ${eb.ref('excluded.min')} < ${eb.ref('resource_minute.min')} then ${eb.ref('excluded.min')} else ${eb.ref('resource_minute.min')} end`,
          max: sql<number>`case when ${eb.ref('excluded.max')} > ${eb.ref('resource_minute.max')} then ${eb.ref('excluded.max')} else ${eb.ref('resource_minute.max')} end`,
        })),
      )
      .execute();
  }
}

export async function deleteResourceMinutesBefore(db: Db, beforeMs: number): Promise<number> {
  const result = await db
    .deleteFrom('resource_minute')
    .where('bucket_start', '<', beforeMs)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Start of the newest minute holding `metric` for any of `systems`, or null. */
export async function latestResourceMinute(
  db: Db,
  filter: { metric: string; systems: readonly string[] },
): Promise<number | null> {
  if (filter.systems.length === 0) return null;
  const row = await db
    .selectFrom('resource_minute')
    .select((eb) => eb.fn.max('bucket_start').as('latest'))
    .where('metric', '=', filter.metric)
    .where('system', 'in', filter.systems)
    .executeTakeFirst();
  return row?.latest === null || row?.latest === undefined ? null : Number(row.latest);
}

export interface SystemRange {
  readonly system: string;
  readonly metric: string;
  readonly fromMs: number;
  readonly toMs: number;
}

/** Per host: minutes with samples and the highest sample in the range. */
export async function readHostCoverage(
  db: Db,
  range: SystemRange,
): Promise<{ host: string; minutes: number; peak: number }[]> {
  const rows = await db
    .selectFrom('resource_minute')
    .select((eb) => ['host', eb.fn.countAll<number>().as('minutes'), eb.fn.max<number>('max').as('peak')])
    .where('system', '=', range.system)
    .where('metric', '=', range.metric)
    .where('bucket_start', '>=', range.fromMs)
    .where('bucket_start', '<', range.toMs)
    .groupBy('host')
    .orderBy('host')
    .execute();
  return rows.map((row) => ({ host: row.host, minutes: Number(row.minutes), peak: Number(row.peak) }));
}

export interface MinuteValue {
  readonly timeMs: number;
  readonly value: number;
}

/**
 * The system's value per minute: the mean over its hosts of each host's mean in that minute. With `above`, only the
 * minutes whose value exceeds it (the database filters, so a month of quiet minutes never leaves it).
 */
export async function readSystemMinuteMeans(
  db: Db,
  range: SystemRange & { above?: number },
): Promise<MinuteValue[]> {
  const hostMean = sql<number>`${sql.ref('sum')} / ${sql.ref('count')}`;
  let query = db
    .selectFrom('resource_minute')
    .select((eb) => ['bucket_start', eb.fn.avg<number>(hostMean).as('value')])
    .where('system', '=', range.system)
    .where('metric', '=', range.metric)
    .where('bucket_start', '>=', range.fromMs)
    .where('bucket_start', '<', range.toMs)
    .groupBy('bucket_start');
  if (range.above !== undefined) query = query.having((eb) => eb.fn.avg(hostMean), '>', range.above);
  const rows = await query.orderBy('bucket_start').execute();
  return rows.map((row) => ({ timeMs: Number(row.bucket_start), value: Number(row.value) }));
}

/** Each host's per-minute mean where it exceeds `above`, for the per-host drill-down. */
export async function readHostMinutesAbove(
  db: Db,
  range: SystemRange & { above: number },
): Promise<(MinuteValue & { host: string })[]> {
  const rows = await db
    .selectFrom('resource_minute')
    .select(['host', 'bucket_start', 'sum', 'count'])
    .where('system', '=', range.system)
    .where('metric', '=', range.metric)
    .where('bucket_start', '>=', range.fromMs)
    .where('bucket_start', '<', range.toMs)
    .where(sql<boolean>`${sql.ref('sum')} > ${range.above} * ${sql.ref('count')}`)
    .orderBy('host')
    .orderBy('bucket_start')
    .execute();
  return rows.map((row) => ({
    host: row.host,
    timeMs: Number(row.bucket_start),
    value: Number(row.sum) / Number(row.count),
  }));
}
