import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditEventSchema, auditQuerySchema } from '@ganzhi/contracts';
import type { AuditService } from './audit-service.js';

export function auditRoutes(audit: AuditService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/audit-events',
      {
        config: { access: 'audit:read' },
        schema: {
          tags: ['audit'],
          summary: 'The audit log, newest first; `next` is the cursor for the following page (`before=`)',
          querystring: auditQuerySchema,
          response: { 200: z.object({ items: z.array(auditEventSchema), next: z.string().nullable() }) },
        },
      },
      async (request) => audit.listEvents({ query: request.query }),
    );
    await Promise.resolve();
  };
}
