import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  indicatorInputSchema,
  indicatorListQuerySchema,
  indicatorPageSchema,
  indicatorResetSchema,
  indicatorSchema,
  measurementIngestResultSchema,
  type MeasurementIngestResult,
} from '@ganzhi/contracts';
import { MEASUREMENT_CATALOGS } from './catalogue/index.js';
import type { IndicatorService } from './indicator-service.js';

export interface IndicatorRouteDeps {
  readonly service: IndicatorService;
  /** Stores values reported for the external indicators (valid records kept, each bad one named). */
  readonly ingestExternal: (records: readonly unknown[]) => Promise<MeasurementIngestResult>;
}

const tags = ['indicators'];
/** The names a formula may use per source, with their kind (`number` or `histogram`). */
const MEASUREMENTS_BY_SOURCE = Object.fromEntries(
  Object.entries(MEASUREMENT_CATALOGS).map(([source, catalog]) => [
    source,
    Object.entries(catalog).map(([name, kind]) => ({ name, kind })),
  ]),
);

const idParams = z.object({ id: z.string().min(1).max(64) });

export function indicatorRoutes(deps: IndicatorRouteDeps): FastifyPluginAsyncZod {
  const { service } = deps;
  return async (app) => {
    app.get(
      '/indicators',
      {
        config: { access: 'indicators:read' },
        schema: {
          tags,
          summary:
            'Indicator definitions (layer, dimension, KQI family, formula, unit and thresholds) in catalogue order (sort catalogue, id, layer or family), filtered by layer, family, source, dimension, builtin, enabled and text (id, name or formula); a page, its total and the cursor of the next',
          querystring: indicatorListQuerySchema,
          response: { 200: indicatorPageSchema },
        },
      },
      async (request) => service.listIndicatorPage({ query: request.query }),
    );
    app.get(
      '/indicators/:id',
      {
        config: { access: 'indicators:read' },
        schema: {
          tags,
          summary: 'One indicator definition',
          params: idParams,
          response: { 200: indicatorSchema },
        },
      },
      (request) => service.getIndicator(request.params.id),
    );
    app.put(
      '/indicators/:id',
      {
        config: { access: 'indicators:write', scope: 'province' },
        schema: {
          tags,
          summary:
            'Create or replace an indicator (a built-in is overridden); formula and thresholds are checked',
          params: idParams,
          body: indicatorInputSchema,
          response: { 200: indicatorSchema },
        },
      },
      (request) => service.saveIndicator({ id: request.params.id, definition: request.body }),
    );
    app.delete(
      '/indicators/:id',
      {
        config: { access: 'indicators:write', scope: 'province' },
        schema: {
          tags,
          summary: 'Delete a custom indicator, or reset a built-in to its shipped definition',
          params: idParams,
          response: { 200: indicatorResetSchema },
        },
      },
      (request) => service.removeIndicator(request.params.id),
    );
    app.get(
      '/indicators/measurements',
      {
        config: { access: 'indicators:read' },
        schema: {
          tags,
          summary: 'The measurements a formula may use, per source',
          response: {
            200: z.record(z.string(), z.array(z.object({ name: z.string(), kind: z.string() }))),
          },
        },
      },
      () => MEASUREMENTS_BY_SOURCE,
    );
    app.post(
      '/measurements',
      {
        config: { access: 'measurements:write', audit: 'none' },
        schema: {
          tags,
          summary:
            'Report values for the external indicators (counters and gauges per business, channel, region)',
          body: z.array(z.unknown()).max(10_000),
          response: { 200: measurementIngestResultSchema },
        },
      },
      (request) => deps.ingestExternal(request.body),
    );
    await Promise.resolve();
  };
}
