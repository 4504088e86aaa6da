import { sql, type Kysely, type Migration } from 'kysely';
import { bucketIndexOf } from '@ganzhi/quality';

/**
 * Rollups keep their latency histogram as one sparse JSON column `h` (bucket index → count) in the layout of
 * @ganzhi/quality (1 % buckets, the seed bounds exact) instead of 19 fixed bucket columns b00…b18.
 *
 * What older rows mean afterwards: a fixed bucket (lo, hi] held samples up to and including hi, and its samples
 * were never stored one by one. Each old bucket's count moves to the bucket of its geometric midpoint (12.5 ms for
 * the first, 90 s for the overflow), so percentiles of old minutes stay as coarse as they were, and tiers of old
 * minutes keep the old reading: a sample recorded as "≤ 2 s" still counts as fast. Counts, failures and latency
 * sums move unchanged.
 */
const LEGACY_BOUNDS_MS = [
  25, 50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 7500, 10_000, 15_000, 20_000, 30_000, 60_000,
];

function legacyRepresentative(bucket: number): number {
  if (bucket === 0) return 12.5;
  const lower = LEGACY_BOUNDS_MS[bucket - 1] ?? 60_000;
  const upper = LEGACY_BOUNDS_MS[bucket];
  return upper === undefined ? 90_000 : Math.sqrt(lower * upper);
}

/** SQL (both engines) that writes the legacy columns of a row as the new sparse JSON text. */
function legacyToSparseJson(): string {
  const parts = Array.from({ length: LEGACY_BOUNDS_MS.length + 1 }, (_, bucket) => {
    const column = `b${String(bucket).padStart(2, '0')}`;
    const index = bucketIndexOf(legacyRepresentative(bucket));
    return `case when "${column}" > 0 then '"${index}":' || "${column}" || ',' else '' end`;
  });
  return `'{' || rtrim(${parts.join(' || ')}, ',') || '}'`;
}

export const exactHistogramsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const table of ['rollups_minute', 'rollups_hour', 'rollups_day']) {
      const next = `${table}_next`;
      await db.schema
        .createTable(next)
        .addColumn('series_key', 'text', (c) => c.notNull())
        .addColumn('bucket_start', 'bigint', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('latency_sum_ms', 'double precision', (c) => c.notNull())
        .addColumn('h', 'text', (c) => c.notNull().defaultTo('{}'))
        .addPrimaryKeyConstraint(`${table}_key`, ['series_key', 'bucket_start'])
        .execute();
      await sql
        .raw(
          `insert into "${next}" (series_key, bucket_start, count, failures, latency_sum_ms, h) ` +
            `select series_key, bucket_start, count, failures, latency_sum_ms, ${legacyToSparseJson()} from "${table}"`,
        )
        .execute(db);
      await db.schema.dropTable(table).execute();
      await db.schema.alterTable(next).renameTo(table).execute();
      await db.schema.createIndex(`${table}_start`).on(table).column('bucket_start').execute();
    }
  },
};
