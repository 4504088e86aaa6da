// Quality: pure domain math (histograms, tiers, 1–5 tolerance scores and roll-ups, capacity indices). No I/O.
export {
  EXACT_BOUNDS_MS,
  LATENCY_BUCKET_COUNT,
  MAX_TRACKED_MS,
  MIN_TRACKED_MS,
  RELATIVE_ACCURACY,
  bucketIndexOf,
  bucketRange,
  bucketValue,
  countAtOrBelow,
  countBelow,
  createHistogram,
  decodeHistogram,
  encodeHistogram,
  estimateAtOrBelow,
  histogramCount,
  histogramQuantile,
  isExactBound,
  mergeEncodedInto,
  mergeHistogramInto,
  recordLatency,
} from './latency-histogram.js';
export type { LatencyHistogram, ReadonlyLatencyHistogram } from './latency-histogram.js';
export {
  FAILURE_TIER_BOUNDS,
  RESPONSE_TIER_BOUNDS_MS,
  classifyFailureRatio,
  classifyFailures,
  classifyResponseTime,
  computeTierCounts,
} from './response-tiers.js';
export type { FailureTier, ResponseTier, TierCounts } from './response-tiers.js';
export { isKnownTimeZone, startOfHour, startOfMinute, startOfZonedDay, zoneOffsetMs } from './calendar.js';
export {
  MAX_SCORE,
  MIN_SCORE,
  findThresholdProblems,
  rollUpScores,
  scoreApdex,
  scoreValue,
} from './tolerance-score.js';
export type {
  IndicatorDirection,
  Interpolation,
  RolledUpScore,
  ScoreThresholds,
  ScoredPart,
} from './tolerance-score.js';
export { DEFAULT_RUNNING_INDEX_OPTIONS, capabilityIndex, runningIndex } from './capacity-indices.js';
export type { CapabilityInput, CpuSample, RunningIndex, RunningIndexOptions } from './capacity-indices.js';
export { FormulaError, compileFormula } from './indicator-formula.js';
export type {
  CompiledFormula,
  MeasurementCatalog,
  MeasurementKind,
  MeasurementValues,
} from './indicator-formula.js';
export {
  baselineAt,
  deviationFrom,
  hourlyInstants,
  learnBaseline,
  profileSlotOf,
} from './learned-baseline.js';
export type { BaselineBand, DayClass, Deviation, LearnedBaseline, ProfileSlot } from './learned-baseline.js';
export {
  DEFAULT_FAMILY_WEIGHTS,
  SAMPLES_MEASUREMENT,
  scoreKpi,
  scoreService,
  volumeWeightedScore,
} from './service-scoring.js';
export type {
  KpiScore,
  KpiStatus,
  KqiScore,
  ScoringIndicator,
  ServiceScore,
  ServiceScoringPolicy,
  VolumePart,
  VolumeWeightedScore,
} from './service-scoring.js';
