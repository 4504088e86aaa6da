import type { Kysely } from 'kysely';
import type { Clock } from '@ganzhi/runtime';
import type { DatabaseSchema } from '../../db/schema.js';
import { aggregateSamples, type SeriesDescriptor, type SeriesService } from '../series/index.js';
import { claimExternalIds, insertRawTransactions } from './transaction-repository.js';
import type { NormalisedRecord } from './transaction-records.js';

export interface TransactionBatchCommitDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly clock: Clock;
  readonly series: SeriesService;
  readonly storeRaw: boolean;
}

function describeSeries(record: NormalisedRecord): SeriesDescriptor {
  return {
    seriesKey: record.seriesKey,
    source: 'transactions',
    checkId: null,
    location: null,
    business: record.business,
    channel: record.channel,
    region: record.region,
    segment: record.segment,
  };
}

/**
 * Keeps the records to count: those without an external id, and the first of each id that `claimed` holds (an id
 * in two batches of one transaction counts in the earlier one, as if they had been committed one after the other).
 */
function freshRecords(
  batches: readonly (readonly NormalisedRecord[])[],
  claimed: ReadonlySet<string>,
): NormalisedRecord[][] {
  // One batch has no id twice (the service drops repeats first): no need to remember which were counted.
  const counted = batches.length > 1 ? new Set<string>() : null;
  return batches.map((records) =>
    records.filter((record) => {
      const id = record.externalId;
      if (id === null) return true;
      if (!claimed.has(id) || counted?.has(id)) return false;
      counted?.add(id);
      return true;
    }),
  );
}

/** The external ids of the batches, each once. */
function externalIdsOf(batches: readonly (readonly NormalisedRecord[])[]): string[] {
  const ids: string[] = [];
  for (const records of batches)
    for (const record of records) if (record.externalId !== null) ids.push(record.externalId);
  return batches.length > 1 ? [...new Set(ids)] : ids;
}

/**
 * Writes batches of valid records (each already free of repeated external ids) in one transaction: external ids
 * claimed, new series registered, the minute deltas of all batches added, their hours and days marked dirty, and
 * raw records kept when configured. Returns, per batch, how many records were counted; resolves after the commit.
 */
export function createTransactionBatchCommit(deps: TransactionBatchCommitDeps) {
  /** Series known to exist; filled only after a commit, so a rolled-back insert is retried next time. */
  const knownSeries = new Set<string>();

  return async function commitBatches(batches: readonly (readonly NormalisedRecord[])[]): Promise<number[]> {
    const now = deps.clock.now();
    const newSeries = new Map<string, SeriesDescriptor>();
    const counted = await deps.db.transaction().execute(async (trx) => {
      const ids = externalIdsOf(batches);
      const claimed = ids.length > 0 ? await claimExternalIds(trx, ids, now) : new Set<string>();
      const fresh = freshRecords(batches, claimed);
      const all = fresh.length === 1 && fresh[0] ? fresh[0] : fresh.flat();
      for (const record of all)
        if (!knownSeries.has(record.seriesKey) && !newSeries.has(record.seriesKey))
          newSeries.set(record.seriesKey, describeSeries(record));
      if (newSeries.size > 0)
        await deps.series.ensureManySeries({ db: trx, series: [...newSeries.values()] });
      await deps.series.recordDeltas({ db: trx, deltas: aggregateSamples(all) });
      if (deps.storeRaw) await insertRawTransactions(trx, all, now);
      return fresh.map((records) => records.length);
    });
    for (const key of newSeries.keys()) knownSeries.add(key);
    return counted;
  };
}
