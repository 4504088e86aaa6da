// Series: rollup storage (minute → hour → day), late-data re-aggregation and history queries.
export { createSeriesService, aggregateSamples } from './series-service.js';
export type { SeriesService, SeriesSample, SeriesDescriptor, CheckSeriesQuery } from './series-service.js';
export { compactDirtyRollups, compactDirtyRollupsWithin } from './rollup-compaction.js';
export type { CompactOptions, CompactRoundOptions, CompactRoundResult } from './rollup-compaction.js';
export { addToRollups, deleteRollupsBefore, queryBuckets } from './rollup-repository.js';
export type { RollupBucket, RollupDelta } from './rollup-repository.js';
export { resolveSeriesRange } from './series-range.js';
export { queryGroupedBuckets, sumByServiceRegion } from './rollup-repository.js';
export type {
  GroupedBucketQuery,
  GroupedBucket,
  ServiceRegionSum,
  ServiceSumQuery,
} from './rollup-repository.js';
