import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  dimensionKindSchema,
  dimensionsInputSchema,
  dimensionsSchema,
  serviceListQuerySchema,
  servicePageSchema,
} from '@ganzhi/contracts';
import type { DimensionService } from './dimension-service.js';

const tags = ['dimensions'];

export function dimensionRoutes(service: DimensionService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/dimensions',
      {
        config: { access: 'dimensions:read' },
        schema: {
          tags,
          summary: 'Channels, businesses, regions, segments, systems and aliases',
          response: { 200: dimensionsSchema },
        },
      },
      () => service.listDimensions(),
    );
    app.put(
      '/dimensions',
      {
        config: { access: 'dimensions:write', scope: 'province' },
        schema: {
          tags,
          summary:
            'Create or update dimension values by code (any subset); aliases map source spellings to codes',
          body: dimensionsInputSchema,
          response: { 200: dimensionsSchema },
        },
      },
      async (request) => {
        await service.applyDimensions(request.body);
        return service.listDimensions();
      },
    );
    app.delete(
      '/dimensions/aliases/:kind/:alias',
      {
        config: { access: 'dimensions:write', scope: 'province' },
        schema: {
          tags,
          summary: 'Remove an alias',
          params: z.object({ kind: dimensionKindSchema, alias: z.string().min(1) }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await service.removeAlias(request.params);
        return reply.code(204).send(null);
      },
    );
    app.get(
      '/services',
      {
        config: { access: 'dimensions:read' },
        schema: {
          tags,
          summary:
            'Services (business × channel) that have probe or transaction measurements, by business then channel (sort business or channel), filtered by business, channel and source; a page, its total and the cursor of the next',
          querystring: serviceListQuerySchema,
          response: { 200: servicePageSchema },
        },
      },
      async (request) => service.listServicePage({ query: request.query }),
    );
    await Promise.resolve();
  };
}
