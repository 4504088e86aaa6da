// How every command names a server it could not reach: the URL it tried, why in a few words, and what to change.

/** Node's connection error codes, in the words a person fixing `--server` needs. */
const REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  UND_ERR_SOCKET: 'connection closed by the other side',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'timed out connecting',
  UND_ERR_CONNECT_TIMEOUT: 'timed out connecting',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, errors } = error as { code?: unknown; errors?: unknown };
  if (typeof code === 'string') return code;
  // Several addresses tried at once (IPv4 and IPv6 for `localhost`): the first one's failure speaks for all.
  return Array.isArray(errors) ? codeOf(errors[0]) : undefined;
}

/**
 * Why `fetch` got no HTTP answer at all, e.g. `connection refused`. Its own error only says `fetch failed`; the
 * cause (a system error, or one per address tried) says why.
 *
 * @example describeConnectionFailure(new TypeError('fetch failed', { cause: econnrefused })) // 'connection refused'
 */
export function describeConnectionFailure(error: unknown): string {
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
  const code = codeOf(cause);
  if (code !== undefined && REASONS[code]) return REASONS[code];
  if (error instanceof Error && error.name === 'TimeoutError') return 'no answer in time';
  // fetch refuses ports browsers block (9, 25, 6000 …) before trying; its own words are just "bad port".
  if (cause instanceof Error && cause.message === 'bad port') return 'fetch never connects to that port';
  if (cause instanceof Error) return code?.includes('CERT') ? `TLS: ${cause.message}` : cause.message;
  return String(cause);
}

/**
 * The line every command prints when the server cannot be reached.
 *
 * @example unreachableServerMessage('http://127.0.0.1:8080/', error)
 * // 'cannot reach the Ganzhi server at http://127.0.0.1:8080/ (connection refused); set --server or GANZHI_SERVER'
 */
export function unreachableServerMessage(serverUrl: string, error: unknown): string {
  return `cannot reach the Ganzhi server at ${serverUrl} (${describeConnectionFailure(error)}); set --server or GANZHI_SERVER`;
}

/** The server URL as a base for API paths (with its trailing slash), or undefined when it is not an http(s) URL. */
export function serverBaseUrl(server: string): URL | undefined {
  try {
    const url = new URL(server.endsWith('/') ? server : `${server}/`);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** What to print for a `--server` that is no URL at all (`localhost:8080`, which URL parsing takes for a scheme). */
export function invalidServerMessage(server: string): string {
  return `--server "${server}" is not an http(s) URL (write e.g. http://127.0.0.1:8080/); set --server or GANZHI_SERVER`;
}
