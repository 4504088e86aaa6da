import type { ErrorClass } from '@ganzhi/contracts';
import { errors } from 'playwright-core';

export interface BrowserErrorVerdict {
  readonly errorClass: ErrorClass;
  /** One line, without Playwright's call log and without the URL (which may carry a query string). */
  readonly reason: string;
}

/**
 * Chromium's net error names (net/base/net_error_list.h) as `net::ERR_…` in Playwright's messages, by class.
 * ERR_BLOCKED_BY_CLIENT is our own address guard; ERR_UNSAFE_PORT is Chromium refusing ports such as 25 outright.
 */
const NET_ERROR_CLASSES: readonly (readonly [RegExp, ErrorClass])[] = [
  [/^ERR_(NAME_NOT_RESOLVED|NAME_RESOLUTION_FAILED|DNS_)/, 'dns'],
  [/^ERR_CONNECTION_REFUSED$/, 'connect_refused'],
  [/^ERR_(CONNECTION_RESET|CONNECTION_CLOSED|CONNECTION_ABORTED|EMPTY_RESPONSE)$/, 'connect_reset'],
  [/^ERR_(ADDRESS_UNREACHABLE|INTERNET_DISCONNECTED|NETWORK_CHANGED|ADDRESS_INVALID)$/, 'host_unreachable'],
  [/^ERR_(CONNECTION_TIMED_OUT|TIMED_OUT)$/, 'timeout'],
  [/^ERR_(CERT_|SSL_|BAD_SSL_|TLS_)/, 'tls'],
  [/^ERR_(BLOCKED_BY_CLIENT|UNSAFE_PORT|BLOCKED_BY_ADMINISTRATOR)$/, 'blocked'],
  [
    /^ERR_(INVALID_HTTP_RESPONSE|RESPONSE_HEADERS_|INVALID_CHUNKED_ENCODING|CONTENT_LENGTH_MISMATCH|HTTP2_)/,
    'protocol',
  ],
];

const NET_ERROR_PATTERN = /net::(ERR_[A-Z0-9_]+)/;
const MAX_REASON_CHARS = 300;

/**
 * Maps what a Playwright call threw to the error class a run records. Playwright's TimeoutError is `timeout`;
 * Chromium's net errors are classed by name; anything else (a malformed selector, a crashed page) is `internal`.
 *
 * @example classifyBrowserError(new Error('page.goto: net::ERR_CONNECTION_REFUSED at http://a/')).errorClass // 'connect_refused'
 */
export function classifyBrowserError(error: unknown): BrowserErrorVerdict {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof errors.TimeoutError) return { errorClass: 'timeout', reason: firstLine(message) };
  const netError = NET_ERROR_PATTERN.exec(message)?.[1];
  if (netError !== undefined) {
    const match = NET_ERROR_CLASSES.find(([pattern]) => pattern.test(netError));
    return { errorClass: match?.[1] ?? 'internal', reason: `net::${netError}` };
  }
  return { errorClass: 'internal', reason: firstLine(message) };
}

function firstLine(message: string): string {
  const line = (message.split('\n')[0] ?? '').trim();
  return line.length > MAX_REASON_CHARS ? `${line.slice(0, MAX_REASON_CHARS)}…` : line;
}
