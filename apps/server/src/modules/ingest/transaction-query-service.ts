import type { Kysely } from 'kysely';
import type {
  Resolution,
  TransactionGroup,
  TransactionPoint,
  TransactionQuery,
  TransactionSeries,
  TransactionTotals,
} from '@ganzhi/contracts';
import { computeTierCounts, createHistogram, histogramQuantile, mergeHistogramInto } from '@ganzhi/quality';
import type { Clock } from '@ganzhi/runtime';
import type { DatabaseSchema, RollupTableName } from '../../db/schema.js';
import { regionGrantOf, type RegionGrant, type RequestContext } from '../auth/index.js';
import { narrowRegion, type RegionScope } from '../dimensions/index.js';
import { queryGroupedBuckets, resolveSeriesRange, type RollupBucket } from '../series/index.js';

const TABLE_OF: Record<Resolution, RollupTableName> = {
  minute: 'rollups_minute',
  hour: 'rollups_hour',
  day: 'rollups_day',
};

function pointOf(bucket: RollupBucket): TransactionPoint {
  return {
    t: new Date(bucket.bucketStart).toISOString(),
    count: bucket.count,
    failures: bucket.failures,
    p50Ms: histogramQuantile(bucket.histogram, 0.5),
    p95Ms: histogramQuantile(bucket.histogram, 0.95),
    p99Ms: histogramQuantile(bucket.histogram, 0.99),
    tiers: computeTierCounts(bucket.histogram),
  };
}

function totalsOf(buckets: readonly RollupBucket[]): TransactionTotals {
  const histogram = createHistogram();
  let count = 0;
  let failures = 0;
  for (const bucket of buckets) {
    mergeHistogramInto(histogram, bucket.histogram);
    count += bucket.count;
    failures += bucket.failures;
  }
  return {
    count,
    failures,
    p50Ms: histogramQuantile(histogram, 0.5),
    p95Ms: histogramQuantile(histogram, 0.95),
    p99Ms: histogramQuantile(histogram, 0.99),
    tiers: computeTierCounts(histogram),
  };
}

/** The transactions explorer: volume, failures, percentiles and tiers over time, filtered and grouped by dimension. */
export function createTransactionQueryService(deps: {
  db: Kysely<DatabaseSchema>;
  clock: Clock;
  regionScope: (grant: RegionGrant) => Promise<RegionScope>;
}) {
  /** A scoped reader sees their regions only: every requested region must lie inside, none requested = all of them. */
  async function regionsFor(ctx: RequestContext, requested: readonly string[]): Promise<string[]> {
    const scope = await deps.regionScope(regionGrantOf(ctx.actor));
    if (scope.isAll) return [...requested];
    for (const region of requested) narrowRegion(scope, region);
    return requested.length > 0 ? [...requested] : [...scope.codes];
  }

  return {
    async querySeries({
      ctx,
      query,
    }: {
      ctx: RequestContext;
      query: TransactionQuery;
    }): Promise<TransactionSeries> {
      const { fromMs, toMs } = resolveSeriesRange(query, deps.clock.now());
      const region = await regionsFor(ctx, query.region);
      const buckets = await queryGroupedBuckets(deps.db, {
        table: TABLE_OF[query.resolution],
        source: 'transactions',
        fromMs,
        toMs,
        filters: {
          channel: query.channel,
          business: query.business,
          region,
          segment: query.segment,
        },
        groupBy: query.groupBy === 'none' ? null : query.groupBy,
      });
      const byGroup = new Map<string, RollupBucket[]>();
      for (const bucket of buckets) {
        const key = query.groupBy === 'none' ? 'all' : (bucket.group ?? '—');
        const rows = byGroup.get(key);
        if (rows) rows.push(bucket);
        else byGroup.set(key, [bucket]);
      }
      const groups: TransactionGroup[] = [...byGroup.entries()]
        .map(([key, rows]) => ({ key, totals: totalsOf(rows), points: rows.map(pointOf) }))
        .sort((a, b) => b.totals.count - a.totals.count);
      return {
        resolution: query.resolution,
        from: new Date(fromMs).toISOString(),
        to: new Date(toMs).toISOString(),
        groupBy: query.groupBy,
        totals: totalsOf(buckets),
        groups,
      };
    },
  };
}

export type TransactionQueryService = ReturnType<typeof createTransactionQueryService>;
