import type { Kysely } from 'kysely';
import type { ResourceIngestResult } from '@ganzhi/contracts';
import type { AddressPolicy } from '@ganzhi/probes';
import type { Clock, Logger } from '@ganzhi/runtime';
import type { DatabaseSchema } from '../../db/schema.js';
import type { DimensionService } from '../dimensions/index.js';
import { createCapacityService } from './capacity-service.js';
import { ResourceScraper } from './resource-scraper.js';
import {
  createResourceSampleService,
  DEFAULT_RESOURCE_SAMPLE_SETTINGS,
  type ResourceSampleSettings,
} from './resource-sample-service.js';
import { createScrapeTargetService } from './scrape-target-service.js';

export interface ResourceServicesDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly timeZone: string;
  readonly dimensions: DimensionService;
  /** Where scrapes may connect (the probes' policy: link-local and metadata addresses denied). */
  readonly addressPolicy: AddressPolicy;
  readonly settings?: ResourceSampleSettings;
  readonly onCommitted?: (result: ResourceIngestResult) => void;
}

/** The resource layer's services, wired together: samples, scrape targets and their scraper, capacity. */
export function createResourceServices(deps: ResourceServicesDeps) {
  const settings = deps.settings ?? DEFAULT_RESOURCE_SAMPLE_SETTINGS;
  const logger = deps.logger.child({ module: 'resources' });
  const samples = createResourceSampleService({
    db: deps.db,
    clock: deps.clock,
    dimensions: deps.dimensions,
    settings,
    ...(deps.onCommitted ? { onCommitted: deps.onCommitted } : {}),
  });
  const scrapeTargets = createScrapeTargetService({
    db: deps.db,
    clock: deps.clock,
    dimensions: deps.dimensions,
    addressPolicy: deps.addressPolicy,
    onChange: () => {
      // Called only after construction, when `scraper` below is initialised.
      scraper.reload().catch((error: unknown) => logger.error({ err: error }, 'scraper reload failed'));
    },
  });
  const scraper = new ResourceScraper({
    clock: deps.clock,
    logger,
    targets: scrapeTargets,
    samples,
    addressPolicy: deps.addressPolicy,
  });
  return {
    samples,
    scrapeTargets,
    scraper,
    capacity: createCapacityService({
      db: deps.db,
      clock: deps.clock,
      timeZone: deps.timeZone,
      dimensions: deps.dimensions,
      minuteRetentionDays: settings.minuteRetentionDays,
    }),
  };
}

export type ResourceServices = ReturnType<typeof createResourceServices>;
