import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const MISSING_CONSOLE_PAGE = `<!doctype html><meta charset="utf-8"><title>Ganzhi</title>
<p>The console is not built. Run <code>npm run build</code> (or <code>npm start</code>), then reload.</p>`;

/**
 * Serves the built console at `/`. Unknown non-API GET paths get index.html so client-side routes survive reloads.
 */
export async function registerConsole(app: FastifyInstance, consoleDir: string): Promise<void> {
  const hasConsole = existsSync(join(consoleDir, 'index.html'));
  await app.register(async (scope) => {
    // The console's own files are public (the login page must load): every route of this scope is marked so,
    // including the ones @fastify/static adds.
    scope.addHook('onRoute', (route) => {
      route.config = { ...(route.config ?? {}), access: 'public' };
    });
    if (hasConsole)
      await scope.register(fastifyStatic, { root: consoleDir, wildcard: false, index: 'index.html' });
    scope.get('/*', { schema: { hide: true } }, (request, reply) => {
      if (request.url.startsWith('/api/')) return reply.callNotFound();
      if (!hasConsole) return reply.type('text/html').send(MISSING_CONSOLE_PAGE);
      return reply.sendFile('index.html');
    });
  });
}
