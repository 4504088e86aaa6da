import type { FastifyRequest } from 'fastify';
import { ForbiddenError } from '@ganzhi/runtime';

/** The product's own origin: `GANZHI_PUBLIC_URL` when set, else the request's own host. */
export interface OriginPolicy {
  /** `https://ganzhi.example.com` (no path), or null to trust the request's Host header. */
  readonly publicOrigin: string | null;
}

function originOfRequest(request: FastifyRequest, policy: OriginPolicy): string | null {
  if (policy.publicOrigin) return policy.publicOrigin;
  const host = request.headers.host;
  if (!host) return null;
  try {
    return new URL(`${request.protocol}://${host}`).origin;
  } catch {
    return null;
  }
}

/**
 * OWASP's standard-header defence against cross-site request forgery: an unsafe request made with the session
 * cookie must come from the product's own origin, as the browser's `Origin` header says, or — where a browser sends
 * none — `Sec-Fetch-Site: same-origin`. A request with neither header is not from a modern browser acting for a
 * page, but a cookie-bearing one is refused all the same: scripts use bearer tokens.
 */
export function checkSameOrigin(request: FastifyRequest, policy: OriginPolicy): void {
  const origin = request.headers.origin;
  const expected = originOfRequest(request, policy);
  if (typeof origin === 'string' && origin !== 'null') {
    let given: string | null = null;
    try {
      given = new URL(origin).origin;
    } catch {
      given = null;
    }
    if (given !== null && given === expected) return;
    throw new ForbiddenError(
      `cross-site request refused: origin ${origin} is not ${expected ?? 'this server'}`,
    );
  }
  const site = request.headers['sec-fetch-site'];
  if (site === 'same-origin') return;
  if (request.cookies['ganzhi_session'] === undefined && site === undefined) return;
  throw new ForbiddenError('cross-site request refused: no Origin header from this server');
}
