import { createApiClient, isApiError, type HttpMethod, type ResponseParser } from '@ganzhi/api-client';
import { output } from '../cli-output.js';
import { invalidServerMessage, serverBaseUrl, unreachableServerMessage } from '../unreachable-server.js';

/** How the CLI reaches a running server. */
export interface ServerAccess {
  readonly server: string;
  readonly token?: string | undefined;
}

/** One field the server refused, as its error envelope names it (`checks.0.steps.1.url`). */
export interface ServerIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * Why a request brought nothing back to use: no token to send, no Ganzhi API answering at that URL, or a refusal
 * (the server's error envelope: status, message and the fields it refused).
 */
export type ServerFailure =
  | { readonly kind: 'no-token'; readonly message: string }
  | { readonly kind: 'unavailable'; readonly message: string }
  | {
      readonly kind: 'refused';
      readonly status: number;
      readonly message: string;
      readonly issues: readonly ServerIssue[];
    };

export type ServerReply<T> =
  { readonly ok: true; readonly body: T } | { readonly ok: false; readonly failure: ServerFailure };

export interface ServerRequest<T> {
  readonly method?: HttpMethod;
  readonly body?: unknown;
  /** Validates the answer: a body it refuses is an answer "not as the Ganzhi API does". */
  readonly parser: ResponseParser<T>;
}

const TOKEN_HELP =
  'an API token is needed: pass --token or set GANZHI_TOKEN (create one with POST /api/v1/tokens while signed in; it is shown once)';

/** What a failed request means to a person at the command line. */
function failureOf(error: unknown, base: URL): ServerFailure {
  if (!isApiError(error)) throw error;
  if (error.code === 'NETWORK' || error.code === 'TIMEOUT')
    return { kind: 'unavailable', message: unreachableServerMessage(base.href, error.cause) };
  if (error.code === 'BAD_RESPONSE') {
    const message = `the server at ${base.href} answered ${error.status}, not as the Ganzhi API does; check --server or GANZHI_SERVER`;
    return { kind: 'unavailable', message };
  }
  return { kind: 'refused', status: error.status, message: error.message, issues: error.details };
}

/**
 * Calls the API with the bearer token and validates the answer with the request's parser. Never throws for the
 * network: every way it can fail is a `ServerFailure`. Reads (GET) are retried on the shared client's backoff.
 */
export async function requestServer<T>(
  access: ServerAccess,
  path: string,
  init: ServerRequest<T>,
): Promise<ServerReply<T>> {
  if (!access.token) return { ok: false, failure: { kind: 'no-token', message: TOKEN_HELP } };
  const base = serverBaseUrl(access.server);
  if (!base)
    return { ok: false, failure: { kind: 'unavailable', message: invalidServerMessage(access.server) } };
  const client = createApiClient({
    baseUrl: base.href,
    headers: () => ({ authorization: `Bearer ${access.token}` }),
  });
  try {
    const body = await client.request(init.method ?? 'GET', path, { body: init.body, parser: init.parser });
    return { ok: true, body };
  } catch (error) {
    return { ok: false, failure: failureOf(error, base) };
  }
}

/** Prints a failure as is (the fields the server named, under its message) and marks the command failed. */
export function reportFailure(failure: ServerFailure): void {
  process.exitCode = 1;
  if (failure.kind !== 'refused') return output.error(failure.message);
  output.error(`server refused (${failure.status}): ${failure.message}`);
  for (const issue of failure.issues) output.error(`  ${issue.path}: ${issue.message}`);
}

/** `requestServer` for commands with nothing to add to a failure: prints it and returns undefined. */
export async function fetchFromServer<T>(
  access: ServerAccess,
  path: string,
  init: ServerRequest<T>,
): Promise<T | undefined> {
  const reply = await requestServer<T>(access, path, init);
  if (reply.ok) return reply.body;
  reportFailure(reply.failure);
  return undefined;
}
