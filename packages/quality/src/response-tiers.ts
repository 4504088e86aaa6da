import { countAtOrBelow, histogramCount } from './latency-histogram.js';

/** Response tiers from the seeds (S000): fast < 2 s, slow < 5 s, very slow > 10 s; 5–10 s is "sluggish". */
export const RESPONSE_TIER_BOUNDS_MS = { fast: 2000, slow: 5000, sluggish: 10_000 } as const;

export interface TierCounts {
  readonly fast: number;
  readonly slow: number;
  readonly sluggish: number;
  readonly verySlow: number;
}

/** Splits a latency histogram into the seed tiers. Exact, because every tier bound is a bucket bound. */
export function computeTierCounts(histogram: readonly number[]): TierCounts {
  const upTo2s = countAtOrBelow(histogram, RESPONSE_TIER_BOUNDS_MS.fast);
  const upTo5s = countAtOrBelow(histogram, RESPONSE_TIER_BOUNDS_MS.slow);
  const upTo10s = countAtOrBelow(histogram, RESPONSE_TIER_BOUNDS_MS.sluggish);
  return {
    fast: upTo2s,
    slow: upTo5s - upTo2s,
    sluggish: upTo10s - upTo5s,
    verySlow: histogramCount(histogram) - upTo10s,
  };
}

/** Failure tiers from the seeds (S000): works well < 1 % failures, works badly > 10 %. */
export type FailureTier = 'good' | 'fair' | 'bad';

export function classifyFailureRatio(failureRatio: number): FailureTier {
  if (failureRatio < 0.01) return 'good';
  if (failureRatio > 0.1) return 'bad';
  return 'fair';
}
