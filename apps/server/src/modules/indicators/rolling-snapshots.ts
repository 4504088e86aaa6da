import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../db/schema.js';
import { addSums, type ScoreRow, type ScoreScope, type ServiceRegionSums } from './score-computation.js';
import {
  deleteSnapshotsBefore,
  latestBucketOfScope,
  querySnapshots,
  replaceSnapshots,
  type ScoreSnapshot,
} from './score-repository.js';

type Db = Kysely<DatabaseSchema>;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * Rolling windows the rankings read: the last 60 minutes, re-scored every 5 minutes, and the last 24 hours, re-scored
 * every hour. Stored as score snapshots (bucket start = window start) of the scopes rankings use, and kept only as
 * long as the current window and the equal window before it need, since history lives in the fixed 5-minute and
 * hourly snapshots.
 */
export const ROLLING_WINDOWS = {
  '60m': { spanMs: HOUR_MS, stepMs: 5 * MINUTE_MS },
  '24h': { spanMs: 24 * HOUR_MS, stepMs: HOUR_MS },
} as const;
export type RollingResolution = keyof typeof ROLLING_WINDOWS;

/** The scopes a ranking can ask for (by business or service, optionally within a channel and a region). */
const RANKING_SCOPES: ReadonlySet<ScoreScope> = new Set([
  'service_region',
  'service',
  'business',
  'business_region',
]);

/** Sums of the same service and region from several reads (hour rollups, then the last hour's minutes) added up. */
export function combineSums(lists: readonly (readonly ServiceRegionSums[])[]): ServiceRegionSums[] {
  const combined = new Map<string, ServiceRegionSums>();
  for (const sums of lists.flat()) {
    const key = `${sums.business}|${sums.channel}|${sums.region}`;
    const found = combined.get(key);
    if (!found) {
      combined.set(key, sums);
      continue;
    }
    const merged = { ...found };
    for (const source of ['probe', 'transactions'] as const) {
      const extra = sums[source];
      if (!extra) continue;
      const into = merged[source];
      if (into) addSums(into, extra);
      else merged[source] = extra;
    }
    combined.set(key, merged);
  }
  return [...combined.values()];
}

export interface RollingDeps {
  readonly db: Db;
  /** Every score row of a window; hour rollups before `hourlyUntilMs` when given, minute rollups after. */
  readonly scoreRows: (window: {
    readonly fromMs: number;
    readonly toMs: number;
    readonly hourlyUntilMs?: number;
  }) => Promise<ScoreRow[]>;
}

/** Scores the rolling window ending at `endMs` and keeps it; older windows beyond the previous one are dropped. */
export async function evaluateRolling(
  deps: RollingDeps,
  window: { readonly resolution: RollingResolution; readonly endMs: number },
): Promise<number> {
  const { spanMs } = ROLLING_WINDOWS[window.resolution];
  const fromMs = window.endMs - spanMs;
  const rows = await deps.scoreRows({
    fromMs,
    toMs: window.endMs,
    // A day reads hours, except the last one, which compaction may not have summed yet.
    ...(window.resolution === '24h' ? { hourlyUntilMs: window.endMs - HOUR_MS } : {}),
  });
  const kept = rows.filter((row) => RANKING_SCOPES.has(row.scope));
  await replaceSnapshots(deps.db, { resolution: window.resolution, bucketStart: fromMs }, kept);
  await deleteSnapshotsBefore(deps.db, window.resolution, fromMs - 2 * spanMs);
  return kept.length;
}

export interface RankingRead {
  readonly resolution: RollingResolution;
  readonly scope: ScoreScope;
  readonly atMs: number;
  readonly channel?: string | undefined;
  readonly region?: string | undefined;
}

export interface RankingWindows {
  readonly current: { readonly fromMs: number; readonly rows: readonly ScoreSnapshot[] } | null;
  /** The latest earlier window of the same length, ending no later than the current one starts, that has data. */
  readonly previous: readonly ScoreSnapshot[];
}

/** The stored rolling window at or before `atMs` and the previous equal window with data, for one scope. */
export async function readRankingWindows(db: Db, read: RankingRead): Promise<RankingWindows> {
  const filters = { channel: read.channel, region: read.region };
  const { spanMs } = ROLLING_WINDOWS[read.resolution];
  const rowsAt = (bucketStart: number) =>
    querySnapshots(db, {
      resolution: read.resolution,
      scopes: [read.scope],
      fromMs: bucketStart,
      toMs: bucketStart + 1,
      ...filters,
    });
  const base = { resolution: read.resolution, scope: read.scope, ...filters };
  const current = await latestBucketOfScope(db, { ...base, atOrBeforeMs: read.atMs - spanMs });
  if (current === null) return { current: null, previous: [] };
  const previous = await latestBucketOfScope(db, { ...base, atOrBeforeMs: current - spanMs });
  return {
    current: { fromMs: current, rows: await rowsAt(current) },
    previous: previous === null ? [] : await rowsAt(previous),
  };
}
