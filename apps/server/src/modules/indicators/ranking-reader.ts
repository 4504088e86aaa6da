import type { Kysely } from 'kysely';
import type { Ranking, RankingEntry } from '@ganzhi/contracts';
import type { DatabaseSchema } from '../../db/schema.js';
import type { ScoreScope } from './score-computation.js';
import { ROLLING_WINDOWS, readRankingWindows, type RollingResolution } from './rolling-snapshots.js';
import type { ScoreSnapshot } from './score-repository.js';

export interface RankingQuery {
  readonly by: 'business' | 'service';
  readonly period: 'hour' | 'day';
  readonly channel?: string | undefined;
  readonly region?: string | undefined;
  readonly atMs: number;
}

const RESOLUTION_OF: Readonly<Record<RankingQuery['period'], RollingResolution>> = {
  hour: '60m',
  day: '24h',
};

/**
 * The stored scope a ranking reads. A business within one channel is that channel's service; within a region, the
 * business × region rows (or service × region within a channel too).
 */
function scopeOf(query: RankingQuery): ScoreScope {
  const inRegion = query.region !== undefined;
  if (query.by === 'service' || query.channel !== undefined) return inRegion ? 'service_region' : 'service';
  return inRegion ? 'business_region' : 'business';
}

const keyOf = (row: ScoreSnapshot) => `${row.business}|${row.channel}`;
const slowerFirst = (a: ScoreSnapshot, b: ScoreSnapshot) => (b.p95Ms ?? -1) - (a.p95Ms ?? -1);
const worseFirst = (a: ScoreSnapshot, b: ScoreSnapshot) =>
  (a.score ?? Number.POSITIVE_INFINITY) - (b.score ?? Number.POSITIVE_INFINITY) || b.volume - a.volume;

function ranked(
  current: readonly ScoreSnapshot[],
  previous: readonly ScoreSnapshot[],
  compare: (a: ScoreSnapshot, b: ScoreSnapshot) => number,
): RankingEntry[] {
  const before = new Map(
    [...previous].sort(compare).map((row, index) => [keyOf(row), { row, rank: index + 1 }]),
  );
  return [...current].sort(compare).map((row, index) => {
    const prior = before.get(keyOf(row));
    return {
      rank: index + 1,
      business: row.business,
      channel: row.channel,
      score: row.score,
      p95Ms: row.p95Ms,
      volume: row.volume,
      failureRatio: row.volume > 0 ? row.failures / row.volume : null,
      worst: row.worst,
      previous: {
        score: prior?.row.score ?? null,
        p95Ms: prior?.row.p95Ms ?? null,
        rank: prior?.rank ?? null,
      },
    };
  });
}

/**
 * Businesses or services slowest → fastest and worst → best over the last rolling hour or day the evaluator stored,
 * each beside the previous equal window that has data. A read of a few hundred stored rows: nothing is re-scored.
 */
export async function readRanking(db: Kysely<DatabaseSchema>, query: RankingQuery): Promise<Ranking> {
  const resolution = RESOLUTION_OF[query.period];
  const { spanMs, stepMs } = ROLLING_WINDOWS[resolution];
  const windows = await readRankingWindows(db, {
    resolution,
    scope: scopeOf(query),
    atMs: query.atMs,
    channel: query.channel,
    region: query.region,
  });
  const fromMs = windows.current?.fromMs ?? Math.floor(query.atMs / stepMs) * stepMs - spanMs;
  const current = windows.current?.rows ?? [];
  return {
    by: query.by,
    period: query.period,
    from: new Date(fromMs).toISOString(),
    to: new Date(fromMs + spanMs).toISOString(),
    slowest: ranked(current, windows.previous, slowerFirst),
    byScore: ranked(current, windows.previous, worseFirst),
  };
}
