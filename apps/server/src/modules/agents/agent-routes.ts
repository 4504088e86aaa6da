import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { agentSchema, listOf } from '@ganzhi/contracts';
import type { DatabaseSchema } from '../../db/schema.js';
import { listAgents } from './agent-repository.js';

export function agentRoutes(deps: { db: Kysely<DatabaseSchema>; now: () => number }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/agents',
      {
        schema: {
          tags: ['agents'],
          summary: 'Probe agents and their health',
          response: { 200: listOf(agentSchema) },
        },
      },
      async () => ({ items: await listAgents(deps.db, deps.now()) }),
    );
    await Promise.resolve();
  };
}
