// Dimensions: channels, businesses (with SLA baselines) and the region tree that checks and records refer to.
export { createDimensionService } from './dimension-service.js';
export type { DimensionService, DimensionReferences } from './dimension-service.js';
export { dimensionRoutes } from './dimension-routes.js';
export { DEFAULT_DIMENSIONS } from './default-dimensions.js';
