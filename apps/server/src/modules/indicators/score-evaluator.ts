import { setImmediate } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Dimensions } from '@ganzhi/contracts';
import {
  type MeasurementValues,
  createHistogram,
  hourlyInstants,
  histogramQuantile,
  mergeHistogramInto,
  profileSlotOf,
  type LatencyHistogram,
} from '@ganzhi/quality';
import type { Logger } from '@ganzhi/runtime';
import type { DatabaseSchema } from '../../db/schema.js';
import { sumByServiceRegion, type ServiceRegionSum } from '../series/index.js';
import { readExternalWindow } from './external-measurements.js';
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
import {
  ROLLING_WINDOWS,
  combineSums,
  evaluateRolling,
  type RollingResolution,
} from './rolling-snapshots.js';
import {
  latestSnapshotBucket,
  replaceSnapshots,
  type FixedResolution,
  type SnapshotResolution,
} from './score-repository.js';

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

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Learned medians per `business|channel|region` (and `business|channel|` province-wide). */
export type SlotBaselines = ReadonlyMap<string, number>;

/**
 * The learned median latency of every service for the profile slot of `atMs` (this hour on comparable days: the same
 * weekday, or month-end / month-start days), from the hourly rollups of the last `days` days. A service needs three
 * such hours with transactions; fewer is no baseline. Only the matching hours are read.
 */
export async function readSlotBaselines(
  db: Db,
  query: { readonly atMs: number; readonly timeZone: string; readonly days: number },
): Promise<SlotBaselines> {
  const slot = profileSlotOf(query.atMs, query.timeZone);
  const currentHour = Math.floor(query.atMs / HOUR_MS) * HOUR_MS;
  const instants = hourlyInstants(currentHour, query.days).filter((time) => {
    const candidate = profileSlotOf(time, query.timeZone);
    return candidate.dayClass === slot.dayClass && candidate.hour === slot.hour;
  });
  const rows = await sumByServiceRegion(db, {
    table: 'rollups_hour',
    source: 'transactions',
    fromMs: instants[0] ?? currentHour,
    toMs: currentHour,
    perBucket: true,
    bucketStarts: instants,
  });
  const values = new Map<string, number[]>();
  const province = new Map<string, number[]>();
  const push = (map: Map<string, number[]>, key: string, value: number | null) => {
    if (value === null) return;
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const row of rows)
    push(values, `${row.business}|${row.channel}|${row.region}`, histogramQuantile(row.histogram, 0.5));
  const merged = new Map<string, { readonly key: string; readonly histogram: LatencyHistogram }>();
  for (const row of rows) {
    const instant = `${row.business}|${row.channel}|${row.bucketStart}`;
    let entry = merged.get(instant);
    if (!entry) {
      entry = { key: `${row.business}|${row.channel}|`, histogram: createHistogram() };
      merged.set(instant, entry);
    }
    mergeHistogramInto(entry.histogram, row.histogram);
  }
  for (const entry of merged.values()) push(province, entry.key, histogramQuantile(entry.histogram, 0.5));
  const result = new Map<string, number>();
  for (const [key, list] of [...values, ...province]) if (list.length >= 3) result.set(key, median(list));
  return result;
}

export function businessInfoOf(dimensions: Dimensions): Map<string, BusinessInfo> {
  return new Map(
    dimensions.businesses.map((business) => [
      business.code,
      { type: business.type, slaMs: business.slaMs, systems: business.systems },
    ]),
  );
}

export function withBaselines(
  sums: readonly ServiceRegionSums[],
  learned: SlotBaselines,
): ServiceRegionSums[] {
  return sums.map((entry) => ({
    ...entry,
    baselineP50Ms: learned.get(`${entry.business}|${entry.channel}|${entry.region}`) ?? null,
  }));
}

export function provinceBaselines(learned: SlotBaselines): Map<string, number> {
  const result = new Map<string, number>();
  for (const [key, value] of learned) if (key.endsWith('|')) result.set(key.slice(0, -1), value);
  return result;
}

/** Resource measurements per system over a window (`cpu_util_mean`, `running_index` …), from the resources module. */
export type SystemValuesReader = (window: {
  readonly fromMs: number;
  readonly toMs: number;
}) => Promise<ReadonlyMap<string, MeasurementValues>>;

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
  readonly timeZone: string;
  /** History the learned baselines (degradation and handling-duration KPIs) come from. */
  readonly baselineDays: number;
  readonly systemValues?: SystemValuesReader;
}

