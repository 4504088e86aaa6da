import { sql, type Kysely } from 'kysely';
import { executeBulkUpsert, isUniqueViolation } from '../../db/bulk-upsert.js';
import { chunked } from '../../db/chunked.js';
import type { DatabaseSchema } from '../../db/schema.js';
import type { NormalisedRecord } from './transaction-records.js';

type Db = Kysely<DatabaseSchema>;

const CLAIM = {
  table: 'ingest_external_ids',
  columns: ['external_id', 'received_at'],
  conflictColumns: ['external_id'],
  addColumns: [],
  columnTypes: ['text', 'bigint'],
  // Sorted by the engine: one lock order for concurrent writers on PostgreSQL.
  sortByConflictColumns: true,
} as const;

const CLAIM_RETURNING = { ...CLAIM, returning: ['external_id'] } as const;
const CLAIM_NEW = { ...CLAIM, failOnConflict: true } as const;

const rowsOf = (ids: readonly string[], receivedAt: number) => ids.map((id) => [id, receivedAt] as const);

/**
 * Records the external ids; returns those that were new (the others were accepted before, or come earlier in
 * `ids`). Through `executeBulkUpsert` (one array per column on PostgreSQL, one JSON array on SQLite), not the query
 * builder, which cost more CPU per batch than the engine spent on the insert.
 */
export async function claimExternalIds(
  db: Db,
  ids: readonly string[],
  receivedAt: number,
): Promise<Set<string>> {
  const rows = await executeBulkUpsert(
    db as unknown as Kysely<unknown>,
    CLAIM_RETURNING,
    rowsOf(ids, receivedAt),
  );
  const claimed = new Set<string>();
  for (const row of rows) claimed.add(String(row.external_id));
  return claimed;
}

/**
 * Claims every id of `ids` when none was accepted before and none comes twice — the common case — with a plain
 * insert and no row read back (a row per id read back and put in a set cost two thirds of the claim on SQLite;
 * PostgreSQL inserts the rows of an `on conflict` statement speculatively, a quarter dearer). A duplicate key fails
 * the insert: it is undone (a savepoint) and false returned, and the caller claims the ids with `claimExternalIds`.
 * Inside the caller's transaction.
 */
export async function claimAllExternalIds(
  db: Db,
  ids: readonly string[],
  receivedAt: number,
): Promise<boolean> {
  if (ids.length === 0) return true;
  await sql`savepoint claim_all_ids`.execute(db);
  let claimed = true;
  try {
    await executeBulkUpsert(db as unknown as Kysely<unknown>, CLAIM_NEW, rowsOf(ids, receivedAt));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await sql`rollback to savepoint claim_all_ids`.execute(db);
    claimed = false;
  }
  await sql`release savepoint claim_all_ids`.execute(db);
  return claimed;
}

export async function insertRawTransactions(
  db: Db,
  records: readonly NormalisedRecord[],
  receivedAt: number,
): Promise<void> {
  for (const chunk of chunked(records, 1000)) {
    await db
      .insertInto('transactions')
      .values(
        chunk.map((record) => ({
          time_ms: record.timeMs,
          business: record.business,
          channel: record.channel,
          region: record.region,
          segment: record.segment,
          system: record.system,
          host: record.host,
          clerk_id: record.clerkId,
          terminal_id: record.terminalId,
          customer: record.customer,
          latency_ms: record.latencyMs,
          outcome: record.outcome,
          error_class: record.errorClass,
          external_id: record.externalId,
          received_at: receivedAt,
        })),
      )
      .execute();
  }
}

/** Retention of raw records and of the de-duplication window; returns the rows deleted. */
export async function pruneTransactions(
  db: Db,
  cutoffs: { rawBeforeMs: number; externalIdsBeforeMs: number },
): Promise<number> {
  const raw = await db
    .deleteFrom('transactions')
    .where('time_ms', '<', cutoffs.rawBeforeMs)
    .executeTakeFirst();
  const ids = await db
    .deleteFrom('ingest_external_ids')
    .where('received_at', '<', cutoffs.externalIdsBeforeMs)
    .executeTakeFirst();
  return Number(raw.numDeletedRows) + Number(ids.numDeletedRows);
}

/** Start of the newest minute that holds transaction data, or null when there is none. */
export async function latestTransactionMinute(db: Db): Promise<number | null> {
  const row = await db
    .selectFrom('rollups_minute as r')
    .innerJoin('series as s', 's.series_key', 'r.series_key')
    .select((eb) => eb.fn.max('r.bucket_start').as('latest'))
    .where('s.source', '=', 'transactions')
    .executeTakeFirst();
  return row?.latest === null || row?.latest === undefined ? null : Number(row.latest);
}
