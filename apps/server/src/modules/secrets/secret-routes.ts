import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  secretListQuerySchema,
  secretNameSchema,
  secretPageSchema,
  storedSecretInputSchema,
} from '@ganzhi/contracts';
import { contextOf } from '../../http/authenticate.js';
import type { SecretService } from './secret-service.js';

const tags = ['secrets'];
const nameParams = z.object({ name: secretNameSchema });

export function secretRoutes(secrets: SecretService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/secrets',
      {
        config: { access: 'secrets:use' },
        schema: {
          tags,
          summary:
            'Probe secrets by name (stored and from the environment; sort name or updatedAt), filtered by text (name or description) and source; a page, its total and the cursor of the next. Values are never returned',
          querystring: secretListQuerySchema,
          response: { 200: secretPageSchema },
        },
      },
      async (request) => secrets.listSecretPage({ query: request.query }),
    );
    app.put(
      '/secrets/:name',
      {
        config: { access: 'secrets:manage', audit: 'service', scope: 'province' },
        schema: {
          tags,
          summary: 'Store or replace a probe secret (sealed with AES-256-GCM)',
          params: nameParams,
          body: storedSecretInputSchema,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await secrets.putSecret({ ctx: contextOf(request), name: request.params.name, input: request.body });
        return reply.status(204).send(null);
      },
    );
    app.delete(
      '/secrets/:name',
      {
        config: { access: 'secrets:manage', audit: 'service', scope: 'province' },
        schema: {
          tags,
          summary: 'Delete a stored probe secret',
          params: nameParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await secrets.deleteSecret({ ctx: contextOf(request), name: request.params.name });
        return reply.status(204).send(null);
      },
    );
    await Promise.resolve();
  };
}
