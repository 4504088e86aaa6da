// Resources: per-minute CPU, storage, pool, link and host metrics per system and host (pushed or scraped from
// Prometheus), and the capacity indices computed from them (running index, capability index).
export { createResourceServices } from './resource-services.js';
export type { ResourceServices, ResourceServicesDeps } from './resource-services.js';
export { DEFAULT_RESOURCE_SAMPLE_SETTINGS } from './resource-sample-service.js';
export type { ResourceSampleService, ResourceSampleSettings } from './resource-sample-service.js';
export type { ResourceSample } from './resource-records.js';
export { ResourceScraper } from './resource-scraper.js';
export type { CapacityService } from './capacity-service.js';
export type { ScrapeTargetService } from './scrape-target-service.js';
export { resourceRoutes } from './resource-routes.js';
export type { ResourceRouteOptions } from './resource-routes.js';
export { readSystemMeasurements } from './system-measurements.js';
