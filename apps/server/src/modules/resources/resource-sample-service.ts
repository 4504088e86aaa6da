import type { Kysely } from 'kysely';
import type { ResourceIngestResult, ResourceMetric } from '@ganzhi/contracts';
import type { Clock } from '@ganzhi/runtime';
import type { DatabaseSchema } from '../../db/schema.js';
import type { DimensionService } from '../dimensions/index.js';
import { normaliseSamples, type ResourceSample } from './resource-records.js';
import {
  aggregateMinutes,
  deleteResourceMinutesBefore,
  latestResourceMinute,
  upsertMinuteRows,
} from './resource-sample-repository.js';

const DAY_MS = 86_400_000;

export interface ResourceSampleSettings {
  /**
   * Days of minute data kept. The running index of the current and the previous month needs every minute of both,
   * hence 62 by default (GANZHI_RETENTION_RESOURCE_MINUTE_DAYS).
   */
  readonly minuteRetentionDays: number;
  readonly maxFutureMs: number;
}

export const DEFAULT_RESOURCE_SAMPLE_SETTINGS: ResourceSampleSettings = {
  minuteRetentionDays: 62,
  maxFutureMs: 5 * 60_000,
};

export interface ResourceSampleDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly clock: Clock;
  readonly dimensions: DimensionService;
  readonly settings: ResourceSampleSettings;
  readonly onCommitted?: (result: ResourceIngestResult) => void;
}

/** "crm, accounting, …; aliases: CRM-PROD → crm": what an unknown system's reason lists. */
async function describeKnownSystems(dimensions: DimensionService): Promise<string> {
  const { systems, aliases } = await dimensions.listDimensions();
  const codes = systems.map((system) => system.code).join(', ');
  const systemAliases = aliases.filter((alias) => alias.kind === 'system');
  if (systemAliases.length === 0) return `${codes}; or their names, or an alias added to the dimensions`;
  return `${codes}; aliases ${systemAliases.map((alias) => `${alias.alias} → ${alias.code}`).join(', ')}`;
}

/**
 * Resource samples in: pushed batches are validated per record and merged into per-minute rows in one transaction;
 * the answer is given only after the commit, so nothing acknowledged can be lost. Scrapes and the demo write
 * already-valid samples through `recordSamples`.
 */
export function createResourceSampleService(deps: ResourceSampleDeps) {
  const { settings } = deps;

  async function recordSamples({ samples }: { samples: readonly ResourceSample[] }): Promise<number> {
    const rows = aggregateMinutes(samples);
    if (rows.length === 0) return 0;
    await deps.db.transaction().execute((trx) => upsertMinuteRows(trx, rows));
    return samples.length;
  }

  return {
    recordSamples,

    async ingest(input: readonly unknown[]): Promise<ResourceIngestResult> {
      const now = deps.clock.now();
      const { samples, rejected } = await normaliseSamples(input, {
        resolver: await deps.dimensions.resolver(),
        describeKnownSystems: () => describeKnownSystems(deps.dimensions),
        nowMs: now,
        oldestMs: now - settings.minuteRetentionDays * DAY_MS,
        maxFutureMs: settings.maxFutureMs,
      });
      const accepted = await recordSamples({ samples });
      const result = { accepted, rejected };
      deps.onCommitted?.(result);
      return result;
    },

    /** Newest minute holding `metric` for any of `systems` (null when none): where a replaying feed resumes. */
    latestMinute: (filter: { metric: ResourceMetric; systems: readonly string[] }): Promise<number | null> =>
      latestResourceMinute(deps.db, filter),

    /** Minute-data retention; returns the rows deleted. */
    prune: (): Promise<number> =>
      deleteResourceMinutesBefore(deps.db, deps.clock.now() - settings.minuteRetentionDays * DAY_MS),
  };
}

export type ResourceSampleService = ReturnType<typeof createResourceSampleService>;
