import {
  countAtOrBelow,
  countBelow,
  histogramCount,
  type ReadonlyLatencyHistogram,
} from './latency-histogram.js';

/**
 * Response tiers from the seeds (S000), with their bounds exactly as written: fast "< 2 s", slow "< 5 s" (2 s up to,
 * not including, 5 s), very slow "> 10 s"; 5 s to 10 s inclusive is "sluggish". So 2,000 ms is slow, 5,000 ms and
 * 10,000 ms are sluggish.
 */
export const RESPONSE_TIER_BOUNDS_MS = { fast: 2000, slow: 5000, sluggish: 10_000 } as const;

export interface TierCounts {
  readonly fast: number;
  readonly slow: number;
  readonly sluggish: number;
  readonly verySlow: number;
}

export type ResponseTier = keyof TierCounts;

/** The tier of one response time. */
export function classifyResponseTime(latencyMs: number): ResponseTier {
  if (latencyMs < RESPONSE_TIER_BOUNDS_MS.fast) return 'fast';
  if (latencyMs < RESPONSE_TIER_BOUNDS_MS.slow) return 'slow';
  if (latencyMs <= RESPONSE_TIER_BOUNDS_MS.sluggish) return 'sluggish';
  return 'verySlow';
}

/** Splits a latency histogram into the seed tiers. Exact, because every tier bound is an exact histogram bound. */
export function computeTierCounts(histogram: ReadonlyLatencyHistogram): TierCounts {
  const below2s = countBelow(histogram, RESPONSE_TIER_BOUNDS_MS.fast);
  const below5s = countBelow(histogram, RESPONSE_TIER_BOUNDS_MS.slow);
  const upTo10s = countAtOrBelow(histogram, RESPONSE_TIER_BOUNDS_MS.sluggish);
  return {
    fast: below2s,
    slow: below5s - below2s,
    sluggish: upTo10s - below5s,
    verySlow: histogramCount(histogram) - upTo10s,
  };
}

/** Failure tiers from the seeds (S000): works well "< 1 %" failures, works badly "> 10 %"; 1 % to 10 % inclusive is fair. */
export type FailureTier = 'good' | 'fair' | 'bad';

export const FAILURE_TIER_BOUNDS = { good: 0.01, bad: 0.1 } as const;

/** The failure tier of `failures` out of `total` attempts, compared without floating-point rounding. */
export function classifyFailures(failures: number, total: number): FailureTier {
  if (failures * 100 < total) return 'good';
  if (failures * 10 > total) return 'bad';
  return 'fair';
}

/**
 * The failure tier of a ratio (0–1). Prefer `classifyFailures` when the counts are known. The ratio is first rounded
 * to 12 decimals, so a ratio that went through floating-point arithmetic (1 − 0.99 = 0.010000000000000009) is
 * classified as the exact value it stands for.
 */
export function classifyFailureRatio(failureRatio: number): FailureTier {
  const ratio = Math.round(failureRatio * 1e12) / 1e12;
  if (ratio < FAILURE_TIER_BOUNDS.good) return 'good';
  if (ratio > FAILURE_TIER_BOUNDS.bad) return 'bad';
  return 'fair';
}
