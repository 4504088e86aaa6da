// Quality: pure domain math (histograms, tiers, 1–5 tolerance scores and roll-ups, capacity indices). No I/O.
export {
  LATENCY_BUCKET_BOUNDS_MS,
  LATENCY_BUCKET_COUNT,
  bucketIndexOf,
  countAtOrBelow,
  createHistogram,
  estimateAtOrBelow,
  histogramCount,
  histogramQuantile,
  mergeHistogramInto,
  recordLatency,
} from './latency-histogram.js';
export type { LatencyHistogram } from './latency-histogram.js';
export { RESPONSE_TIER_BOUNDS_MS, classifyFailureRatio, computeTierCounts } from './response-tiers.js';
export type { FailureTier, TierCounts } from './response-tiers.js';
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
