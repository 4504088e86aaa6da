import { sql, type Kysely } from 'kysely';
import { createHistogram } from '@ganzhi/quality';
import { HISTOGRAM_COLUMNS } from '../../db/histogram-columns.js';
import type { DatabaseSchema, RollupTable, RollupTableName } from '../../db/schema.js';

/** An increment to one series' bucket: merged into the stored row by addition. */
export interface RollupDelta {
  readonly seriesKey: string;
  readonly bucketStart: number;
  readonly count: number;
  readonly failures: number;
  readonly latencySumMs: number;
  readonly histogram: readonly number[];
}

/** A bucket summed over one or more series. */
export interface RollupBucket {
  readonly bucketStart: number;
  readonly count: number;
  readonly failures: number;
  readonly latencySumMs: number;
  readonly histogram: number[];
}

type Db = Kysely<DatabaseSchema>;

function toRow(delta: RollupDelta): RollupTable {
  const row: Record<string, number | string> = {
    series_key: delta.seriesKey,
    bucket_start: delta.bucketStart,
    count: delta.count,
    failures: delta.failures,
    latency_sum_ms: delta.latencySumMs,
  };
  HISTOGRAM_COLUMNS.forEach((column, index) => (row[column] = delta.histogram[index] ?? 0));
  return row as unknown as RollupTable;
}

/** Adds deltas into `table`; rows that do not exist yet are created. Atomic per row on both engines. */
export async function addToRollups(
  db: Db,
  table: RollupTableName,
  deltas: readonly RollupDelta[],
): Promise<void> {
  if (deltas.length === 0) return;
  const additive = ['count', 'failures', 'latency_sum_ms', ...HISTOGRAM_COLUMNS] as const;
  await db
    .insertInto(table)
    .values(deltas.map(toRow))
    .onConflict((conflict) =>
      conflict
        .columns(['series_key', 'bucket_start'])
        .doUpdateSet(
          Object.fromEntries(
            additive.map((column) => [
              column,
              sql`${sql.ref(`${table}.${column}`)} + ${sql.ref(`excluded.${column}`)}`,
            ]),
          ),
        ),
    )
    .execute();
}

/** Replaces whole rows: used by compaction, which recomputes a coarse bucket from its finer rows. */
export async function replaceRollup(db: Db, table: RollupTableName, row: RollupDelta): Promise<void> {
  await db
    .deleteFrom(table)
    .where('series_key', '=', row.seriesKey)
    .where('bucket_start', '=', row.bucketStart)
    .execute();
  if (row.count > 0) await db.insertInto(table).values(toRow(row)).execute();
}

function sumColumns() {
  return [
    sql<number>`sum(count)`.as('count'),
    sql<number>`sum(failures)`.as('failures'),
    sql<number>`sum(latency_sum_ms)`.as('latency_sum_ms'),
    ...HISTOGRAM_COLUMNS.map((column) => sql<number>`sum(${sql.ref(column)})`.as(column)),
  ];
}

function toBucket(row: Record<string, unknown>, bucketStart: number): RollupBucket {
  const histogram = createHistogram();
  HISTOGRAM_COLUMNS.forEach((column, index) => (histogram[index] = Number(row[column] ?? 0)));
  return {
    bucketStart,
    count: Number(row.count ?? 0),
    failures: Number(row.failures ?? 0),
    latencySumMs: Number(row.latency_sum_ms ?? 0),
    histogram,
  };
}

export interface BucketQuery {
  readonly table: RollupTableName;
  readonly seriesKeys: readonly string[];
  /** Inclusive start and exclusive end of bucket starts, epoch ms. */
  readonly fromMs: number;
  readonly toMs: number;
}

/** Buckets in [from, to), each summed over the given series, oldest first. */
export async function queryBuckets(db: Db, query: BucketQuery): Promise<RollupBucket[]> {
  if (query.seriesKeys.length === 0) return [];
  const rows = await db
    .selectFrom(query.table)
    .select('bucket_start')
    .select(sumColumns())
    .where('series_key', 'in', query.seriesKeys)
    .where('bucket_start', '>=', query.fromMs)
    .where('bucket_start', '<', query.toMs)
    .groupBy('bucket_start')
    .orderBy('bucket_start')
    .execute();
  return rows.map((row) => toBucket(row as Record<string, unknown>, Number(row.bucket_start)));
}

/** One bucket summed over every row of `seriesKey` in [from, to): the input of compaction. */
export async function sumRange(
  db: Db,
  query: BucketQuery & { readonly bucketStart: number },
): Promise<RollupBucket> {
  const row = await db
    .selectFrom(query.table)
    .select(sumColumns())
    .where('series_key', 'in', query.seriesKeys)
    .where('bucket_start', '>=', query.fromMs)
    .where('bucket_start', '<', query.toMs)
    .executeTakeFirst();
  const values: Record<string, unknown> = row ?? {};
  return toBucket(values, query.bucketStart);
}

/** Deletes buckets older than `beforeMs`; returns how many rows went. */
export async function deleteRollupsBefore(db: Db, table: RollupTableName, beforeMs: number): Promise<number> {
  const result = await db.deleteFrom(table).where('bucket_start', '<', beforeMs).executeTakeFirst();
  return Number(result.numDeletedRows);
}
