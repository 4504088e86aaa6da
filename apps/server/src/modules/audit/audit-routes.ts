import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditPageSchema, auditQuerySchema } from '@ganzhi/contracts';
import type { AuditService } from './audit-service.js';

export function auditRoutes(audit: AuditService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/audit-events',
      {
        config: { access: 'audit:read' },
        schema: {
          tags: ['audit'],
          summary:
            'The audit log, newest first (sort at:asc for oldest first), filtered; a page, its total and the cursor of the next',
          querystring: auditQuerySchema,
          response: { 200: auditPageSchema },
        },
      },
      async (request) => audit.listEvents({ query: request.query }),
    );
    await Promise.resolve();
  };
}
