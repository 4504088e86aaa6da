// Quality: pure domain math (histograms, tiers; later scores, baselines, capacity). No I/O.
export {
  LATENCY_BUCKET_BOUNDS_MS,
  LATENCY_BUCKET_COUNT,
  bucketIndexOf,
  countAtOrBelow,
  createHistogram,
  histogramCount,
  histogramQuantile,
  mergeHistogramInto,
  recordLatency,
} from './latency-histogram.js';
export type { LatencyHistogram } from './latency-histogram.js';
export { RESPONSE_TIER_BOUNDS_MS, classifyFailureRatio, computeTierCounts } from './response-tiers.js';
export type { FailureTier, TierCounts } from './response-tiers.js';
export { isKnownTimeZone, startOfHour, startOfMinute, startOfZonedDay, zoneOffsetMs } from './calendar.js';
