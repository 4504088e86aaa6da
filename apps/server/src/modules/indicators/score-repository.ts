import type { Kysely } from 'kysely';
import type { DatabaseSchema, ScoreSnapshotTable } from '../../db/schema.js';
import { chunked, compareText } from '../../db/chunked.js';
import type { ScoreRow, ScoreScope } from './score-computation.js';

type Db = Kysely<DatabaseSchema>;

/** Fixed 5-minute and hourly buckets (history, the overview, trends). */
export type FixedResolution = '5m' | '1h';
/** …and the rolling 60-minute and 24-hour windows rankings read. */
export type SnapshotResolution = FixedResolution | '60m' | '24h';

/** A stored snapshot row. */
export interface ScoreSnapshot extends ScoreRow {
  readonly resolution: SnapshotResolution;
  readonly bucketStart: number;
}

function toTable(resolution: SnapshotResolution, bucketStart: number, row: ScoreRow): ScoreSnapshotTable {
  return {
    resolution,
    scope: row.scope,
    business: row.business,
    channel: row.channel,
    region: row.region,
    bucket_start: bucketStart,
    score: row.score,
    reliability: row.families.reliability,
    efficiency: row.families.efficiency,
    usability: row.families.usability,
    integrity: row.families.integrity,
    volume: row.volume,
    failures: row.failures,
    p95_ms: row.p95Ms,
    worst_key: row.worst?.key ?? null,
    worst_score: row.worst?.score ?? null,
    capped: row.capped ? 1 : 0,
  };
}

const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

function fromTable(row: ScoreSnapshotTable): ScoreSnapshot {
  const worstScore = num(row.worst_score);
  return {
    resolution: row.resolution as SnapshotResolution,
    bucketStart: Number(row.bucket_start),
    scope: row.scope as ScoreScope,
    business: row.business,
    channel: row.channel,
    region: row.region,
    score: num(row.score),
    families: {
      reliability: num(row.reliability),
      efficiency: num(row.efficiency),
      usability: num(row.usability),
      integrity: num(row.integrity),
    },
    volume: Number(row.volume),
    failures: Number(row.failures),
    p95Ms: num(row.p95_ms),
    worst: row.worst_key !== null && worstScore !== null ? { key: row.worst_key, score: worstScore } : null,
    capped: Number(row.capped) === 1,
  };
}

/** Replaces one bucket's snapshot rows (a re-evaluation after late data overwrites the earlier one). */
export async function replaceSnapshots(
  db: Db,
  bucket: { readonly resolution: SnapshotResolution; readonly bucketStart: number },
  rows: readonly ScoreRow[],
): Promise<void> {
  const tableRows = rows
    .map((row) => toTable(bucket.resolution, bucket.bucketStart, row))
    .sort(
      (a, b) =>
        compareText(a.scope, b.scope) ||
        compareText(a.business, b.business) ||
        compareText(a.channel, b.channel) ||
        compareText(a.region, b.region),
    );
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('score_snapshots')
      .where('resolution', '=', bucket.resolution)
      .where('bucket_start', '=', bucket.bucketStart)
      .execute();
    // 17 columns per row: 50 rows stay under both engines' bound-parameter limits.
    for (const chunk of chunked(tableRows, 50))
      await trx.insertInto('score_snapshots').values(chunk).execute();
  });
}

export interface SnapshotQuery {
  readonly resolution: SnapshotResolution;
  readonly scopes: readonly ScoreScope[];
  readonly fromMs: number;
  readonly toMs: number;
  readonly business?: string | undefined;
  readonly channel?: string | undefined;
  readonly region?: string | undefined;
}

/** Snapshot rows of some scopes in [from, to), oldest first. */
export async function querySnapshots(db: Db, query: SnapshotQuery): Promise<ScoreSnapshot[]> {
  let select = db
    .selectFrom('score_snapshots')
    .selectAll()
    .where('resolution', '=', query.resolution)
    .where('scope', 'in', [...query.scopes])
    .where('bucket_start', '>=', query.fromMs)
    .where('bucket_start', '<', query.toMs);
  if (query.business !== undefined) select = select.where('business', '=', query.business);
  if (query.channel !== undefined) select = select.where('channel', '=', query.channel);
  if (query.region !== undefined) select = select.where('region', '=', query.region);
  const rows = await select.orderBy('bucket_start').execute();
  return rows.map(fromTable);
}

/** The newest bucket that has snapshots at a resolution, at or before `beforeMs`; null when none. */
export async function latestSnapshotBucket(
  db: Db,
  resolution: SnapshotResolution,
  beforeMs: number,
): Promise<number | null> {
  const row = await db
    .selectFrom('score_snapshots')
    .select((eb) => eb.fn.max('bucket_start').as('latest'))
    .where('resolution', '=', resolution)
    .where('scope', '=', 'overall')
    .where('bucket_start', '<=', beforeMs)
    .executeTakeFirst();
  return row?.latest === null || row?.latest === undefined ? null : Number(row.latest);
}

/** The newest bucket at or before `atOrBeforeMs` with rows of one scope (within a channel and region when given). */
export async function latestBucketOfScope(
  db: Db,
  query: {
    readonly resolution: SnapshotResolution;
    readonly scope: ScoreScope;
    readonly atOrBeforeMs: number;
    readonly channel?: string | undefined;
    readonly region?: string | undefined;
  },
): Promise<number | null> {
  let select = db
    .selectFrom('score_snapshots')
    .select((eb) => eb.fn.max('bucket_start').as('latest'))
    .where('resolution', '=', query.resolution)
    .where('scope', '=', query.scope)
    .where('bucket_start', '<=', query.atOrBeforeMs)
    .where('volume', '>', 0);
  if (query.channel !== undefined) select = select.where('channel', '=', query.channel);
  if (query.region !== undefined) select = select.where('region', '=', query.region);
  const row = await select.executeTakeFirst();
  return row?.latest === null || row?.latest === undefined ? null : Number(row.latest);
}

export async function deleteSnapshotsBefore(
  db: Db,
  resolution: SnapshotResolution,
  beforeMs: number,
): Promise<number> {
  const result = await db
    .deleteFrom('score_snapshots')
    .where('resolution', '=', resolution)
    .where('bucket_start', '<', beforeMs)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
