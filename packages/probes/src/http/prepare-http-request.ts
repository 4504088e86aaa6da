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

/** Header names in lower case, a caller's explicit header winning over the implied ones. */
export function buildHeaders(
  step: HttpStep,
  implied: Record<string, string | undefined>,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(implied)) if (value !== undefined) headers[name] = value;
  for (const [name, value] of Object.entries(step.headers)) headers[name.toLowerCase()] = value;
  return headers;
}

/** Where a redirect leads and how the next hop is sent (RFC 9110 §15.4: 303, and POST on 301/302, become GET). */
export function nextHop(
  current: { url: URL; method: HttpStep['method']; body: string | undefined },
  status: number,
  location: string,
): { url: URL; method: HttpStep['method']; body: string | undefined } {
  const url = new URL(location, current.url);
  const becomesGet = status === 303 || ((status === 301 || status === 302) && current.method === 'POST');
  return becomesGet
    ? { url, method: 'GET', body: undefined }
    : { url, method: current.method, body: current.body };
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
