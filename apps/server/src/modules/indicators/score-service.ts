import type { Kysely } from 'kysely';
import {
  REASONABLE_RANGE,
  type CheckSummary,
  type Dimensions,
  type IndicatorCurrentValues,
  type Ranking,
  type ScoreEntry,
  type ScoreOverview,
  type ServiceDrill,
} from '@ganzhi/contracts';
import type { Clock } from '@ganzhi/runtime';
import type { DatabaseSchema } from '../../db/schema.js';
import { regionGrantOf, type RegionGrant, type RequestContext } from '../auth/index.js';
import { narrowRegion, type RegionScope } from '../dimensions/index.js';
import { readExternalWindow } from './external-measurements.js';
import { currentValuesOf } from './indicator-current-values.js';
import type { CompiledIndicator } from './indicator-definition.js';
import { readRanking } from './ranking-reader.js';
import {
  computeScoreRows,
  mergeRegions,
  scoreServiceSums,
  sumsPerService,
  type ScoreRow,
} from './score-computation.js';
import {
  businessInfoOf,
  HOUR_MS,
  readServiceRegionSums,
  withBaselines,
  type SlotBaselines,
  type SystemValuesReader,
} from './score-evaluator.js';
import {
  latestSnapshotBucket,
  querySnapshots,
  type ScoreSnapshot,
  type FixedResolution,
} from './score-repository.js';

export interface ScoreServiceDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly clock: Clock;
  readonly activeIndicators: () => Promise<readonly CompiledIndicator[]>;
  readonly dimensions: () => Promise<Dimensions>;
  readonly listChecks: () => Promise<CheckSummary[]>;
  /** The regions a grant covers: scoped readers see their subtree only. */
  readonly regionScope: (grant: RegionGrant) => Promise<RegionScope>;
  /** Learned medians for the profile slot of an instant (see the evaluator). */
  readonly baselinesAt: (atMs: number) => Promise<SlotBaselines>;
  /** Resource measurements per system over a window (see the evaluator). */
  readonly systemValues?: SystemValuesReader;
}

const iso = (ms: number) => new Date(ms).toISOString();
const DAY_MS = 24 * HOUR_MS;

function toEntry(row: ScoreRow, bucketStart: number): ScoreEntry {
  return {
    scope: row.scope,
    business: row.business,
    channel: row.channel,
    region: row.region,
    bucketStart: iso(bucketStart),
    score: row.score,
    families: row.families,
    volume: row.volume,
    failures: row.failures,
    p95Ms: row.p95Ms,
    worst: row.worst,
    cappedByCritical: row.capped,
  };
}

const snapshotEntry = (snapshot: ScoreSnapshot) => toEntry(snapshot, snapshot.bucketStart);

/** Scores ascending with insufficient data last: the worst first. */
function worstFirst(a: { score: number | null }, b: { score: number | null }): number {
  return (a.score ?? Number.POSITIVE_INFINITY) - (b.score ?? Number.POSITIVE_INFINITY);
}

function bandsOf(rows: readonly { score: number | null }[]) {
  const bands = { good: 0, tolerable: 0, poor: 0, insufficient: 0 };
  for (const { score } of rows) {
    if (score === null) bands.insufficient += 1;
    else if (score >= 4) bands.good += 1;
    else if (score >= REASONABLE_RANGE.low) bands.tolerable += 1;
    else bands.poor += 1;
  }
  return bands;
}

