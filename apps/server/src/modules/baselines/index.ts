// Baselines: SLA and load-test values, frozen baseline versions and learned profiles (by hour and kind of day, with
// month-end and month-start days apart), compared with what a service does now.
export { createBaselineService, metricOf } from './baseline-service.js';
export type { BaselineService } from './baseline-service.js';
export { baselineRoutes } from './baseline-routes.js';
