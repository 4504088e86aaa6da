import type { FastifyInstance } from 'fastify';
import type { Metrics } from './metrics.js';

export interface SystemRoutesDeps {
  readonly metrics: Metrics;
  /** Resolves when the database answers; rejects otherwise. */
  readonly pingDatabase: () => Promise<void>;
  readonly isShuttingDown: () => boolean;
}

/** Health, readiness and metrics: the only routes besides login that need no actor. */
export function registerSystemRoutes(app: FastifyInstance, deps: SystemRoutesDeps): void {
  const hide = { hide: true };
  app.get('/healthz', { config: { access: 'public' }, schema: hide }, () => ({ status: 'ok' }));

  app.get('/readyz', { config: { access: 'public' }, schema: hide }, async (_request, reply) => {
    if (deps.isShuttingDown()) return reply.status(503).send({ status: 'shutting_down' });
    try {
      await deps.pingDatabase();
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'database_unavailable' });
    }
  });

  app.get('/metrics', { config: { access: 'public' }, schema: hide }, async (_request, reply) => {
    reply.type(deps.metrics.registry.contentType);
    return deps.metrics.registry.metrics();
  });
}
