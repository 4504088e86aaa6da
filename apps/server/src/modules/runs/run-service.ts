import type { Kysely } from 'kysely';
import type { CheckSummary, Check, Page, Run, RunListQuery } from '@ganzhi/contracts';
import type { Clock } from '@ganzhi/runtime';
import type { DatabaseSchema } from '../../db/schema.js';
import type { SeriesService } from '../series/index.js';
import { deleteArtifacts, findArtifact, listArtifactRefs } from './artifact-repository.js';
import { createBatchWriter } from './batch-writer.js';
import { createRunKeyCache } from './run-keys.js';
import { countRuns, listRunPage, type RunListFilter } from './run-list-repository.js';
import { countRunsSince, deleteRuns, findLatestRuns, type RunCounts } from './run-repository.js';
import { storeRuns, type RunToRecord, type StoreRunsDeps } from './store-runs.js';

export { checkSeriesKey, type RunToRecord } from './store-runs.js';

/** Passing runs keep their step results while among this many newest runs of their check, unless configured. */
export const DEFAULT_RUN_DETAIL_KEEP = 20;

export interface RunServiceDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly clock: Clock;
  readonly series: SeriesService;
  /** Told once per newly stored run (metrics). */
  readonly onStored?: (run: Run) => void;
  /** Told of the new runs that measured their target, inside their transaction (each check's latest run). */
  readonly onStoredInTransaction?: StoreRunsDeps['onStoredInTransaction'];
  /** `GANZHI_RETENTION_STEP_DETAIL_RUNS`: passing runs beyond this many newest of their check lose their steps. */
  readonly detailKeep?: number;
  /**
   * How long a single run waits for others to share its transaction, in ms of `clock`; 0 (the default): only runs
   * recorded in the same tick, or while a write is under way, share one.
   */
  readonly batchWindowMs?: number;
}

export interface RecentRunStats {
  readonly counts: RunCounts | undefined;
  readonly latest: Run | undefined;
}

export function createRunService(deps: RunServiceDeps) {
  const storeDeps = {
    db: deps.db,
    series: deps.series,
    keys: createRunKeyCache(),
    knownSeries: new Set<string>(),
    detailKeep: deps.detailKeep ?? DEFAULT_RUN_DETAIL_KEEP,
    onStoredInTransaction: deps.onStoredInTransaction,
  };
  const batchWindowMs = deps.batchWindowMs ?? 0;

  async function withArtifacts(runs: readonly Run[]): Promise<Run[]> {
    const refs = await listArtifactRefs(
      deps.db,
      runs.map((run) => run.id),
    );
    return runs.map((run) => ({ ...run, artifacts: refs.get(run.id) ?? [] }));
  }
  const writer = createBatchWriter<RunToRecord, boolean>({
    async write(entries) {
      const { flags, fresh } = await storeRuns(storeDeps, { entries, nowMs: deps.clock.now() });
      for (const { run } of fresh) deps.onStored?.(run);
      return flags;
    },
    waitForMore: () =>
      batchWindowMs > 0
        ? deps.clock.sleep(batchWindowMs)
        : new Promise<void>((resolve) => setImmediate(resolve)),
  });

  return {
    /**
     * Stores a run and folds it into its minute rollup, in one transaction shared with the runs recorded at about
     * the same time, so a run is either fully counted or not stored at all. A run seen before (same check, start
     * and origin) is ignored: uploads can be replayed safely. Resolves once the transaction has committed.
     */
    async recordRun(entry: RunToRecord): Promise<{ stored: boolean }> {
      const [stored = false] = await writer.submit([entry]);
      return { stored };
    },

    /**
     * Stores a batch of runs in one transaction (an agent's upload): each run once, however often the batch is
     * replayed; runs from a late backlog land in the minute of their start and mark the hour and day for
     * re-aggregation. Returns, per entry, whether it was new. An interrupted run (its agent shut down during it) is
     * stored but measured nothing, so it adds nothing to the rollups: not a failure, not a latency.
     */
    recordRuns(entries: readonly RunToRecord[]): Promise<boolean[]> {
      return writer.submit(entries, { immediate: true });
    },

    /** Resolves once every run recorded so far is committed. */
    flushed: () => writer.flushed(),

    /**
     * A page of one check's runs in the shared list contract (keyset cursor or offset), with their artifacts and the
     * total the filter selects. The caller has already checked that the check may be read.
     */
    async listRunPage({ checkId, query }: { checkId: string; query: RunListQuery }): Promise<Page<Run>> {
      const filter: RunListFilter = {
        checkId,
        ok: query.outcome === undefined ? undefined : query.outcome === 'ok',
        errorClass: query.errorClass,
        location: query.location,
        fromMs: query.from ? Date.parse(query.from) : undefined,
        toMs: query.to ? Date.parse(query.to) : undefined,
      };
      const [page, total] = await Promise.all([
        listRunPage(deps.db, { ...query, filter }),
        countRuns(deps.db, filter),
      ]);
      return { items: await withArtifacts(page.runs), total, nextCursor: page.nextCursor };
    },

    /** The newest runs of a check, without a total: for the server's own readers and tests. */
    async listRuns(query: { checkId: string; limit: number; location?: string }): Promise<Run[]> {
      const page = await listRunPage(deps.db, {
        filter: { checkId: query.checkId, location: query.location },
        sort: 'startedAt:desc',
        limit: query.limit,
      });
      return withArtifacts(page.runs);
    },

    getArtifact: ({ runId, artifactId }: { runId: string; artifactId: string }) =>
      findArtifact(deps.db, { runId, artifactId }),

    async summariseRecentRuns({ sinceMs, checkId }: { sinceMs: number; checkId?: string }) {
      const [counts, latest] = await Promise.all([
        countRunsSince(deps.db, sinceMs, checkId),
        findLatestRuns(deps.db, checkId),
      ]);
      const stats = new Map<string, RecentRunStats>();
      for (const id of new Set([...counts.keys(), ...latest.keys()])) {
        stats.set(id, { counts: counts.get(id), latest: latest.get(id) });
      }
      return stats;
    },

    toSummary(check: Check, stats: RecentRunStats | undefined): CheckSummary {
      const latest = stats?.latest;
      const counts = stats?.counts;
      const status = !check.enabled ? 'paused' : !latest ? 'pending' : latest.ok ? 'up' : 'down';
      return {
        ...check,
        status,
        lastRun: latest
          ? {
              id: latest.id,
              startedAt: latest.startedAt,
              ok: latest.ok,
              durationMs: latest.durationMs,
              errorClass: latest.errorClass,
            }
          : null,
        successRatio24h: counts && counts.runs > 0 ? counts.okRuns / counts.runs : null,
        runs24h: counts?.runs ?? 0,
      };
    },

    async deleteRunsOfCheck({ checkId }: { checkId: string }): Promise<void> {
      await writer.flushed();
      await deleteArtifacts(deps.db, { checkId });
      await deleteRuns(deps.db, { checkId });
    },

    /** Retention: runs and their artifacts older than the cut-off. */
    async deleteRunsBefore({ beforeMs }: { beforeMs: number }): Promise<void> {
      await deleteArtifacts(deps.db, { beforeMs });
      await deleteRuns(deps.db, { beforeMs });
    },
  };
}

export type RunService = ReturnType<typeof createRunService>;
