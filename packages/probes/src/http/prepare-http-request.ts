import type { HttpStep } from '@ganzhi/contracts';

/** The body and the headers it implies: `form` is URL-encoded, `json` serialised; a raw `body` is sent as is. */
export function encodeBody(step: HttpStep): { body: string | undefined; contentType: string | undefined } {
  if (step.form !== undefined) {
    return {
      body: new URLSearchParams(step.form).toString(),
      contentType: 'application/x-www-form-urlencoded',
    };
  }
  if (step.json !== undefined) return { body: JSON.stringify(step.json), contentType: 'application/json' };
  return { body: step.body, contentType: undefined };
}

/** `Authorization` for basic or bearer auth, or undefined. */
export function authorizationOf(step: HttpStep): string | undefined {
  if (!step.auth) return undefined;
  if (step.auth.type === 'bearer') return `Bearer ${step.auth.token}`;
  return `Basic ${Buffer.from(`${step.auth.username}:${step.auth.password}`).toString('base64')}`;
}

/** One request of a step: the first, or one a redirect led to. */
export interface Hop {
  readonly url: URL;
  readonly method: HttpStep['method'];
  readonly body: string | undefined;
  /** Whether any redirect so far left the step's origin (scheme, host and port); it never goes back to false. */
  readonly isCrossOrigin: boolean;
}

/** The headers of a hop that do not come from the step: the body's type, cookies from the flow's jar. */
export interface ImpliedHeaders {
  readonly contentType: string | undefined;
  readonly cookie: string | undefined;
}

/**
 * Header names in lower case, the step's explicit headers winning over the implied ones. Once a redirect has left
 * the step's origin, the step's auth and every header it set stay behind (as curl does for `-H` without
 * `--location-trusted`): any of them may carry a credential or a `{{secrets.…}}` value, and the executor cannot
 * tell which. Jar cookies still go along, as the jar scopes them to the hop's own host.
 */
export function buildHeaders(step: HttpStep, hop: Hop, implied: ImpliedHeaders): Record<string, string> {
  const headers: Record<string, string> = {};
  if (implied.contentType !== undefined) headers['content-type'] = implied.contentType;
  if (implied.cookie !== undefined) headers.cookie = implied.cookie;
  if (hop.isCrossOrigin) return headers;
  const authorization = authorizationOf(step);
  if (authorization !== undefined) headers.authorization = authorization;
  for (const [name, value] of Object.entries(step.headers)) headers[name.toLowerCase()] = value;
  return headers;
}

/** The next hop, or why the redirect is not followed (a `blocked` refusal, or a `protocol` error for bad text). */
export type RedirectDecision =
  | { readonly hop: Hop }
  | { readonly refusal: { readonly errorClass: 'blocked' | 'protocol'; readonly errorMessage: string } };

/**
 * Where a redirect leads and how the next hop is sent (RFC 9110 §15.4: 303, and POST on 301/302, become GET).
 * Only http(s) targets are followed, and https → http only when the step sets `allowInsecureRedirects`: the
 * downgrade would send the request, cookies included, in clear text.
 */
export function nextHop(
  current: Hop,
  response: { readonly status: number; readonly location: string },
  step: Pick<HttpStep, 'allowInsecureRedirects'>,
): RedirectDecision {
  if (!URL.canParse(response.location, current.url.href)) {
    return {
      refusal: { errorClass: 'protocol', errorMessage: 'the redirect has an unreadable Location header' },
    };
  }
  const url = new URL(response.location, current.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { refusal: { errorClass: 'blocked', errorMessage: `redirect to a ${url.protocol} URL refused` } };
  }
  if (current.url.protocol === 'https:' && url.protocol === 'http:' && !step.allowInsecureRedirects) {
    const errorMessage = `redirect from https to http (${url.origin}) refused; allowInsecureRedirects permits it`;
    return { refusal: { errorClass: 'blocked', errorMessage } };
  }
  const isCrossOrigin = current.isCrossOrigin || url.origin !== current.url.origin;
  const becomesGet =
    response.status === 303 ||
    ((response.status === 301 || response.status === 302) && current.method === 'POST');
  return becomesGet
    ? { hop: { url, method: 'GET', body: undefined, isCrossOrigin } }
    : { hop: { url, method: current.method, body: current.body, isCrossOrigin } };
}

/** Response headers flattened to one string each, names in lower case (`set-cookie` joined by newlines). */
export function flattenHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join('\n') : value;
  }
  return flat;
}
