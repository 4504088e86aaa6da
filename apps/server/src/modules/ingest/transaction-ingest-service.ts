import { regionGrantOf, type RequestContext } from '../auth/index.js';
import type { Kysely } from 'kysely';
import type { IngestResult } from '@ganzhi/contracts';
import type { Clock } from '@ganzhi/runtime';
import type { DatabaseSchema } from '../../db/schema.js';
import type { DimensionService } from '../dimensions/index.js';
import { aggregateSamples, type SeriesDescriptor, type SeriesService } from '../series/index.js';
import {
  claimExternalIds,
  insertRawTransactions,
  latestTransactionMinute,
  pruneTransactions,
} from './transaction-repository.js';
import {
  normaliseRecords,
  transactionSeriesKey,
  type CustomerIdPolicy,
  type NormalisedRecord,
} from './transaction-records.js';

const DAY_MS = 86_400_000;

export interface IngestSettings {
  /** Keep raw records (off by default: rollups carry what the product shows). */
  readonly storeRaw: boolean;
  readonly rawRetentionDays: number;
  readonly customerIds: CustomerIdPolicy;
  readonly customerIdKey: string;
  /** How long an external id is remembered for de-duplication. */
  readonly dedupDays: number;
  /** Records older than this many days are refused (their minute rollups are gone). */
  readonly minuteRetentionDays: number;
  readonly maxFutureMs: number;
}

export const DEFAULT_INGEST_SETTINGS: IngestSettings = {
  storeRaw: false,
  rawRetentionDays: 7,
  customerIds: 'hash',
  customerIdKey: '',
  dedupDays: 7,
  minuteRetentionDays: 14,
  maxFutureMs: 5 * 60_000,
};

export interface TransactionIngestDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly clock: Clock;
  readonly series: SeriesService;
  readonly dimensions: DimensionService;
  readonly settings: IngestSettings;
  readonly onCommitted?: (result: IngestResult) => void;
}

/** Keeps the first record of each external id in the batch; the rest are duplicates. */
function dropRepeatsInBatch(records: readonly NormalisedRecord[]): {
  kept: NormalisedRecord[];
  repeats: number;
} {
  const seen = new Set<string>();
  const kept: NormalisedRecord[] = [];
  for (const record of records) {
    if (record.externalId !== null) {
      if (seen.has(record.externalId)) continue;
      seen.add(record.externalId);
    }
    kept.push(record);
  }
  return { kept, repeats: records.length - kept.length };
}

function describeSeries(record: NormalisedRecord): SeriesDescriptor {
  return {
    seriesKey: transactionSeriesKey(record),
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
 * Passive ingestion: validate, resolve dimensions, drop repeated external ids, aggregate the batch in memory into
 * minute deltas, and commit deltas, dirty marks (hours and days re-aggregate late data) and optional raw records in
 * one transaction. The result is returned only after the commit: nothing is acknowledged that could be lost.
 */
export function createTransactionIngestService(deps: TransactionIngestDeps) {
  const { settings } = deps;
  /** Series known to exist; filled only after a commit, so a rolled-back insert is retried next time. */
  const knownSeries = new Set<string>();

  return {
    /** `ctx`: the sender, whose region scope limits the records it may send (agents and the system send any). */
    async ingest(input: readonly unknown[], by: { ctx?: RequestContext } = {}): Promise<IngestResult> {
      const now = deps.clock.now();
      const grant = by.ctx ? regionGrantOf(by.ctx.actor) : null;
      const regionScope = grant ? await deps.dimensions.regionScope(grant) : undefined;
      const { records, rejected } = normaliseRecords(input, {
        resolver: await deps.dimensions.resolver(),
        nowMs: now,
        oldestMs: now - settings.minuteRetentionDays * DAY_MS,
        maxFutureMs: settings.maxFutureMs,
        customerIds: settings.customerIds,
        customerIdKey: settings.customerIdKey,
        ...(regionScope ? { regionScope } : {}),
      });
      const { kept, repeats } = dropRepeatsInBatch(records);
      const newSeries = new Map<string, SeriesDescriptor>();
      for (const record of kept) {
        const key = transactionSeriesKey(record);
        if (!knownSeries.has(key) && !newSeries.has(key)) newSeries.set(key, describeSeries(record));
      }
      const accepted = await deps.db.transaction().execute(async (trx) => {
        const ids = kept.flatMap((record) => (record.externalId === null ? [] : [record.externalId]));
        const claimed = ids.length > 0 ? await claimExternalIds(trx, ids, now) : new Set<string>();
        const fresh = kept.filter((record) => record.externalId === null || claimed.has(record.externalId));
        if (newSeries.size > 0)
          await deps.series.ensureManySeries({ db: trx, series: [...newSeries.values()] });
        const deltas = aggregateSamples(
          fresh.map((record) => ({
            seriesKey: transactionSeriesKey(record),
            timeMs: record.timeMs,
            latencyMs: record.latencyMs,
            failed: record.failed,
          })),
        );
        await deps.series.recordDeltas({ db: trx, deltas });
        if (settings.storeRaw) await insertRawTransactions(trx, fresh, now);
        return fresh.length;
      });
      for (const key of newSeries.keys()) knownSeries.add(key);
      const result: IngestResult = {
        accepted,
        duplicates: repeats + (kept.length - accepted),
        rejected,
      };
      deps.onCommitted?.(result);
      return result;
    },

    /** Start of the newest minute with transaction data (null when none): where a replaying feed resumes. */
    latestMinute: (): Promise<number | null> => latestTransactionMinute(deps.db),

    /** Raw-record retention and the end of the de-duplication window. */
    prune(): Promise<number> {
      const now = deps.clock.now();
      return pruneTransactions(deps.db, {
        rawBeforeMs: now - settings.rawRetentionDays * DAY_MS,
        externalIdsBeforeMs: now - settings.dedupDays * DAY_MS,
      });
    },
  };
}

export type TransactionIngestService = ReturnType<typeof createTransactionIngestService>;
