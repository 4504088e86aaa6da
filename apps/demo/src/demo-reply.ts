/** Stable error codes of the demo back end; tests and probes assert on them. */
export type DemoErrorCode =
  | 'BAD_JSON'
  | 'PAYLOAD_TOO_LARGE'
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'METHOD_NOT_ALLOWED'
  | 'INJECTED_FAULT'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL';

/** What a route answers; the server adds the request id and serialises it. */
export type DemoReply = { readonly status: number; readonly headers?: Readonly<Record<string, string>> } & (
  | { readonly json: unknown }
  | { readonly html: string }
  | { readonly error: { readonly code: DemoErrorCode; readonly message: string } }
);

/** @example jsonReply({ status: 'ok' }) // { status: 200, json: { status: 'ok' } } */
export function jsonReply(json: unknown, status = 200): DemoReply {
  return { status, json };
}

/** @example errorReply(400, 'VALIDATION', 'phone must be 11 digits') */
export function errorReply(status: number, code: DemoErrorCode, message: string): DemoReply {
  return { status, error: { code, message } };
}

/**
 * 303 See Other to `location`: after a form post the browser follows it with a GET (post/redirect/get), so a
 * reload does not submit the form twice.
 *
 * @example redirectReply('/webhall/account', { 'set-cookie': 'session=…' })
 */
export function redirectReply(location: string, headers: Readonly<Record<string, string>> = {}): DemoReply {
  return { status: 303, headers: { ...headers, location }, html: '' };
}