export interface EvaluationResult {
  readonly resolution: SnapshotResolution;
  readonly bucketStart: number;
  readonly rows: number;
  readonly elapsedMs: number;
}

/**
 * The periodic score evaluator: stores snapshots per service × region, per service, channel × region, channel,
 * business, region and overall at 5-minute and hourly resolution, so history, the overview and trends (and later alerting
 * and forecasting) read a few rows instead of re-scoring rollups.
 */
export function createScoreEvaluator(deps: EvaluatorDeps) {
  const { db } = deps;
  let baselines: { readonly hour: number; readonly values: Promise<SlotBaselines> } | undefined;

  /** Slot baselines change once an hour: read once per hour of the windows evaluated. */
  function baselinesAt(atMs: number): Promise<SlotBaselines> {
    const hour = Math.floor(atMs / HOUR_MS) * HOUR_MS;
    if (baselines?.hour !== hour)
      baselines = {
        hour,
        values: readSlotBaselines(db, { atMs, timeZone: deps.timeZone, days: deps.baselineDays }),
      };
    return baselines.values;
  }

  /** The span of minutes written since the last cycle; buckets already scored that cover it are scored again. */
  let written: { fromMs: number; toMs: number } | null = null;

  /** Rollups were written for these minutes (bucket starts, inclusive), by any source. */
  function noteMinutesWritten(range: { readonly fromMs: number; readonly toMs: number }): void {
    written = written
      ? { fromMs: Math.min(written.fromMs, range.fromMs), toMs: Math.max(written.toMs, range.toMs) }
      : { ...range };
  }

  /**
   * Buckets already stored whose window holds a minute written since (late uploads: an agent's backlog after an
   * outage, a log shipped late), back to the catch-up horizon, oldest first.
   */
  async function staleBuckets(
    nowMs: number,
    range: { readonly fromMs: number; readonly toMs: number },
  ): Promise<{ readonly resolution: FixedResolution; readonly bucketStart: number }[]> {
    const stale: { resolution: FixedResolution; bucketStart: number }[] = [];
    for (const [resolution, size] of [
      ['5m', FIVE_MINUTES_MS],
      ['1h', HOUR_MS],
    ] as const) {
      const latest = await latestSnapshotBucket(db, resolution, nowMs);
      if (latest === null) continue;
      // A bucket scores [start + size - window, start + size): it holds minute m when start ∈ (m - size, m + window - size].
      const window = resolution === '5m' ? Math.max(deps.trailingWindowMs, size) : size;
      const horizon = Math.floor((nowMs - deps.catchUpMs) / size) * size;
      const first = Math.max(horizon, Math.floor(range.fromMs / size) * size);
      const last = Math.min(latest, Math.floor((range.toMs + window - size) / size) * size);
      for (let start = first; start <= last; start += size) stale.push({ resolution, bucketStart: start });
    }
    return stale;
  }

  /** Every score row of [from, to): minute rollups, or hour rollups before `hourlyUntilMs` and minutes after it. */
  async function scoreRows(window: {
    readonly fromMs: number;
    readonly toMs: number;
    readonly hourlyUntilMs?: number;
  }): Promise<ScoreRow[]> {
    const { fromMs, toMs, hourlyUntilMs } = window;
    const reads =
      hourlyUntilMs !== undefined && hourlyUntilMs > fromMs
        ? [
            readServiceRegionSums(db, { fromMs, toMs: hourlyUntilMs, table: 'rollups_hour' }),
            readServiceRegionSums(db, { fromMs: hourlyUntilMs, toMs }),
          ]
        : [readServiceRegionSums(db, { fromMs, toMs })];
    const [parts, indicators, dimensions, learned] = await Promise.all([
      Promise.all(reads),
      deps.activeIndicators(),
      deps.dimensions(),
      baselinesAt(toMs - 1),
    ]);
    const systemValues = await deps.systemValues?.({ fromMs, toMs });
    const externalSums = await readExternalWindow(db, { fromMs, toMs });
    return computeScoreRows({
      externalSums,
      ...(systemValues ? { systemValues } : {}),
      sums: withBaselines(combineSums(parts), learned),
      serviceBaselines: provinceBaselines(learned),
      indicators,
      businesses: businessInfoOf(dimensions),
    });
  }

  async function evaluate(bucket: {
    readonly resolution: FixedResolution;
    readonly bucketStart: number;
  }): Promise<EvaluationResult> {
    const started = performance.now();
    const size = bucket.resolution === '5m' ? FIVE_MINUTES_MS : HOUR_MS;
    const toMs = bucket.bucketStart + size;
    const fromMs =
      bucket.resolution === '5m' ? toMs - Math.max(deps.trailingWindowMs, size) : bucket.bucketStart;
    const rows = await scoreRows({ fromMs, toMs });
    await replaceSnapshots(db, bucket, rows);
    return { ...bucket, rows: rows.length, elapsedMs: performance.now() - started };
  }

  /** Scores and keeps the rolling window ending at `endMs` (the evaluator does this after each cycle). */
  async function evaluateRollingAt(window: {
    readonly resolution: RollingResolution;
    readonly endMs: number;
  }): Promise<EvaluationResult> {
    const started = performance.now();
    const rows = await evaluateRolling({ db, scoreRows }, window);
    const bucketStart = window.endMs - ROLLING_WINDOWS[window.resolution].spanMs;
    return { resolution: window.resolution, bucketStart, rows, elapsedMs: performance.now() - started };
  }

  /**
   * After fixed buckets were scored, the rolling windows rankings read move on: the 60 minutes ending with the newest
   * 5-minute bucket scored, the 24 hours ending with the newest hour.
   */
  async function evaluateRollingAfter(results: readonly EvaluationResult[]): Promise<EvaluationResult[]> {
    const rolling: EvaluationResult[] = [];
    for (const [fixed, resolution] of [
      ['5m', '60m'],
      ['1h', '24h'],
    ] as const) {
      const size = fixed === '5m' ? FIVE_MINUTES_MS : HOUR_MS;
      const ends = results.filter((r) => r.resolution === fixed).map((r) => r.bucketStart + size);
      if (ends.length > 0) rolling.push(await evaluateRollingAt({ resolution, endMs: Math.max(...ends) }));
    }
    return rolling;
  }

  /**
   * Scores again the stored buckets that minutes written since the last cycle fall in, then evaluates every complete,
   * settled bucket not yet stored (bounded by the catch-up horizon), oldest first. Between buckets it yields to the
   * event loop (SQLite queries are synchronous: a catch-up would hold off requests and shutdown); once `signal`
   * aborts (the job stops) it ends after the bucket in progress, and the next cycle carries on from there.
   */
  async function evaluateDue(nowMs: number, signal?: AbortSignal): Promise<EvaluationResult[]> {
    const results: EvaluationResult[] = [];
    const add = async (bucket: Parameters<typeof evaluate>[0]): Promise<void> => {
      await setImmediate();
      if (!signal?.aborted) results.push(await evaluate(bucket));
    };
    const range = written;
    written = null;
    if (range) for (const bucket of await staleBuckets(nowMs, range)) await add(bucket);
    for (const [resolution, size] of [
      ['5m', FIVE_MINUTES_MS],
      ['1h', HOUR_MS],
    ] as const) {
      const lastComplete = Math.floor((nowMs - deps.settleMs) / size) * size - size;
      const latest = await latestSnapshotBucket(db, resolution, nowMs);
      const horizon = Math.floor((nowMs - deps.catchUpMs) / size) * size;
      let next = Math.max(latest === null ? horizon : latest + size, horizon);
      for (; next <= lastComplete; next += size) await add({ resolution, bucketStart: next });
    }
    if (signal?.aborted) return results;
    results.push(...(await evaluateRollingAfter(results)));
    for (const result of results) deps.logger.debug({ ...result }, 'scores evaluated');
    return results;
  }

  /**
   * Evaluates what is due, then re-evaluates the latest complete 5-minute and hourly buckets: after an indicator was
   * edited, or a late upload landed in a bucket already scored.
   */
  async function evaluateNow(nowMs: number): Promise<EvaluationResult[]> {
    const results = await evaluateDue(nowMs);
    const latest: EvaluationResult[] = [];
    for (const [resolution, size] of [
      ['5m', FIVE_MINUTES_MS],
      ['1h', HOUR_MS],
    ] as const) {
      const bucketStart = Math.floor(nowMs / size) * size - size;
      if (!results.some((result) => result.resolution === resolution && result.bucketStart === bucketStart))
        latest.push(await evaluate({ resolution, bucketStart }));
    }
    return [...results, ...latest, ...(await evaluateRollingAfter(latest))];
  }

  return { evaluate, evaluateDue, evaluateNow, evaluateRollingAt, baselinesAt, noteMinutesWritten };
}

export type ScoreEvaluator = ReturnType<typeof createScoreEvaluator>;
