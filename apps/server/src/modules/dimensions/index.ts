// Dimensions: channels, businesses (with SLA baselines), the region tree, segments, systems and aliases that checks
// and transaction records refer to; a service is a business × channel.
export { createDimensionService } from './dimension-service.js';
export type { DimensionService, DimensionReferences } from './dimension-service.js';
export type { DimensionResolver } from './dimension-resolver.js';
export { dimensionRoutes } from './dimension-routes.js';
export { DEFAULT_DIMENSIONS } from './default-dimensions.js';
export {
  regionScopeOf,
  WHOLE_PROVINCE,
  narrowRegion,
  assertProvinceWide,
  assertInScope,
} from './region-scope.js';
export type { RegionScope } from './region-scope.js';
