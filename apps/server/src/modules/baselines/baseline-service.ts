import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  baselineInputSchema,
  type Baseline,
  type BaselineComparison,
  type BaselineInput,
  type BaselineListQuery,
  type BaselineMetric,
  type Dimensions,
  type Page,
} from '@ganzhi/contracts';
import {
  baselineAt,
  deviationFrom,
  histogramQuantile,
  learnBaseline,
  type LearnedBaseline,
} from '@ganzhi/quality';
import { NotFoundError, ValidationError, type Clock } from '@ganzhi/runtime';
import type { DatabaseSchema } from '../../db/schema.js';
import { queryGroupedBuckets, type RollupBucket } from '../series/index.js';
import {
  deleteBaseline,
  encodeSlots,
  insertBaseline,
  listBaselinePage,
  listBaselines,
  toBaseline,
  withProfile,
} from './baseline-repository.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface BaselineServiceDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly clock: Clock;
  readonly timeZone: string;
  readonly dimensions: () => Promise<Dimensions>;
  /** Deviation beyond this ratio (current ÷ learned) is flagged (S000: "超出一定比例即需优化"). */
  readonly maxDeviationRatio: number;
  /** How much history the learned baseline uses (90 days give each month-end hour about nine values). */
  readonly learnDays: number;
}

export interface ServiceScope {
  readonly business: string;
  readonly channel: string;
  readonly region: string | null;
}

/** The metric of one hour's rollup; null when the hour has no data. */
export function metricOf(bucket: RollupBucket, metric: BaselineMetric): number | null {
  if (bucket.count === 0) return null;
  switch (metric) {
    case 'p50_ms':
      return histogramQuantile(bucket.histogram, 0.5);
    case 'p95_ms':
      return histogramQuantile(bucket.histogram, 0.95);
    case 'failure_ratio':
      return bucket.failures / bucket.count;
    case 'volume':
      return bucket.count;
  }
}

