import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { decodeHistogram } from '@ganzhi/quality';
import { executeBulkUpsert, isUniqueViolation, type BulkUpsert } from './bulk-upsert.js';
import { describeEachDialect, openTestDatabase, type TestDatabase } from './each-dialect.js';

const ROLLUP: BulkUpsert = {
  table: 'rollups_minute',
  columns: ['series_key', 'bucket_start', 'count', 'failures', 'latency_sum_ms', 'h'],
  conflictColumns: ['series_key', 'bucket_start'],
  addColumns: ['count', 'failures', 'latency_sum_ms'],
  sparseCountColumns: ['h'],
};

const MINUTE = Date.UTC(2026, 10, 30, 6, 0);

describeEachDialect('bulk upsert', (dialect) => {
  let database: TestDatabase;
  let db: Kysely<unknown>;

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    db = database.db as unknown as Kysely<unknown>;
  });
  afterAll(() => database.destroy());

  const readRow = async (seriesKey: string) =>
    database.db
      .selectFrom('rollups_minute')
      .select(['count', 'failures', 'latency_sum_ms', 'h'])
      .where('series_key', '=', seriesKey)
      .executeTakeFirstOrThrow();

  /** Bucket index → count, in index order whatever the order of the stored text. */
  const countsOf = (text: string) => [...decodeHistogram(text)].sort(([a], [b]) => a - b);

  it('adds counts and merges sparse histograms by adding the counts of equal keys', async () => {
    await executeBulkUpsert(db, ROLLUP, [['s-merge', MINUTE, 2, 1, 900, '{"3":1,"12":1}']]);
    await executeBulkUpsert(db, ROLLUP, [['s-merge', MINUTE, 3, 0, 300, '{"7":1,"12":2,"100":1}']]);
    await executeBulkUpsert(db, ROLLUP, [['s-merge', MINUTE, 1, 0, 5, '{}']]);
    await executeBulkUpsert(db, ROLLUP, [['s-merge', MINUTE, 1, 0, 5, '{"100":4}']]);
    const row = await readRow('s-merge');
    expect([row.count, row.failures, row.latency_sum_ms]).toEqual([7, 1, 1210]);
    expect(countsOf(row.h)).toEqual([
      [3, 1],
      [7, 1],
      [12, 3],
      [100, 5],
    ]);
    // The stored text: PostgreSQL's jsonb orders keys itself; SQLite updates stored keys in place and appends new
    // ones (readers take any order).
    expect(row.h).toBe(
      dialect === 'sqlite' ? '{"3":1,"12":3,"7":1,"100":5}' : '{"3": 1, "7": 1, "12": 3, "100": 5}',
    );
  });

  it('sums every key over 60 random upserts exactly as adding the histograms in memory does', async () => {
    let seed = 11;
    const next = (below: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return Math.floor((seed / 2_147_483_648) * below);
    };
    const expected = new Map<string, Map<number, number>>();
    for (let round = 0; round < 60; round++) {
      const key = `s-random-${next(4)}`;
      const histogram = new Map<number, number>();
      for (let entries = 1 + next(4); entries > 0; entries--) histogram.set(next(1100), 1 + next(5));
      const text = `{${[...histogram].map(([index, count]) => `"${index}":${count}`).join(',')}}`;
      await executeBulkUpsert(db, ROLLUP, [[key, MINUTE, 1, 0, 1, text]]);
      const sum = expected.get(key) ?? new Map<number, number>();
      for (const [index, count] of histogram) sum.set(index, (sum.get(index) ?? 0) + count);
      expected.set(key, sum);
    }
    for (const [key, sum] of expected)
      expect(countsOf((await readRow(key)).h)).toEqual([...sum].sort(([a], [b]) => a - b));
  });

  it('merges into an empty stored histogram and keeps "{}" when both sides are empty', async () => {
    await executeBulkUpsert(db, ROLLUP, [
      ['s-empty', MINUTE, 0, 0, 0, '{}'],
      ['s-fill', MINUTE, 0, 0, 0, '{}'],
    ]);
    await executeBulkUpsert(db, ROLLUP, [
      ['s-empty', MINUTE, 0, 0, 0, '{}'],
      ['s-fill', MINUTE, 1, 0, 10, '{"40":1}'],
    ]);
    expect((await readRow('s-empty')).h).toBe('{}');
    expect(countsOf((await readRow('s-fill')).h)).toEqual([[40, 1]]);
  });

  it('loses no increment when concurrent transactions upsert the same rows', async () => {
    const keys = Array.from({ length: 40 }, (_, i) => `s-concurrent-${String(i).padStart(2, '0')}`);
    const writers = Array.from({ length: 8 }, (_, writer) =>
      database.db.transaction().execute((trx) =>
        executeBulkUpsert(
          trx as unknown as Kysely<unknown>,
          ROLLUP,
          // Every writer in the same (sorted) order, as ingestion writes them.
          keys.map((key) => [key, MINUTE, 1, writer % 2, 100, `{"${10 + writer}":1,"500":2}`]),
        ),
      ),
    );
    await Promise.all(writers);
    for (const key of keys) {
      const row = await readRow(key);
      expect([row.count, row.failures, row.latency_sum_ms]).toEqual([8, 4, 800]);
      const histogram = decodeHistogram(row.h);
      expect(histogram.get(500)).toBe(16);
      expect([10, 11, 12, 13, 14, 15, 16, 17].map((index) => histogram.get(index))).toEqual(
        Array.from({ length: 8 }, () => 1),
      );
    }
  });

  it('returns the rows it inserted, not those it left alone', async () => {
    const claim: BulkUpsert = {
      table: 'ingest_external_ids',
      columns: ['external_id', 'received_at'],
      conflictColumns: ['external_id'],
      addColumns: [],
      returning: ['external_id'],
    };
    const first = await executeBulkUpsert(db, claim, [
      ['id-a', 1],
      ['id-b', 1],
    ]);
    const second = await executeBulkUpsert(db, claim, [
      ['id-b', 2],
      ['id-c', 2],
    ]);
    expect(first.map((row) => row.external_id).sort()).toEqual(['id-a', 'id-b']);
    expect(second.map((row) => row.external_id)).toEqual(['id-c']);
  });

  it('fails a plain insert on an existing or repeated key, and sorts the rows it writes, in either way of sending rows', async () => {
    const claim: BulkUpsert = {
      table: 'ingest_external_ids',
      columns: ['external_id', 'received_at'],
      conflictColumns: ['external_id'],
      addColumns: [],
      sortByConflictColumns: true,
      failOnConflict: true,
    };
    const typed: BulkUpsert = { ...claim, columnTypes: ['text', 'bigint'] };
    await executeBulkUpsert(db, typed, [
      ['plain-b', 1],
      ['plain-a', 1],
    ]);
    await executeBulkUpsert(db, claim, [['plain-"quoted\\', 3]]);
    for (const [spec, rows] of [
      [
        typed,
        [
          ['plain-c', 2],
          ['plain-a', 2],
        ],
      ],
      [
        claim,
        [
          ['plain-d', 2],
          ['plain-d', 2],
        ],
      ],
    ] as const) {
      const failure = await executeBulkUpsert(db, spec, rows).catch((error: unknown) => error);
      expect(isUniqueViolation(failure)).toBe(true);
    }
    const rows = await database.db
      .selectFrom('ingest_external_ids')
      .select(['external_id', 'received_at'])
      .where('external_id', 'like', 'plain-%')
      .orderBy('external_id')
      .execute();
    expect(rows.map((row) => [row.external_id, Number(row.received_at)])).toEqual([
      ['plain-"quoted\\', 3],
      ['plain-a', 1],
      ['plain-b', 1],
    ]);
  });
});
