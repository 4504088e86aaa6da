import type { RankingEntry } from '@ganzhi/contracts';
import { describe, expect, it } from 'vitest';
import { rankingChange } from './ranking-change';

const entry = (p95: [number | null, number | null], score: [number | null, number | null]): RankingEntry => ({
  rank: 1,
  business: 'payment',
  channel: 'hall',
  score: score[0],
  p95Ms: p95[0],
  volume: 100,
  failureRatio: 0.01,
  worst: null,
  previous: { score: score[1], p95Ms: p95[1], rank: 2 },
});

describe('ranking change', () => {
  it('calls slower and lower-scoring worse, and faster or higher better', () => {
    expect(rankingChange(entry([2500, 1200], [3, 4]), 'p95')).toEqual({
      direction: 'up',
      worse: true,
      text: '+1.30 s',
    });
    expect(rankingChange(entry([800, 1200], [3, 4]), 'p95')).toEqual({
      direction: 'down',
      worse: false,
      text: '−400 ms',
    });
    expect(rankingChange(entry([800, 1200], [3, 4]), 'score')).toEqual({
      direction: 'down',
      worse: true,
      text: '−1.0',
    });
    expect(rankingChange(entry([800, 1200], [4.5, 4.48]), 'score')).toEqual({
      direction: 'same',
      worse: false,
      text: '±0.0',
    });
  });

  it('marks entries without a previous value as new rather than inventing a change', () => {
    expect(rankingChange(entry([800, null], [3, null]), 'p95')).toBeNull();
    expect(rankingChange(entry([null, 900], [null, 4]), 'score')).toBeNull();
  });
});
