import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { dimensionsSchema } from '@ganzhi/contracts';
import type { DimensionService } from './dimension-service.js';

export function dimensionRoutes(service: DimensionService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/dimensions',
      {
        schema: {
          tags: ['dimensions'],
          summary: 'Channels, businesses and regions',
          response: { 200: dimensionsSchema },
        },
      },
      () => service.listDimensions(),
    );
    await Promise.resolve();
  };
}
