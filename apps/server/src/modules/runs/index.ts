// Runs: stored check executions (idempotent by id), each folded into its series' rollups as it is stored.
export { createRunService, checkSeriesKey } from './run-service.js';
export type { ArtifactContent } from './artifact-repository.js';
export type { RunService, RecentRunStats, RunToRecord } from './run-service.js';
export { artifactHeaders } from './artifact-headers.js';
