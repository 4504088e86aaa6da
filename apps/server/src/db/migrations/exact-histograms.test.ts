import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { computeTierCounts, decodeHistogram, histogramCount, histogramQuantile } from '@ganzhi/quality';
import { describeEachDialect, openTestDatabase, type TestDatabase } from '../each-dialect.js';
import { exactHistogramsMigration } from './0013-exact-histograms.js';

/** Recreates rollups_minute as it was before 0013 (19 fixed bucket columns) and fills two legacy rows. */
async function legacyRollups(db: Kysely<unknown>): Promise<void> {
  for (const table of ['rollups_minute', 'rollups_hour', 'rollups_day']) {
    await db.schema.dropTable(table).execute();
    let builder = db.schema
      .createTable(table)
      .addColumn('series_key', 'text', (c) => c.notNull())
      .addColumn('bucket_start', 'bigint', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('latency_sum_ms', 'double precision', (c) => c.notNull());
    for (let bucket = 0; bucket < 19; bucket++)
      builder = builder.addColumn(`b${String(bucket).padStart(2, '0')}`, 'integer', (c) => c.notNull());
    await builder.addPrimaryKeyConstraint(`${table}_pk`, ['series_key', 'bucket_start']).execute();
  }
  const zeros = Array.from({ length: 19 }, () => 0);
  // b09 = (1.5 s, 2 s], b10 = (2 s, 3 s], b11 = (3 s, 5 s], b13 = (7.5 s, 10 s], b18 = beyond 60 s.
  const counts = [...zeros];
  counts[9] = 4;
  counts[10] = 3;
  counts[11] = 2;
  counts[13] = 1;
  counts[18] = 1;
  const columns = zeros.map((_, bucket) => `b${String(bucket).padStart(2, '0')}`).join(', ');
  await sql
    .raw(
      `insert into rollups_minute (series_key, bucket_start, count, failures, latency_sum_ms, ${columns}) values ` +
        `('tx|pay', 60000, 11, 1, 40000, ${counts.join(', ')}), ('tx|quiet', 60000, 0, 0, 0, ${zeros.join(', ')})`,
    )
    .execute(db);
}

describeEachDialect('migration 0013: fixed buckets become exact histograms', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    const db = database.db as unknown as Kysely<unknown>;
    await legacyRollups(db);
    await exactHistogramsMigration.up(db);
  });
  afterAll(() => database.destroy());

  it('keeps counts, failures and sums, and reads old buckets as they were recorded', async () => {
    const rows = await database.db.selectFrom('rollups_minute').selectAll().orderBy('series_key').execute();
    expect(rows.map((row) => [row.series_key, row.count, row.failures, row.latency_sum_ms])).toEqual([
      ['tx|pay', 11, 1, 40000],
      ['tx|quiet', 0, 0, 0],
    ]);
    const histogram = decodeHistogram(rows[0]?.h);
    expect(histogramCount(histogram)).toBe(11);
    // An old "≤ 2 s" sample stays fast; (2, 3] and (3, 5] s stay slow, (7.5, 10] s stays in 5–10 s.
    expect(computeTierCounts(histogram)).toEqual({ fast: 4, slow: 5, sluggish: 1, verySlow: 1 });
    const median = histogramQuantile(histogram, 0.5) ?? 0;
    expect(median).toBeGreaterThan(2000);
    expect(median).toBeLessThan(3000);
    expect(rows[1]?.h).toBe('{}');
  });

  it('leaves tables that take new rows with sparse histograms', async () => {
    await database.db
      .insertInto('rollups_hour')
      .values({
        series_key: 'tx|pay',
        bucket_start: 0,
        count: 1,
        failures: 0,
        latency_sum_ms: 5,
        h: '{"300":1}',
      })
      .execute();
    const row = await database.db.selectFrom('rollups_hour').selectAll().executeTakeFirstOrThrow();
    expect(decodeHistogram(row.h)).toEqual(new Map([[300, 1]]));
  });
});
