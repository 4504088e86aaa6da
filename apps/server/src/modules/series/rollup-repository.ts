import { sql, type Kysely } from 'kysely';
import {
  createHistogram,
  encodeHistogram,
  mergeEncodedInto,
  type LatencyHistogram,
  type ReadonlyLatencyHistogram,
} from '@ganzhi/quality';
import { executeBulkUpsert } from '../../db/bulk-upsert.js';
import { compareText } from '../../db/chunked.js';
import type { DatabaseSchema, RollupTable, RollupTableName } from '../../db/schema.js';

/** An increment to one series' bucket: merged into the stored row by addition. */
export interface RollupDelta {
  readonly seriesKey: string;
  readonly bucketStart: number;
  readonly count: number;
  readonly failures: number;
  readonly latencySumMs: number;
  readonly histogram: ReadonlyLatencyHistogram;
}

/** A bucket summed over one or more series. */
export interface RollupBucket {
  readonly bucketStart: number;
  readonly count: number;
  readonly failures: number;
  readonly latencySumMs: number;
  readonly histogram: LatencyHistogram;
}

type Db = Kysely<DatabaseSchema>;

function toRow(delta: RollupDelta): RollupTable {
  return {
    series_key: delta.seriesKey,
    bucket_start: delta.bucketStart,
    count: delta.count,
    failures: delta.failures,
    latency_sum_ms: delta.latencySumMs,
    h: encodeHistogram(delta.histogram),
  };
}

/** Adds deltas into `table`; rows that do not exist yet are created. Atomic per row on both engines. */
export async function addToRollups(
  db: Db,
  table: RollupTableName,
  deltas: readonly RollupDelta[],
): Promise<void> {
  // One lock order for every writer (series, then bucket), so concurrent batches on PostgreSQL queue instead of
  // deadlocking.
  const ordered = [...deltas].sort(
    (a, b) => compareText(a.seriesKey, b.seriesKey) || a.bucketStart - b.bucketStart,
  );
  await addSortedToRollups(db, table, ordered);
}

/** `addToRollups` for deltas already in lock order (series, then bucket). */
export async function addSortedToRollups(
  db: Db,
  table: RollupTableName,
  ordered: readonly RollupDelta[],
): Promise<void> {
  await executeBulkUpsert(
    db as unknown as Kysely<unknown>,
    {
      table,
      columns: ROLLUP_COLUMNS,
      conflictColumns: ['series_key', 'bucket_start'],
      addColumns: ADDITIVE_COLUMNS,
      sparseCountColumns: ['h'],
      columnTypes: ['text', 'bigint', 'integer', 'integer', 'double precision', 'text'],
    },
    ordered.map((delta) => [
      delta.seriesKey,
      delta.bucketStart,
      delta.count,
      delta.failures,
      delta.latencySumMs,
      encodeHistogram(delta.histogram),
    ]),
  );
}

const ADDITIVE_COLUMNS = ['count', 'failures', 'latency_sum_ms'];
const ROLLUP_COLUMNS = ['series_key', 'bucket_start', ...ADDITIVE_COLUMNS, 'h'];

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
    // Both engines have string_agg; the histograms of a group are merged after reading (JSON never holds '|').
    sql<string | null>`string_agg(h, '|')`.as('h'),
  ];
}

/** Merges the `|`-joined sparse histograms of a group in one pass. */
function mergeEncoded(text: unknown): LatencyHistogram {
  const histogram = createHistogram();
  return typeof text === 'string' ? mergeEncodedInto(histogram, text) : histogram;
}

