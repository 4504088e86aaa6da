import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import fastifyStatic, { type SetHeadersResponse } from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const MISSING_CONSOLE_PAGE = `<!doctype html><meta charset="utf-8"><title>Ganzhi</title>
<p>The console is not built. Run <code>npm run build</code> (or <code>npm start</code>), then reload.</p>`;

/** Vite names every file it writes under assets/ after its content, so a URL there never changes meaning. */
const HASHED_ASSETS_PREFIX = '/assets/';
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current hashed files: browsers revalidate it (ETag) on every load. */
const REVALIDATE = 'no-cache';

/**
 * Serves the built console at `/`. Unknown non-API GET paths get index.html so client-side routes survive reloads;
 * unknown `/assets/…` paths are a 404, so a stale chunk name fails as a missing script instead of loading HTML.
 *
 * The console's build writes `.br` and `.gz` files beside each asset (apps/console/vite.config.ts); they are sent
 * by `Accept-Encoding` (brotli, then gzip, then the file itself), so nothing is compressed per request.
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
      await scope.register(fastifyStatic, {
        root: consoleDir,
        wildcard: false,
        // An array: with preCompressed, @fastify/static finds a directory's index only in a list (a string 404s).
        index: ['index.html'],
        preCompressed: true,
        // The compressed variants stand in for their original; they get no URL of their own.
        globIgnore: ['**/*.br', '**/*.gz'],
        // Set per file below: `send` would give every file the same max-age.
        cacheControl: false,
        setHeaders: (response, path) => setCachingHeaders(response, urlPathOf(consoleDir, path)),
      });
    scope.get('/*', { schema: { hide: true } }, (request, reply) => {
      if (request.url.startsWith('/api/') || request.url.startsWith(HASHED_ASSETS_PREFIX))
        return reply.callNotFound();
      if (!hasConsole) return reply.type('text/html').send(MISSING_CONSOLE_PAGE);
      return reply.sendFile('index.html');
    });
  });
}

/** `/assets/app-1a2b3c4d.js` for the file sent, whichever encoding of it was chosen. */
function urlPathOf(consoleDir: string, filePath: string): string {
  return `/${relative(consoleDir, filePath).split(sep).join('/')}`.replace(/\.(br|gz)$/, '');
}

function setCachingHeaders(response: SetHeadersResponse, urlPath: string): void {
  response.setHeader('cache-control', urlPath.startsWith(HASHED_ASSETS_PREFIX) ? IMMUTABLE : REVALIDATE);
  // Every file may be sent compressed or not, depending on this header: caches must keep them apart.
  response.setHeader('vary', 'accept-encoding');
}