/** Hourly rollups of a service: its transactions where it has any, else its probe runs. */
async function hourlyBuckets(
  db: Kysely<DatabaseSchema>,
  scope: ServiceScope,
  range: { readonly fromMs: number; readonly toMs: number },
): Promise<RollupBucket[]> {
  const query = {
    table: 'rollups_hour',
    ...range,
    filters: {
      business: [scope.business],
      channel: [scope.channel],
      ...(scope.region ? { region: [scope.region] } : {}),
    },
    groupBy: null,
  } as const;
  const transactions = await queryGroupedBuckets(db, { ...query, source: 'transactions' });
  return transactions.length > 0 ? transactions : queryGroupedBuckets(db, { ...query, source: 'check' });
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Baseline versions, static baselines and the learned profile compared with what a service does now. */
export function createBaselineService(deps: BaselineServiceDeps) {
  const { db, clock } = deps;

  async function learn(scope: ServiceScope, metric: BaselineMetric, range: { fromMs: number; toMs: number }) {
    const buckets = await hourlyBuckets(db, scope, range);
    const history = buckets.flatMap((bucket) => {
      const value = metricOf(bucket, metric);
      return value === null ? [] : [{ timeMs: bucket.bucketStart, value }];
    });
    return learnBaseline(history, { timeZone: deps.timeZone, minSamples: 3 });
  }

  return {
    /** A page of stored baselines, filtered and sorted as asked. */
    async listBaselinePage(query: BaselineListQuery): Promise<Page<Baseline>> {
      const page = await listBaselinePage(db, query);
      return { ...page, items: page.items.map(toBaseline) };
    },

    /** Freezes a reference period's profile as a baseline version, or stores a static value. */
    async createBaseline(raw: BaselineInput): Promise<Baseline> {
      const input = baselineInputSchema.parse(raw);
      const scope = { business: input.business, channel: input.channel, region: input.region };
      const base = {
        id: randomUUID(),
        kind: input.kind,
        name: input.name,
        ...scope,
        metric: input.metric,
        created_at: clock.now(),
      };
      if (input.kind === 'static') {
        const row = { ...base, from_ms: null, to_ms: null, value: input.value, slots: '[]' };
        await insertBaseline(db, row);
        return toBaseline(row);
      }
      const fromMs = Date.parse(input.from);
      const toMs = Date.parse(input.to);
      if (toMs <= fromMs)
        throw new ValidationError('the baseline has problems', [
          { path: 'to', code: 'range_reversed', message: 'the period must end after it starts' },
        ]);
      const profile = await learn(scope, input.metric, { fromMs, toMs });
      if (profile.slots.size === 0)
        throw new ValidationError('the baseline has problems', [
          {
            path: 'from',
            message: 'the period holds too little data to learn from (each hour of day needs 3 days of data)',
          },
        ]);
      const row = { ...base, from_ms: fromMs, to_ms: toMs, value: null, slots: encodeSlots(profile) };
      await insertBaseline(db, row);
      return toBaseline(row);
    },

    async removeBaseline(id: string): Promise<void> {
      if (!(await deleteBaseline(db, id))) throw new NotFoundError('baseline', id);
    },

    /** Current hourly values against the learned band, the SLA, versions and static baselines (default: 2 days). */
    async compare(
      query: ServiceScope & {
        readonly metric: BaselineMetric;
        readonly fromMs?: number | undefined;
        readonly toMs?: number | undefined;
      },
    ): Promise<BaselineComparison> {
      const toMs = Math.ceil((query.toMs ?? clock.now()) / HOUR_MS) * HOUR_MS;
      const fromMs = Math.floor((query.fromMs ?? toMs - 2 * DAY_MS) / HOUR_MS) * HOUR_MS;
      const [buckets, learned, stored, dimensions] = await Promise.all([
        hourlyBuckets(db, query, { fromMs, toMs }),
        learn(query, query.metric, { fromMs: fromMs - deps.learnDays * DAY_MS, toMs: fromMs }),
        listBaselines(db, { business: query.business, channel: query.channel, metric: query.metric }),
        deps.dimensions(),
      ]);
      const byHour = new Map(buckets.map((bucket) => [bucket.bucketStart, bucket]));
      const hours = Array.from(
        { length: Math.round((toMs - fromMs) / HOUR_MS) },
        (_, i) => fromMs + i * HOUR_MS,
      );
      const current = hours.map((time) => {
        const bucket = byHour.get(time);
        return {
          time: iso(time),
          value: bucket ? metricOf(bucket, query.metric) : null,
          samples: bucket?.count ?? 0,
        };
      });
      const band = (profile: LearnedBaseline, time: number) => baselineAt(profile, time);
      const versions = stored
        .filter((row) => row.region === query.region)
        .map((row) => withProfile(row, deps.timeZone))
        .map(({ row, profile }) => ({
          id: row.id,
          name: row.name,
          kind: row.kind as 'version' | 'static',
          points: hours.flatMap((time) => {
            const expected = profile ? band(profile, time)?.expected : Number(row.value);
            return expected === undefined || !Number.isFinite(expected)
              ? []
              : [{ time: iso(time), expected }];
          }),
        }));
      const latest = [...current].reverse().find((point) => point.value !== null);
      const latestMs = latest ? Date.parse(latest.time) : null;
      const deviation = deviationFrom(
        latest?.value ?? null,
        latestMs === null ? null : (band(learned, latestMs)?.expected ?? null),
        {
          maxRatio: deps.maxDeviationRatio,
          direction: query.metric === 'volume' ? 'higher_is_better' : 'lower_is_better',
        },
      );
      const business = dimensions.businesses.find((candidate) => candidate.code === query.business);
      return {
        business: query.business,
        channel: query.channel,
        region: query.region,
        metric: query.metric,
        from: iso(fromMs),
        to: iso(toMs),
        current,
        learned: hours.flatMap((time) => {
          const found = band(learned, time);
          return found
            ? [{ time: iso(time), expected: found.expected, low: found.low, high: found.high }]
            : [];
        }),
        sla: query.metric === 'p50_ms' || query.metric === 'p95_ms' ? (business?.slaMs ?? null) : null,
        versions,
        deviation: { time: latest?.time ?? null, ...deviation, maxRatio: deps.maxDeviationRatio },
      };
    },
  };
}

export type BaselineService = ReturnType<typeof createBaselineService>;