function toBucket(row: Record<string, unknown>, bucketStart: number): RollupBucket {
  const histogram = mergeEncoded(row.h);
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

/** The series columns a grouped query may filter and group on. */
export type SeriesDimensionColumn = 'business' | 'channel' | 'region' | 'segment' | 'location';

export interface GroupedBucketQuery {
  readonly table: RollupTableName;
  readonly source: 'check' | 'transactions';
  readonly fromMs: number;
  readonly toMs: number;
  /** Each non-empty list keeps only series whose column is one of its values. */
  readonly filters: Partial<Record<SeriesDimensionColumn, readonly string[]>>;
  /** Group by this series column; every matching series in one group when null. */
  readonly groupBy: SeriesDimensionColumn | null;
}

export interface GroupedBucket extends RollupBucket {
  /** The group's value (`null` when not grouped or the column is empty). */
  readonly group: string | null;
}

/** Buckets in [from, to) summed per group of series and per bucket start, in group then time order. */
export async function queryGroupedBuckets(db: Db, query: GroupedBucketQuery): Promise<GroupedBucket[]> {
  let select = db
    .selectFrom(`${query.table} as r`)
    .innerJoin('series as s', 's.series_key', 'r.series_key')
    .select('r.bucket_start')
    .select(sumColumns())
    .where('s.source', '=', query.source)
    .where('r.bucket_start', '>=', query.fromMs)
    .where('r.bucket_start', '<', query.toMs);
  for (const [column, values] of Object.entries(query.filters) as [SeriesDimensionColumn, string[]][]) {
    if (values.length > 0) select = select.where(`s.${column}`, 'in', values);
  }
  const rows =
    query.groupBy === null
      ? await select.groupBy('r.bucket_start').orderBy('r.bucket_start').execute()
      : await select
          .select(sql<string | null>`${sql.ref(`s.${query.groupBy}`)}`.as('grp'))
          .groupBy([`s.${query.groupBy}`, 'r.bucket_start'])
          .orderBy(`s.${query.groupBy}`)
          .orderBy('r.bucket_start')
          .execute();
  return rows.map((row) => {
    const values = row as Record<string, unknown>;
    const group = typeof values.grp === 'string' ? values.grp : null;
    return { ...toBucket(values, Number(row.bucket_start)), group };
  });
}

export interface ServiceSumQuery {
  readonly table: RollupTableName;
  readonly source: 'check' | 'transactions';
  readonly fromMs: number;
  readonly toMs: number;
  /** Also group by bucket start (to count minutes in which a service was down). */
  readonly perBucket: boolean;
  readonly filters?: Partial<Record<'business' | 'channel' | 'region', readonly string[]>>;
  /** Only these bucket starts inside [from, to) (e.g. the same hour on comparable days). */
  readonly bucketStarts?: readonly number[];
}

/** A bucket sum for one service (business × channel) in one region; bucketStart is 0 unless grouped per bucket. */
export interface ServiceRegionSum extends RollupBucket {
  readonly business: string;
  readonly channel: string;
  readonly region: string;
}

/**
 * Rollups in [from, to) summed per business × channel × region (series without all three are left out): the
 * measurements the score evaluator scores. One grouped scan, whatever the number of series behind each service.
 */
export async function sumByServiceRegion(db: Db, query: ServiceSumQuery): Promise<ServiceRegionSum[]> {
  if (query.bucketStarts?.length === 0) return [];
  let select = db
    .selectFrom(`${query.table} as r`)
    .innerJoin('series as s', 's.series_key', 'r.series_key')
    .select(['s.business', 's.channel', 's.region'])
    .select(sumColumns())
    .where('s.source', '=', query.source)
    .where('r.bucket_start', '>=', query.fromMs)
    .where('r.bucket_start', '<', query.toMs)
    .where('s.business', 'is not', null)
    .where('s.channel', 'is not', null)
    .where('s.region', 'is not', null);
  for (const [column, values] of Object.entries(query.filters ?? {}) as ['business', string[]][])
    if (values.length > 0) select = select.where(`s.${column}`, 'in', values);
  if (query.bucketStarts) select = select.where('r.bucket_start', 'in', [...query.bucketStarts]);
  const grouped = query.perBucket
    ? select.select('r.bucket_start').groupBy(['s.business', 's.channel', 's.region', 'r.bucket_start'])
    : select.groupBy(['s.business', 's.channel', 's.region']);
  const rows = await grouped.execute();
  return rows.map((row) => {
    const values = row as Record<string, unknown>;
    return {
      ...toBucket(values, Number(values.bucket_start ?? 0)),
      business: String(values.business),
      channel: String(values.channel),
      region: String(values.region),
    };
  });
}
