import type { FastifyInstance, FastifyRequest } from 'fastify';
import { UnauthenticatedError } from '@ganzhi/runtime';
import type { Actor, AuthService } from '../modules/auth/index.js';

export const SESSION_COOKIE = 'ganzhi_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set for every route not marked `config: { public: true }`. */
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Routes reachable without an actor: health, metrics, login, the console's static files. */
    public?: boolean;
  }
}

/** Resolves the caller from a bearer token or the session cookie; anything else is refused. */
async function resolveActor(request: FastifyRequest, auth: AuthService): Promise<Actor | null> {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer '))
    return auth.actorFromBearer({ token: header.slice('Bearer '.length).trim() });
  const session = request.cookies[SESSION_COOKIE];
  return session ? auth.actorFromSession({ sessionToken: session }) : null;
}

/** Every route is authenticated unless it says otherwise: a forgotten flag fails closed, not open. */
export function registerAuthentication(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.public === true || !request.routeOptions.url) return;
    const actor = await resolveActor(request, auth);
    if (!actor) throw new UnauthenticatedError();
    request.actor = actor;
  });
}

/** The actor of an authenticated route (set by the hook above; absent only on public routes). */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new UnauthenticatedError();
  return request.actor;
}
