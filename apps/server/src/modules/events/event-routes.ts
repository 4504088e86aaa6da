import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listOf, platformEventSchema } from '@ganzhi/contracts';
import type { EventService } from './event-service.js';

export function eventRoutes(events: EventService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/events',
      {
        config: { access: 'events:read' },
        schema: {
          tags: ['events'],
          summary: 'Platform events, newest first (agent down/recovered, dropped backlogs …)',
          querystring: z.object({
            limit: z.coerce.number().int().min(1).max(1000).default(100),
            subject: z.string().max(200).optional(),
          }),
          response: { 200: listOf(platformEventSchema) },
        },
      },
      async (request) => ({ items: await events.list(request.query) }),
    );
    await Promise.resolve();
  };
}
