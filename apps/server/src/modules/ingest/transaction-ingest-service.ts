import { regionGrantOf, type RequestContext } from '../auth/index.js';
import type { Kysely } from 'kysely';
import type { IngestResult } from '@ganzhi/contracts';
import type { Clock } from '@ganzhi/runtime';
import type { DatabaseSchema } from '../../db/schema.js';
import type { DimensionService } from '../dimensions/index.js';
import type { SeriesService } from '../series/index.js';
import { createGroupCommit, type Arrival } from './group-commit.js';
import { createTransactionBatchCommit } from './transaction-batch-commit.js';
import { latestTransactionMinute, pruneTransactions } from './transaction-repository.js';
import { normaliseRecords, type CustomerIdPolicy, type NormalisedRecord } from './transaction-records.js';

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
  /** Ingest transactions written at the same time (default 1: concurrent batches are grouped into the next one). */
  readonly maxConcurrentCommits?: number;
}

/** Records per transaction when concurrent batches are written together. */
const MAX_GROUP_RECORDS = 20_000;
/** How long a transaction that could start waits for batches still being received (see group-commit.ts). */
const MAX_GROUP_WAIT_MS = 10;

/** A batch whose body is being received: pass it to `ingest`, which submits or withdraws it. */
export type IngestArrival = Arrival<readonly NormalisedRecord[], number>;

/**
 * Passive ingestion: validate, resolve dimensions, drop repeated external ids, aggregate the batch in memory into
 * minute deltas, and commit external ids, deltas, dirty marks (hours and days re-aggregate late data) and optional raw records in
 * one transaction — shared with the batches that arrived while the previous one was being written (group commit).
 * The result is returned only after the commit: nothing is acknowledged that could be lost.
 */
export function createTransactionIngestService(deps: TransactionIngestDeps) {
  const { settings } = deps;
  const commits = createGroupCommit({
    commit: createTransactionBatchCommit({
      db: deps.db,
      clock: deps.clock,
      series: deps.series,
      storeRaw: settings.storeRaw,
    }),
    weightOf: (records: readonly NormalisedRecord[]) => records.length,
    maxGroupWeight: MAX_GROUP_RECORDS,
    maxInFlight: deps.maxConcurrentCommits ?? 1,
    maxWaitMs: MAX_GROUP_WAIT_MS,
    clock: deps.clock,
  });

  async function commit(records: readonly NormalisedRecord[], arrival: IngestArrival | undefined) {
    if (records.length === 0) {
      arrival?.withdraw();
      return 0;
    }
    return arrival ? arrival.submit(records) : commits.submit(records);
  }

  return {
    /**
     * Announces a batch whose body is being received, so that a transaction about to start waits for it (briefly)
     * and writes it too. Hand it to `ingest`; withdraw it if the body never becomes a batch.
     */
    expectBatch: (): IngestArrival => commits.announce(),

    /**
     * `ctx`: the sender, whose region scope limits the records it may send (agents and the system send any);
     * `arrival`: the announcement of this batch, if one was made.
     */
    async ingest(
      input: readonly unknown[],
      by: { ctx?: RequestContext; arrival?: IngestArrival } = {},
    ): Promise<IngestResult> {
      const now = deps.clock.now();
      const grant = by.ctx ? regionGrantOf(by.ctx.actor) : null;
      const regionScope = grant ? await deps.dimensions.regionScope(grant) : undefined;
      const { records, rejected } = normaliseRecords(input, {
        resolver: await deps.dimensions.resolver(),
        nowMs: now,
        oldestMs: now - settings.minuteRetentionDays * DAY_MS,
        minuteRetentionDays: settings.minuteRetentionDays,
        maxFutureMs: settings.maxFutureMs,
        customerIds: settings.customerIds,
        customerIdKey: settings.customerIdKey,
        ...(regionScope ? { regionScope } : {}),
      });
      // Repeated external ids, in the batch or accepted before, are told apart in the commit.
      const accepted = await commit(records, by.arrival);
      const result: IngestResult = { accepted, duplicates: records.length - accepted, rejected };
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
