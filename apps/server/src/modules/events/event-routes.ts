import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { platformEventListQuerySchema, platformEventPageSchema } from '@ganzhi/contracts';
import type { EventService } from './event-service.js';

export function eventRoutes(events: EventService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/events',
      {
        config: { access: 'events:read' },
        schema: {
          tags: ['events'],
          summary:
            'Platform events (agent down/recovered, dropped backlogs …), newest first (sort at:asc for oldest first), filtered; a page, its total and the cursor of the next',
          querystring: platformEventListQuerySchema,
          response: { 200: platformEventPageSchema },
        },
      },
      async (request) => events.listEventPage({ query: request.query }),
    );
    await Promise.resolve();
  };
}
