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
  if (hasConsole) {
    await app.register(fastifyStatic, { root: consoleDir, wildcard: false, index: 'index.html' });
  }
  app.get('/*', { config: { public: true }, schema: { hide: true } }, (request, reply) => {
    if (request.url.startsWith('/api/')) {
      return reply.callNotFound();
    }
    if (!hasConsole) return reply.type('text/html').send(MISSING_CONSOLE_PAGE);
    return reply.sendFile('index.html');
  });
}
