import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  baselineComparisonQuerySchema,
  baselineComparisonSchema,
  baselineInputSchema,
  baselineListQuerySchema,
  baselinePageSchema,
  baselineSchema,
  dimensionCodeSchema,
} from '@ganzhi/contracts';
import type { BaselineService } from './baseline-service.js';

const tags = ['baselines'];
const msOf = (value: string | undefined) => (value === undefined ? undefined : Date.parse(value));

export function baselineRoutes(service: BaselineService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/baselines',
      {
        config: { access: 'baselines:read' },
        schema: {
          tags,
          summary:
            'Stored baseline versions and static baselines, newest first (sort createdAt or name), filtered by business, channel, region, metric, kind and text (name); a page, its total and the cursor of the next',
          querystring: baselineListQuerySchema,
          response: { 200: baselinePageSchema },
        },
      },
      async (request) => service.listBaselinePage(request.query),
    );
    app.post(
      '/baselines',
      {
        config: { access: 'baselines:write', scope: 'province' },
        schema: {
          tags,
          summary:
            'Freeze a reference period as a baseline version, or store a static baseline (load test, target)',
          body: baselineInputSchema,
          response: { 201: baselineSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await service.createBaseline(request.body)),
    );
    app.delete(
      '/baselines/:id',
      {
        config: { access: 'baselines:write', scope: 'province' },
        schema: {
          tags,
          summary: 'Delete a stored baseline',
          params: z.object({ id: z.string().min(1).max(64) }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await service.removeBaseline(request.params.id);
        return reply.code(204).send(null);
      },
    );
    app.get(
      '/baselines/services/:business/:channel',
      {
        config: { access: 'baselines:read' },
        schema: {
          tags,
          summary: 'A service now against its learned baseline band, SLA, versions and static baselines',
          params: z.object({ business: dimensionCodeSchema, channel: dimensionCodeSchema }),
          querystring: baselineComparisonQuerySchema,
          response: { 200: baselineComparisonSchema },
        },
      },
      (request) =>
        service.compare({
          ...request.params,
          region: request.query.region ?? null,
          metric: request.query.metric,
          fromMs: msOf(request.query.from),
          toMs: msOf(request.query.to),
        }),
    );
    await Promise.resolve();
  };
}
