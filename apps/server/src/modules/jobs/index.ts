// Jobs: periodic background work (rollup compaction, retention, session pruning).
export { PeriodicJob } from './periodic-job.js';
export type { PeriodicJobOptions } from './periodic-job.js';
export { retentionCutoffs } from './retention.js';
export type { RetentionPolicy } from './retention.js';
