import type { Kysely } from 'kysely';
import type { Clock } from '@ganzhi/runtime';
import type { DatabaseSchema } from '../../db/schema.js';
import {
  aggregateSamples,
  type RollupDelta,
  type SeriesDescriptor,
  type SeriesService,
} from '../series/index.js';
import { claimAllExternalIds, claimExternalIds, insertRawTransactions } from './transaction-repository.js';
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
 * twice in a batch counts once; an id in two batches of one transaction counts in the earlier one, as if they had
 * been committed one after the other).
 */
function freshRecords(
  batches: readonly (readonly NormalisedRecord[])[],
  claimed: ReadonlySet<string>,
): NormalisedRecord[][] {
  const counted = new Set<string>();
  return batches.map((records) =>
    records.filter((record) => {
      const id = record.externalId;
      if (id === null) return true;
      if (!claimed.has(id) || counted.has(id)) return false;
      counted.add(id);
      return true;
    }),
  );
}

/** The external ids of the batches in order, repeats included. */
function externalIdsOf(batches: readonly (readonly NormalisedRecord[])[]): string[] {
  const ids: string[] = [];
  for (const records of batches)
    for (const record of records) if (record.externalId !== null) ids.push(record.externalId);
  return ids;
}

/**
 * Descriptors of the series among `deltas` not known to exist (looked up per minute delta, not per record; a
 * record is read only for a series new to this process).
 */
function unknownSeries(
  deltas: readonly RollupDelta[],
  records: readonly NormalisedRecord[],
  known: ReadonlySet<string>,
): Map<string, SeriesDescriptor> {
  const unknown = new Set<string>();
  for (const delta of deltas) if (!known.has(delta.seriesKey)) unknown.add(delta.seriesKey);
  const found = new Map<string, SeriesDescriptor>();
  if (unknown.size === 0) return found;
  for (const record of records)
    if (unknown.has(record.seriesKey) && !found.has(record.seriesKey))
      found.set(record.seriesKey, describeSeries(record));
  return found;
}

/**
 * Writes batches of valid records in one transaction: external ids claimed (a record whose id was accepted before,
 * or comes earlier in the batches, is a duplicate), new series registered, the minute deltas of all batches added,
 * their hours and days marked dirty, and raw records kept when configured. Returns, per batch, how many records were
 * counted; resolves after the commit.
 */
export function createTransactionBatchCommit(deps: TransactionBatchCommitDeps) {
  /** Series known to exist; filled only after a commit, so a rolled-back insert is retried next time. */
  const knownSeries = new Set<string>();

  return async function commitBatches(batches: readonly (readonly NormalisedRecord[])[]): Promise<number[]> {
    const now = deps.clock.now();
    let newSeries = new Map<string, SeriesDescriptor>();
    const counted = await deps.db.transaction().execute(async (trx) => {
      const ids = externalIdsOf(batches);
      // Usually every id is new and none repeats: then every record counts, with no set of ids built or read back.
      const fresh = (await claimAllExternalIds(trx, ids, now))
        ? batches
        : freshRecords(batches, await claimExternalIds(trx, [...new Set(ids)], now));
      const all = fresh.length === 1 && fresh[0] ? fresh[0] : fresh.flat();
      const deltas = aggregateSamples(all);
      newSeries = unknownSeries(deltas, all, knownSeries);
      if (newSeries.size > 0)
        await deps.series.ensureManySeries({ db: trx, series: [...newSeries.values()] });
      await deps.series.recordDeltas({ db: trx, deltas });
      if (deps.storeRaw) await insertRawTransactions(trx, all, now);
      return fresh.map((records) => records.length);
    });
    for (const key of newSeries.keys()) knownSeries.add(key);
    return counted;
  };
}
