// Checks: active probe definitions (flows of steps) with their schedule, dimensions and locations.
export { createCheckService } from './check-service.js';
export type { CheckService, AppliedCheck, PlannedCheck } from './check-service.js';
export { checkRoutes } from './check-routes.js';
export { recordLatestRuns } from './latest-run-repository.js';
