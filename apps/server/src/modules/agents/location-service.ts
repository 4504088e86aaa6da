import type { Kysely } from 'kysely';
import {
  parseSortParam,
  type Location,
  type LocationInput,
  type LocationListQuery,
  type Page,
} from '@ganzhi/contracts';
import { createHistogram, histogramQuantile, mergeHistogramInto } from '@ganzhi/quality';
import type { Clock } from '@ganzhi/runtime';
import { pageOfItems } from '../../db/list-page.js';
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

  /** Every location without its last hour (the costly part): what lists filter, sort and page. */
  async function listLocationsWithoutLastHour(): Promise<Omit<Location, 'lastHour'>[]> {
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
    return [...codes].sort().map((code) => {
      const row = byCode.get(code);
      const here = agents.filter((agent) => agent.location === code && agent.revoked_at === null);
      return {
        code,
        name: row?.name ?? code,
        regionCode: row?.region_code ?? null,
        site: row?.site ?? null,
        agents: here.length,
        healthyAgents: here.filter((agent) => agentHealth(agent, now) === 'healthy').length,
        checks: checks.filter((check) => check.enabled && check.locations.includes(code)).length,
      };
    });
  }

  return {
    /**
     * A page of the locations that are named, served by an agent or chosen by a check, filtered and sorted as asked,
     * each with its last hour of results. The locations are a union of three sources, so the page is cut in memory;
     * the last hour is read for the page's locations only.
     */
    async listLocationPage({ query }: { query: LocationListQuery }): Promise<Page<Location>> {
      const text = query.text?.toLowerCase();
      const selected = (await listLocationsWithoutLastHour()).filter(
        (location) =>
          (query.region === undefined ||
            location.regionCode === query.region ||
            location.code === query.region) &&
          (text === undefined ||
            [location.code, location.name, location.site ?? ''].some((value) =>
              value.toLowerCase().includes(text),
            )),
      );
      const { field, direction } = parseSortParam(query.sort);
      const page = pageOfItems(selected, {
        ...query,
        keysOf: (location) =>
          field === 'code'
            ? [location.code]
            : [field === 'name' ? location.name.toLowerCase() : location[field], location.code],
        directions: field === 'code' ? [direction] : [direction, direction],
      });
      const now = clock.now();
      const items: Location[] = [];
      for (const location of page.items)
        items.push({ ...location, lastHour: await lastHourAt(location.code, now) });
      return { ...page, items };
    },

    async saveLocation({ code, input }: { code: string; input: LocationInput }): Promise<void> {
      await upsertLocation(db, { code, ...input }, clock.now());
    },
  };
}

export type LocationService = ReturnType<typeof createLocationService>;
