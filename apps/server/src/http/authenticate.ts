import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RouteAccess } from '@ganzhi/contracts';
import { ForbiddenError, UnauthenticatedError, type Clock, type Logger } from '@ganzhi/runtime';
import type { Actor, AuthService, RequestContext } from '../modules/auth/index.js';
import { hasPermission, regionGrantOf, type RegionGrant } from '../modules/auth/index.js';
import { assertProvinceWide, type RegionScope } from '../modules/dimensions/index.js';
import { checkSameOrigin, type OriginPolicy } from './same-origin.js';

export const SESSION_COOKIE = 'ganzhi_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set for every route whose access is not `public`. */
    actor: Actor | null;
    /** The verb context of this request (actor, request id, clock, logger); null on public routes. */
    ctx: RequestContext | null;
  }
  interface FastifyContextConfig {
    /**
     * Who may call the route: a permission (`checks:write`), any signed-in user or token (`authenticated`), an
     * enrolled agent (`agent`), or anyone (`public`). Every route declares one; the server refuses to start
     * otherwise.
     */
    access?: RouteAccess;
    /**
     * How the route's state changes reach the audit log: `request` (default for unsafe methods: the route,
     * before/after and the request), `service` (the service verb records its own entry), `none` (data ingestion,
     * counted elsewhere).
     */
    audit?: 'request' | 'service' | 'none';
    /**
     * `province`: the route changes data that belongs to the whole province (the service model, indicators,
     * baselines, users …), so actors bound to some regions are refused whatever their permissions.
     */
    scope?: 'province';
  }
}

export interface AccessControlDeps {
  readonly auth: AuthService;
  /** Verifies an agent credential; null for unknown or revoked ones. */
  readonly authenticateAgent: (
    credential: string,
  ) => Promise<{ id: string; name: string; location: string } | null>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly origin: OriginPolicy;
  /** The regions a grant covers (a grant naming the province covers everything). */
  readonly regionScope: (grant: RegionGrant) => Promise<RegionScope>;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
}

async function resolveActor(
  request: FastifyRequest,
  deps: AccessControlDeps,
  access: RouteAccess,
): Promise<Actor | null> {
  const bearer = bearerOf(request);
  const client = { requestId: request.id, clientAddress: request.ip };
  if (access === 'agent') {
    const agent = bearer ? await deps.authenticateAgent(bearer) : null;
    return agent ? { kind: 'agent', agentId: agent.id, name: agent.name, location: agent.location } : null;
  }
  if (bearer !== undefined) return deps.auth.actorFromBearer({ token: bearer, client });
  const session = request.cookies[SESSION_COOKIE];
  if (!session) return null;
  // A cookie rides along on cross-site requests; changes need proof that the page making them is ours.
  if (UNSAFE_METHODS.has(request.method)) checkSameOrigin(request, deps.origin);
  return deps.auth.actorFromSession({ sessionToken: session });
}

/**
 * Every route declares its access (`config.access`); a route without one stops the server at start, so a
 * forgotten declaration fails the test suite instead of opening a hole. On each request the actor is resolved
 * (bearer token, session cookie or agent credential) and the declared permission checked before the body is read;
 * refusals are audited.
 */
export function registerAccessControl(app: FastifyInstance, deps: AccessControlDeps): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('ctx', null);
  const routes: { method: string | string[]; url: string; options: { config?: { access?: RouteAccess } } }[] =
    [];
  app.addHook('onRoute', (route) => {
    routes.push({ method: route.method, url: route.url, options: route });
  });
  app.addHook('onReady', (done) => {
    const undeclared = routes.filter((route) => !route.options.config?.access);
    const names = undeclared.map((r) => `${String(r.method)} ${r.url}`).join(', ');
    done(undeclared.length > 0 ? new Error(`routes without an access declaration: ${names}`) : undefined);
  });
  app.addHook('onRequest', async (request) => {
    if (!request.routeOptions.url) return;
    const access = request.routeOptions.config.access;
    if (access === 'public') {
      if (UNSAFE_METHODS.has(request.method) && !bearerOf(request)) checkSameOrigin(request, deps.origin);
      return;
    }
    if (!access) throw new ForbiddenError('this route declares no access');
    const actor = await resolveActor(request, deps, access);
    if (!actor) throw new UnauthenticatedError();
    request.actor = actor;
    const ctx: RequestContext = {
      actor,
      requestId: request.id,
      clientAddress: request.ip,
      clock: deps.clock,
      logger: deps.logger.child({ requestId: request.id }),
    };
    request.ctx = ctx;
    if (access === 'user' && actor.kind !== 'user')
      throw new ForbiddenError('only a signed-in user may do this, not a token');
    if (access === 'authenticated' || access === 'agent' || access === 'user') {
      if (actor.kind === 'agent' && access !== 'agent')
        throw new ForbiddenError('agents use /agent routes only');
      return;
    }
    if (request.routeOptions.config.scope === 'province') {
      const grant = regionGrantOf(actor);
      if (grant !== null) assertProvinceWide(await deps.regionScope(grant), 'this');
    }
    // The refusal is audited with every other 403 (http/audit-requests.ts).
    if (!hasPermission(actor, access))
      throw new ForbiddenError(`this needs the permission ${access}`, {
        reason: 'permission_required',
        params: { permission: access },
      });
  });
}

/** `/api/v1/checks/:id/runs` → `checks`. */
export function resourceOf(url: string): string {
  return url.replace(/^\/api\/v1\//, '').split('/')[0] ?? url;
}

/** The actor of an authenticated route (set by the hook above; absent only on public routes). */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new UnauthenticatedError();
  return request.actor;
}

/** The verb context of an authenticated route. */
export function contextOf(request: FastifyRequest): RequestContext {
  if (!request.ctx) throw new UnauthenticatedError();
  return request.ctx;
}