/** Reading scores: the overview and trends from snapshots; drill-downs and rankings scored live from rollups. */
export function createScoreService(deps: ScoreServiceDeps) {
  const { db, clock } = deps;

  return {
    /** The channel × region heat map, bands, worst services and the overall trend at the latest evaluated window. */
    async overview(query: {
      readonly ctx: RequestContext;
      readonly resolution: FixedResolution;
      readonly atMs?: number | undefined;
    }): Promise<ScoreOverview> {
      const scope = await deps.regionScope(regionGrantOf(query.ctx.actor));
      // A reader bound to one region sees it as their "overall": its score, its channels, its trend.
      const home = scope.isAll || scope.roots.length !== 1 ? undefined : scope.roots[0];
      const atMs = query.atMs ?? clock.now();
      const bucket = await latestSnapshotBucket(db, query.resolution, atMs);
      const trendSpan = query.resolution === '5m' ? 6 * HOUR_MS : 7 * DAY_MS;
      const base = { resolution: query.resolution, reasonableRange: { ...REASONABLE_RANGE } };
      if (bucket === null)
        return {
          ...base,
          bucketStart: null,
          overall: null,
          channels: [],
          regions: [],
          cells: [],
          worstServices: [],
          bands: bandsOf([]),
          trend: [],
        };
      const [current, trend] = await Promise.all([
        querySnapshots(db, {
          resolution: query.resolution,
          scopes: ['overall', 'channel', 'region', 'channel_region', 'service_region'],
          fromMs: bucket,
          toMs: bucket + 1,
        }),
        querySnapshots(db, {
          resolution: query.resolution,
          scopes: [scope.isAll ? 'overall' : 'region'],
          ...(scope.isAll ? {} : { region: home ?? '' }),
          fromMs: bucket - trendSpan,
          toMs: bucket + 1,
        }),
      ]);
      const of = (kind: ScoreSnapshot['scope']) =>
        current.filter((row) => row.scope === kind && (scope.isAll || scope.includes(row.region)));
      const services = of('service_region');
      const overall = scope.isAll ? of('overall')[0] : of('region').find((row) => row.region === home);
      const channels = scope.isAll
        ? of('channel')
        : of('channel_region').filter((row) => row.region === home);
      return {
        ...base,
        bucketStart: iso(bucket),
        overall: overall ? snapshotEntry(overall) : null,
        channels: channels.map(snapshotEntry),
        regions: of('region').map(snapshotEntry),
        cells: of('channel_region').map(snapshotEntry),
        worstServices: services
          .filter((row) => row.score !== null)
          .sort(worstFirst)
          .slice(0, 10)
          .map(snapshotEntry),
        bands: bandsOf(services),
        trend: trend.map((row) => ({
          bucketStart: iso(row.bucketStart),
          score: row.score,
          volume: row.volume,
        })),
      };
    },

    /** One service (in one region or all): KPIs with their layer, KQIs, regions, trend and the probes behind it. */
    async drillService({
      ctx,
      ...asked
    }: {
      readonly ctx: RequestContext;
      readonly business: string;
      readonly channel: string;
      readonly region?: string | undefined;
      readonly fromMs?: number | undefined;
      readonly toMs?: number | undefined;
    }): Promise<ServiceDrill> {
      const scope = await deps.regionScope(regionGrantOf(ctx.actor));
      const query = { ...asked, region: narrowRegion(scope, asked.region) };
      const toMs = query.toMs ?? clock.now();
      const fromMs = query.fromMs ?? toMs - HOUR_MS;
      const long = toMs - fromMs > 6 * HOUR_MS;
      const [rawSums, indicators, dimensions, checks, learned] = await Promise.all([
        readServiceRegionSums(db, {
          fromMs,
          toMs,
          table: long ? 'rollups_hour' : 'rollups_minute',
          filters: { business: [query.business], channel: [query.channel] },
        }),
        deps.activeIndicators(),
        deps.dimensions(),
        deps.listChecks(),
        deps.baselinesAt(toMs - 1),
      ]);
      const systemValues = await deps.systemValues?.({ fromMs, toMs });
      const externalSums = await readExternalWindow(db, { fromMs, toMs });
      const businesses = businessInfoOf(dimensions);
      const sums = withBaselines(rawSums, learned);
      const rows = computeScoreRows({ sums, indicators, businesses });
      const inScope = sums.filter((row) => query.region === undefined || row.region === query.region);
      const province = learned.get(`${query.business}|${query.channel}|`) ?? null;
      const focus =
        inScope.length === 0
          ? null
          : query.region === undefined
            ? { ...mergeRegions(inScope), baselineP50Ms: province }
            : mergeRegions(inScope);
      const scored = focus
        ? scoreServiceSums(focus, {
            indicators,
            businesses,
            externalSums,
            ...(systemValues ? { systemValues } : {}),
          })
        : null;
      const trendResolution: FixedResolution = long ? '1h' : '5m';
      const trend = await querySnapshots(db, {
        resolution: trendResolution,
        scopes: [query.region === undefined ? 'service' : 'service_region'],
        business: query.business,
        channel: query.channel,
        region: query.region ?? '',
        fromMs: fromMs - (long ? 0 : 5 * HOUR_MS),
        toMs,
      });
      return {
        business: query.business,
        channel: query.channel,
        region: query.region ?? null,
        from: iso(fromMs),
        to: iso(toMs),
        reasonableRange: { ...REASONABLE_RANGE },
        score: scored?.service.score ?? null,
        cappedByCritical: scored?.service.cappedByCritical ?? false,
        worstKqi: scored?.service.worstKqi ?? null,
        worstKpi: scored?.service.worstKpi ?? null,
        kqis: (scored?.service.kqis ?? []).map((kqi) => ({
          family: kqi.family as ServiceDrill['kqis'][number]['family'],
          score: kqi.score,
          worst: kqi.worst,
          cappedByCritical: kqi.cappedByCritical,
        })),
        kpis: scored?.kpis ?? [],
        regions: rows
          .filter((row) => row.scope === 'service_region' && scope.includes(row.region))
          .sort(worstFirst)
          .map((row) => toEntry(row, fromMs)),
        trend: trend.map((row) => ({
          bucketStart: iso(row.bucketStart),
          score: row.score,
          volume: row.volume,
        })),
        checks: checks
          .filter(
            (check) =>
              check.business === query.business &&
              check.channel === query.channel &&
              (query.region === undefined || check.region === query.region),
          )
          .map((check) => ({
            id: check.id,
            name: check.name,
            region: check.region ?? null,
            status: check.status,
          })),
      };
    },

    /**
     * Each active indicator's current value over the last hour (or the hour before `atMs`), over every service in the
     * regions the reader may see: province-wide for a province-wide reader.
     */
    async currentIndicatorValues({
      ctx,
      atMs,
    }: {
      readonly ctx: RequestContext;
      readonly atMs?: number | undefined;
    }): Promise<IndicatorCurrentValues> {
      const scope = await deps.regionScope(regionGrantOf(ctx.actor));
      const toMs = atMs ?? clock.now();
      const fromMs = toMs - HOUR_MS;
      const [rawSums, indicators, dimensions, learned] = await Promise.all([
        readServiceRegionSums(db, { fromMs, toMs }),
        deps.activeIndicators(),
        deps.dimensions(),
        deps.baselinesAt(toMs - 1),
      ]);
      const systemValues = await deps.systemValues?.({ fromMs, toMs });
      const externalSums = await readExternalWindow(db, { fromMs, toMs });
      const context = {
        indicators,
        businesses: businessInfoOf(dimensions),
        externalSums,
        ...(systemValues ? { systemValues } : {}),
      };
      const kpisPerService = sumsPerService(rawSums.filter((sums) => scope.includes(sums.region))).map(
        (sums) =>
          scoreServiceSums(
            { ...sums, baselineP50Ms: learned.get(`${sums.business}|${sums.channel}|`) ?? null },
            context,
          ).kpis,
      );
      return { from: iso(fromMs), to: iso(toMs), items: currentValuesOf(indicators, kpisPerService) };
    },

    /** Businesses or services slowest → fastest and worst → best, beside the previous equal window with data. */
    async rankings({
      ctx,
      ...asked
    }: {
      readonly ctx: RequestContext;
      readonly by: 'business' | 'service';
      readonly period: 'hour' | 'day';
      readonly channel?: string | undefined;
      readonly region?: string | undefined;
      readonly atMs?: number | undefined;
    }): Promise<Ranking> {
      const readable = await deps.regionScope(regionGrantOf(ctx.actor));
      return readRanking(db, {
        ...asked,
        region: narrowRegion(readable, asked.region),
        atMs: asked.atMs ?? clock.now(),
      });
    },
  };
}

export type ScoreService = ReturnType<typeof createScoreService>;
