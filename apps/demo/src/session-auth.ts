import type { DemoAccounts } from './demo-accounts.js';
import { errorReply, type DemoReply } from './demo-reply.js';
import { parsePhone, readSessionToken } from './request-fields.js';
import type { DemoRequest } from './route-table.js';

/** Either the subscriber's phone or the reply that refuses the request. */
export type PhoneResolution = { readonly phone: string } | { readonly reply: DemoReply };

const PHONE_MESSAGE = 'phone must be an 11-digit mobile number';

/**
 * The session cookie set at login. `HttpOnly` and `SameSite=Lax` as a real hall would set it; no `Secure`, as the
 * demo is also served over plain HTTP.
 */
export function formatSessionCookie(token: string): string {
  return `session=${token}; Path=/; HttpOnly; SameSite=Lax`;
}

/**
 * The phone a customer request is about: the one it names, else the session's (cookie or bearer token). A
 * forged or expired session is refused with 401 even when a phone is named, as the real halls do.
 *
 * @example resolvePhone(accounts, request, request.query.get('phone')) // { phone: '13907310001' }
 */
export function resolvePhone(accounts: DemoAccounts, request: DemoRequest, named: unknown): PhoneResolution {
  const token = readSessionToken(request.headers);
  const sessionPhone = token === null ? undefined : accounts.findSession(token);
  if (token !== null && sessionPhone === undefined) {
    return { reply: errorReply(401, 'UNAUTHENTICATED', 'the session has expired; log in again') };
  }
  if (named !== undefined && named !== null && named !== '') {
    const phone = parsePhone(named);
    return phone === null ? { reply: errorReply(400, 'VALIDATION', PHONE_MESSAGE) } : { phone };
  }
  if (sessionPhone !== undefined) return { phone: sessionPhone };
  return { reply: errorReply(400, 'VALIDATION', `${PHONE_MESSAGE} (or log in first)`) };
}

/** The phone of a valid session; 401 without one. For APIs that only serve the logged-in customer (the app). */
export function requireSessionPhone(accounts: DemoAccounts, request: DemoRequest): PhoneResolution {
  const token = readSessionToken(request.headers);
  const phone = token === null ? undefined : accounts.findSession(token);
  if (phone === undefined) return { reply: errorReply(401, 'UNAUTHENTICATED', 'log in first') };
  return { phone };
}
