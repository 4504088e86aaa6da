import type { Kysely } from 'kysely';
import type { Location, LocationInput } from '@ganzhi/contracts';
import { createHistogram, histogramQuantile, mergeHistogramInto } from '@ganzhi/quality';
import type { Clock } from '@ganzhi/runtime';
import type { DatabaseSchema } from '../../db/schema.js';
import type { CheckService } from '../checks/index.js';
import { queryBuckets } from '../series/index.js';
import { agentHealth, listAgentRows } from './agent-repository.js';
import { listLocationRows, upsertLocation } from './location-repository.js';

export interface LocationServiceDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly clock: Clock;
  readonly checks: CheckService;
}

/** Locations: where agents probe from, mapped to a region (city) and optionally a channel site. */
export function createLocationService(deps: LocationServiceDeps) {
  const { db, clock } = deps;

  async function lastHourAt(location: string, now: number): Promise<Location['lastHour']> {
    const keys = await db
      .selectFrom('series')
      .select('series_key')
      .where('location', '=', location)
      .execute();
    const buckets = await queryBuckets(db, {
      table: 'rollups_minute',
      seriesKeys: keys.map((key) => key.series_key),
      fromMs: now - 3_600_000,
      toMs: now + 60_000,
    });
    const histogram = createHistogram();
    let runs = 0;
    let failures = 0;
    for (const bucket of buckets) {
      runs += bucket.count;
      failures += bucket.failures;
      mergeHistogramInto(histogram, bucket.histogram);
    }
    const p95 = runs > 0 ? histogramQuantile(histogram, 0.95) : null;
    return { runs, failures, p95Ms: p95 === null ? null : Math.round(p95) };
  }

  return {
    /** Every location that is named, served by an agent or chosen by a check, with its last hour of results. */
    async listLocations(): Promise<Location[]> {
      const [rows, agents, checks] = await Promise.all([
        listLocationRows(db),
        listAgentRows(db),
        deps.checks.listChecks(),
      ]);
      const now = clock.now();
      const byCode = new Map(rows.map((row) => [row.code, row]));
      const codes = new Set([
        ...byCode.keys(),
        ...agents.map((agent) => agent.location),
        ...checks.flatMap((check) => check.locations),
      ]);
      const locations: Location[] = [];
      for (const code of [...codes].sort()) {
        const row = byCode.get(code);
        const here = agents.filter((agent) => agent.location === code && agent.revoked_at === null);
        locations.push({
          code,
          name: row?.name ?? code,
          regionCode: row?.region_code ?? null,
          site: row?.site ?? null,
          agents: here.length,
          healthyAgents: here.filter((agent) => agentHealth(agent, now) === 'healthy').length,
          checks: checks.filter((check) => check.enabled && check.locations.includes(code)).length,
          lastHour: await lastHourAt(code, now),
        });
      }
      return locations;
    },

    async saveLocation({ code, input }: { code: string; input: LocationInput }): Promise<void> {
      await upsertLocation(db, { code, ...input }, clock.now());
    },
  };
}

export type LocationService = ReturnType<typeof createLocationService>;
