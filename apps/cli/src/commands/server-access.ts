import { errorEnvelopeSchema } from '@ganzhi/contracts';
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

export interface ServerRequest {
  readonly method?: string;
  readonly body?: unknown;
}

const TOKEN_HELP =
  'an API token is needed: pass --token or set GANZHI_TOKEN (create one with POST /api/v1/tokens while signed in; it is shown once)';

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Calls the API with the bearer token. Never throws for the network: every way it can fail is a `ServerFailure`. */
export async function requestServer<T>(
  access: ServerAccess,
  path: string,
  init: ServerRequest = {},
): Promise<ServerReply<T>> {
  if (!access.token) return { ok: false, failure: { kind: 'no-token', message: TOKEN_HELP } };
  const base = serverBaseUrl(access.server);
  if (!base)
    return { ok: false, failure: { kind: 'unavailable', message: invalidServerMessage(access.server) } };
  let response: Response;
  let text: string;
  try {
    response = await fetch(new URL(path, base), {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${access.token}` },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    text = await response.text();
  } catch (error) {
    return {
      ok: false,
      failure: { kind: 'unavailable', message: unreachableServerMessage(base.href, error) },
    };
  }
  const body = parseJson(text);
  if (response.ok && body !== undefined) return { ok: true, body: body as T };
  const envelope = errorEnvelopeSchema.safeParse(body);
  if (!envelope.success) {
    const message = `the server at ${base.href} answered ${response.status} ${response.statusText}, not as the Ganzhi API does; check --server or GANZHI_SERVER`;
    return { ok: false, failure: { kind: 'unavailable', message } };
  }
  const { message, details } = envelope.data.error;
  return { ok: false, failure: { kind: 'refused', status: response.status, message, issues: details ?? [] } };
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
  init: ServerRequest = {},
): Promise<T | undefined> {
  const reply = await requestServer<T>(access, path, init);
  if (reply.ok) return reply.body;
  reportFailure(reply.failure);
  return undefined;
}
