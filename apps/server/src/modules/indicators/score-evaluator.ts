import type { Kysely } from 'kysely';
import type { Dimensions } from '@ganzhi/contracts';
import type { Logger } from '@ganzhi/runtime';
import type { DatabaseSchema } from '../../db/schema.js';
import { sumByServiceRegion, type ServiceRegionSum } from '../series/index.js';
import type { CompiledIndicator } from './indicator-definition.js';
import {
  addSums,
  computeScoreRows,
  emptySums,
  type BusinessInfo,
  type ScoreRow,
  type ServiceRegionSums,
  type SourceSums,
} from './score-computation.js';
import { latestSnapshotBucket, replaceSnapshots, type SnapshotResolution } from './score-repository.js';

type Db = Kysely<DatabaseSchema>;

const MINUTE_MS = 60_000;
export const FIVE_MINUTES_MS = 5 * MINUTE_MS;
export const HOUR_MS = 60 * MINUTE_MS;

export interface SumsWindow {
  readonly fromMs: number;
  readonly toMs: number;
  /** Hour rollups for long windows (a probe hour with every run failed counts 60 interrupted minutes). */
  readonly table?: 'rollups_minute' | 'rollups_hour';
  readonly filters?: Partial<Record<'business' | 'channel' | 'region', readonly string[]>>;
}

function sumsOf(row: ServiceRegionSum): SourceSums {
  return {
    count: row.count,
    failures: row.failures,
    latencySumMs: row.latencySumMs,
    histogram: row.histogram,
    minutes: 0,
    failedMinutes: 0,
  };
}

/**
 * Probe runs and transactions summed per service × region over a window, from the minute rollups. Probe sums are
 * read per minute so that minutes in which every run failed count as interruption.
 */
export async function readServiceRegionSums(db: Db, window: SumsWindow): Promise<ServiceRegionSums[]> {
  const table = window.table ?? 'rollups_minute';
  const bucketMinutes = table === 'rollups_hour' ? 60 : 1;
  const base = { table, fromMs: window.fromMs, toMs: window.toMs, filters: window.filters } as const;
  const [probeRows, transactionRows] = await Promise.all([
    sumByServiceRegion(db, { ...base, source: 'check', perBucket: true }),
    sumByServiceRegion(db, { ...base, source: 'transactions', perBucket: false }),
  ]);
  const byKey = new Map<string, { -readonly [K in keyof ServiceRegionSums]: ServiceRegionSums[K] }>();
  const entry = (row: ServiceRegionSum) => {
    const key = `${row.business}|${row.channel}|${row.region}`;
    let found = byKey.get(key);
    if (!found) {
      found = {
        business: row.business,
        channel: row.channel,
        region: row.region,
        probe: null,
        transactions: null,
      };
      byKey.set(key, found);
    }
    return found;
  };
  for (const row of probeRows) {
    const target = entry(row);
    target.probe ??= emptySums();
    const down = row.count > 0 && row.failures >= row.count;
    addSums(target.probe, {
      ...sumsOf(row),
      minutes: bucketMinutes,
      failedMinutes: down ? bucketMinutes : 0,
    });
  }
  for (const row of transactionRows) entry(row).transactions = sumsOf(row);
  return [...byKey.values()];
}

export function businessInfoOf(dimensions: Dimensions): Map<string, BusinessInfo> {
  return new Map(
    dimensions.businesses.map((business) => [business.code, { type: business.type, slaMs: business.slaMs }]),
  );
}

export interface EvaluatorDeps {
  readonly db: Db;
  readonly logger: Logger;
  readonly activeIndicators: () => Promise<readonly CompiledIndicator[]>;
  readonly dimensions: () => Promise<Dimensions>;
  /** 5-minute snapshots score a trailing window this long, so that probes running once a minute have evidence. */
  readonly trailingWindowMs: number;
  /** How far back a (re)started evaluator fills missing buckets. */
  readonly catchUpMs: number;
  /** Buckets are evaluated this long after they end, so that late uploads are in. */
  readonly settleMs: number;
}

export interface EvaluationResult {
  readonly resolution: SnapshotResolution;
  readonly bucketStart: number;
  readonly rows: number;
  readonly elapsedMs: number;
}

/**
 * The periodic score evaluator: stores snapshots per service × region, per service, channel × region, channel,
 * business, region and overall at 5-minute and hourly resolution, so history, trends, rankings (and later alerting
 * and forecasting) read a few rows instead of re-scoring rollups.
 */
export function createScoreEvaluator(deps: EvaluatorDeps) {
  const { db } = deps;

  async function evaluate(bucket: {
    readonly resolution: SnapshotResolution;
    readonly bucketStart: number;
  }): Promise<EvaluationResult> {
    const started = performance.now();
    const size = bucket.resolution === '5m' ? FIVE_MINUTES_MS : HOUR_MS;
    const toMs = bucket.bucketStart + size;
    const fromMs =
      bucket.resolution === '5m' ? toMs - Math.max(deps.trailingWindowMs, size) : bucket.bucketStart;
    const [sums, indicators, dimensions] = await Promise.all([
      readServiceRegionSums(db, { fromMs, toMs }),
      deps.activeIndicators(),
      deps.dimensions(),
    ]);
    const rows: ScoreRow[] = computeScoreRows({ sums, indicators, businesses: businessInfoOf(dimensions) });
    await replaceSnapshots(db, bucket, rows);
    return { ...bucket, rows: rows.length, elapsedMs: performance.now() - started };
  }

  /** Evaluates every complete, settled bucket not yet stored (bounded by the catch-up horizon), oldest first. */
  async function evaluateDue(nowMs: number): Promise<EvaluationResult[]> {
    const results: EvaluationResult[] = [];
    for (const [resolution, size] of [
      ['5m', FIVE_MINUTES_MS],
      ['1h', HOUR_MS],
    ] as const) {
      const lastComplete = Math.floor((nowMs - deps.settleMs) / size) * size - size;
      const latest = await latestSnapshotBucket(db, resolution, nowMs);
      const horizon = Math.floor((nowMs - deps.catchUpMs) / size) * size;
      let next = Math.max(latest === null ? horizon : latest + size, horizon);
      for (; next <= lastComplete; next += size)
        results.push(await evaluate({ resolution, bucketStart: next }));
    }
    for (const result of results) deps.logger.debug({ ...result }, 'scores evaluated');
    return results;
  }

  return { evaluate, evaluateDue };
}

export type ScoreEvaluator = ReturnType<typeof createScoreEvaluator>;
