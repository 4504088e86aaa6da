import type { RankingEntry } from '@ganzhi/contracts';
import { formatLatencyMs } from '../../lib/format-latency';
import { formatScore } from './score-band';

export interface RankingChange {
  readonly direction: 'up' | 'down' | 'same';
  /** True when the change is for the worse (slower, or a lower score). */
  readonly worse: boolean;
  readonly text: string;
}

/** How an entry moved since the previous period; null when it had no value then (new in the ranking). */
export function rankingChange(entry: RankingEntry, metric: 'p95' | 'score'): RankingChange | null {
  const [now, before] =
    metric === 'p95' ? [entry.p95Ms, entry.previous.p95Ms] : [entry.score, entry.previous.score];
  if (now === null || before === null) return null;
  const delta = now - before;
  const same = metric === 'p95' ? Math.abs(delta) < 1 : Math.abs(delta) < 0.05;
  if (same) return { direction: 'same', worse: false, text: metric === 'p95' ? '±0' : '±0.0' };
  const text =
    metric === 'p95'
      ? `${delta > 0 ? '+' : '−'}${formatLatencyMs(Math.abs(delta))}`
      : `${delta > 0 ? '+' : '−'}${formatScore(Math.abs(delta))}`;
  const worse = metric === 'p95' ? delta > 0 : delta < 0;
  return { direction: delta > 0 ? 'up' : 'down', worse, text };
}
