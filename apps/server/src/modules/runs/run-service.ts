import type { Kysely } from 'kysely';
import type { Check, CheckSummary, Run } from '@ganzhi/contracts';
import type { Clock } from '@ganzhi/runtime';
import type { DatabaseSchema } from '../../db/schema.js';
import type { SeriesService } from '../series/index.js';
import {
  deleteArtifacts,
  findArtifact,
  insertArtifacts,
  listArtifactRefs,
  type ArtifactContent,
} from './artifact-repository.js';
import {
  countRunsSince,
  deleteRuns,
  findLatestRuns,
  insertRunOnce,
  listRunsOfCheck,
  type RunCounts,
} from './run-repository.js';

export interface RunServiceDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly clock: Clock;
  readonly series: SeriesService;
  /** Told once per newly stored run (metrics). */
  readonly onStored?: (run: Run) => void;
}

export interface RecentRunStats {
  readonly counts: RunCounts | undefined;
  readonly latest: Run | undefined;
}

/** The series a check's runs at one location roll up into. */
export function checkSeriesKey(checkId: string, location: string): string {
  return `check:${checkId}@${location}`;
}

export function createRunService(deps: RunServiceDeps) {
  return {
    /**
     * Stores a run and folds it into its minute rollup in one transaction, so a run is either fully counted or
     * not stored at all. A run id seen before is ignored: uploads can be replayed safely.
     */
    async recordRun({
      run,
      check,
      artifactContents = [],
    }: {
      run: Run;
      check: Check;
      artifactContents?: readonly ArtifactContent[];
    }): Promise<{ stored: boolean }> {
      const stored = await deps.db.transaction().execute(async (trx) => {
        if (!(await insertRunOnce(trx, run, deps.clock.now()))) return false;
        await insertArtifacts(trx, { runId: run.id, nowMs: deps.clock.now() }, artifactContents);
        const seriesKey = checkSeriesKey(check.id, run.location);
        await deps.series.ensureSeries({
          db: trx,
          series: {
            seriesKey,
            source: 'check',
            checkId: check.id,
            location: run.location,
            business: check.business,
            channel: check.channel,
            region: check.region,
          },
        });
        const sample = {
          seriesKey,
          timeMs: Date.parse(run.startedAt),
          latencyMs: run.durationMs,
          failed: !run.ok,
        };
        await deps.series.recordSamples({ db: trx, samples: [sample] });
        return true;
      });
      if (stored) deps.onStored?.(run);
      return { stored };
    },

    async listRuns({ checkId, limit }: { checkId: string; limit: number }): Promise<Run[]> {
      const runs = await listRunsOfCheck(deps.db, checkId, limit);
      const refs = await listArtifactRefs(
        deps.db,
        runs.map((run) => run.id),
      );
      return runs.map((run) => ({ ...run, artifacts: refs.get(run.id) ?? [] }));
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
      await deleteArtifacts(deps.db, { runIdsOfCheck: checkId });
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
