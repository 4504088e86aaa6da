import type { Kysely } from 'kysely';
import type { Check, CheckSummary, Run } from '@ganzhi/contracts';
import type { Clock } from '@ganzhi/runtime';
import type { DatabaseSchema } from '../../db/schema.js';
import type { SeriesSample, SeriesService } from '../series/index.js';
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

export interface RunToRecord {
  readonly run: Run;
  readonly check: Check;
  readonly artifactContents?: readonly ArtifactContent[];
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
    async recordRun(entry: RunToRecord): Promise<{ stored: boolean }> {
      const [stored = false] = await this.recordRuns([entry]);
      return { stored };
    },

    /**
     * Stores a batch of runs in one transaction (an agent's upload): each run once, however often the batch is
     * replayed; runs from a late backlog land in the minute of their start and mark the hour and day for
     * re-aggregation. Returns, per entry, whether it was new.
     */
    async recordRuns(entries: readonly RunToRecord[]): Promise<boolean[]> {
      const now = deps.clock.now();
      const flags = await deps.db.transaction().execute(async (trx) => {
        const stored: boolean[] = [];
        const samples: SeriesSample[] = [];
        const seenSeries = new Set<string>();
        for (const { run, check, artifactContents = [] } of entries) {
          const isNew = await insertRunOnce(trx, run, now);
          stored.push(isNew);
          if (!isNew) continue;
          await insertArtifacts(trx, { runId: run.id, nowMs: now }, artifactContents);
          const seriesKey = checkSeriesKey(check.id, run.location);
          if (!seenSeries.has(seriesKey)) {
            seenSeries.add(seriesKey);
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
          }
          samples.push({
            seriesKey,
            timeMs: Date.parse(run.startedAt),
            latencyMs: run.durationMs,
            failed: !run.ok,
          });
        }
        if (samples.length > 0) await deps.series.recordSamples({ db: trx, samples });
        return stored;
      });
      entries.forEach((entry, index) => {
        if (flags[index]) deps.onStored?.(entry.run);
      });
      return flags;
    },

    async listRuns(query: { checkId: string; limit: number; location?: string | undefined }): Promise<Run[]> {
      const runs = await listRunsOfCheck(deps.db, query);
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
