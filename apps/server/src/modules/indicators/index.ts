// Indicators: the layered indicator catalogue (built-in and custom definitions), the score evaluator that stores
// snapshots per service × region, channel, business and region, and the overview, drill-down and ranking reads.
export { createIndicatorService } from './indicator-service.js';
export type { IndicatorService } from './indicator-service.js';
export { indicatorRoutes } from './indicator-routes.js';
export { createScoreEvaluator } from './score-evaluator.js';
export type { ScoreEvaluator, EvaluationResult } from './score-evaluator.js';
export { createScoreService } from './score-service.js';
export type { ScoreService } from './score-service.js';
export { scoreRoutes } from './score-routes.js';
export { deleteSnapshotsBefore } from './score-repository.js';
export { BUILTIN_INDICATORS } from './catalogue/index.js';
export { ingestExternal, readExternalWindow } from './external-measurements.js';
