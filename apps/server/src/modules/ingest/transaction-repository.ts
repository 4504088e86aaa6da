import type { Kysely } from 'kysely';
import { chunked, compareText } from '../../db/chunked.js';
import type { DatabaseSchema } from '../../db/schema.js';
import type { NormalisedRecord } from './transaction-records.js';

type Db = Kysely<DatabaseSchema>;

/** Records the external ids; returns those that were new (the others were accepted before). */
export async function claimExternalIds(
  db: Db,
  ids: readonly string[],
  receivedAt: number,
): Promise<Set<string>> {
  const claimed = new Set<string>();
  for (const chunk of chunked([...ids].sort(compareText), 5000)) {
    const rows = await db
      .insertInto('ingest_external_ids')
      .values(chunk.map((id) => ({ external_id: id, received_at: receivedAt })))
      .onConflict((conflict) => conflict.column('external_id').doNothing())
      .returning('external_id')
      .execute();
    for (const row of rows) claimed.add(row.external_id);
  }
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
