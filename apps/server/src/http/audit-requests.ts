import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuditService } from '../modules/audit/index.js';
import { resourceOf } from './authenticate.js';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Bodies and answers larger than this are summarised by size in the audit log rather than copied into it. */
const MAX_CAPTURED_BYTES = 64 * 1024;

declare module 'fastify' {
  interface FastifyRequest {
    /** The state before a change, read through the route's own GET (when it has one). */
    auditBefore: unknown;
  }
}

function isAudited(request: FastifyRequest): boolean {
  const { config, url } = request.routeOptions;
  return (
    url !== undefined &&
    UNSAFE_METHODS.has(request.method) &&
    config.access !== 'public' &&
    (config.audit ?? 'request') === 'request'
  );
}

function parseJson(payload: unknown): unknown {
  if (typeof payload !== 'string' || payload.length > MAX_CAPTURED_BYTES) return undefined;
  try {
    return JSON.parse(payload) as unknown;
  } catch {
    return undefined;
  }
}

function refusalOf(envelope: unknown): string | undefined {
  const message = (envelope as { error?: { message?: unknown } } | undefined)?.error?.message;
  return typeof message === 'string' ? message : undefined;
}

function idOf(params: unknown): string | null {
  if (!params || typeof params !== 'object') return null;
  const values = Object.values(params as Record<string, unknown>).filter((v) => typeof v === 'string');
  return values.length > 0 ? values.join('/') : null;
}

/**
 * The audit trail of every state change made through the API, without each route writing it: for PUT, PATCH and
 * DELETE the route's own GET (same URL, same credentials) is read first as "before"; the JSON answer (or, failing
 * that, the request body) is "after"; the audit service diffs them with secrets masked. Verbs that record richer
 * entries themselves (users, roles, tokens, logins) declare `audit: 'service'`.
 */
export function registerRequestAudit(app: FastifyInstance, audit: AuditService): void {
  app.decorateRequest('auditBefore', undefined);
  app.addHook('preHandler', async (request) => {
    if (!isAudited(request) || request.method === 'POST') return;
    const url = request.routeOptions.url ?? '';
    if (!app.hasRoute({ method: 'GET', url })) return;
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'cookie'] as const) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const before = await app.inject({ method: 'GET', url: request.url, headers });
    if (before.statusCode === 200) request.auditBefore = parseJson(before.body);
  });
  // Written before the answer leaves, so a client that reads the audit log next already finds the entry.
  app.addHook('onSend', async (request, reply, payload) => {
    const { ctx } = request;
    if (!ctx) return payload;
    const url = (request.routeOptions.url ?? '').replace(/^\/api\/v1/, '');
    const entry = {
      action: `${request.method} ${url}`,
      resource: resourceOf(request.routeOptions.url ?? ''),
      resourceId: idOf(request.params),
    };
    // Every refusal of a known actor is audited, reads included: a permission missing, a region outside the
    // scope, province-wide data changed by a scoped actor, a cross-site request.
    if (reply.statusCode === 403) {
      await audit.record(ctx, { ...entry, outcome: 'denied', detail: refusalOf(parseJson(payload)) });
      return payload;
    }
    if (!isAudited(request) || reply.statusCode >= 300) return payload;
    const body = request.body;
    const size = body === undefined ? 0 : JSON.stringify(body).length;
    const after =
      request.method === 'DELETE'
        ? undefined
        : (parseJson(payload) ?? (size <= MAX_CAPTURED_BYTES ? body : { bodyBytes: size }));
    await audit.record(ctx, { ...entry, before: request.auditBefore, after });
    return payload;
  });
}
