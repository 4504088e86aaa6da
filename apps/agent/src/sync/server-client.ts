import { createApiClient, isApiError, type ApiClient, type ApiError } from '@ganzhi/api-client';
import { systemClock } from '@ganzhi/runtime';
import type { z } from 'zod';

/** The server refused the credential (401): unknown or revoked. The agent keeps its buffer and retries. */
export class AgentUnauthorizedError extends Error {
  override readonly name = 'AgentUnauthorizedError';
}

/** The server could not be reached or failed (network error, timeout, 5xx): retry later. */
export class ServerUnavailableError extends Error {
  override readonly name = 'ServerUnavailableError';
}

/** The server refused the request itself (4xx other than 401): retrying the same request will not help. */
export class ServerRejectedError extends Error {
  override readonly name = 'ServerRejectedError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export interface RequestOptions<T> {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly parser: z.ZodType<T>;
  /** A JSON value, or a JSON text already serialised. */
  readonly body?: unknown;
  readonly bearer?: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

/** A timed answer: the round trip brackets the server's clock reading, for clock offset estimation. */
export interface Timed<T> {
  readonly value: T;
  readonly sentAtMs: number;
  readonly receivedAtMs: number;
}

/** Why no answer came: the client's timeout in its words, a network failure with the cause Node gave. */
function reasonOf(error: ApiError): string {
  return error.code === 'NETWORK' ? describeCause(error.cause) : error.message;
}

/**
 * The agent's three outcomes of a failed request. No answer (timeout, network), a 2xx this agent cannot read, 5xx,
 * 408 or 429 is an outage to wait out; 401 a credential to fix; any other 4xx a refusal of the request itself.
 */
function classify(error: unknown, where: string): Error {
  if (!isApiError(error)) return new ServerUnavailableError(`${where}: ${describeCause(error)}`);
  const { status } = error;
  if (status === 401) return new AgentUnauthorizedError(error.message, { cause: error });
  if (status === 0) return new ServerUnavailableError(`${where}: ${reasonOf(error)}`, { cause: error });
  if (status < 400) return new ServerUnavailableError(`${where}: ${error.message}`, { cause: error });
  if (status >= 500 || status === 429 || status === 408)
    return new ServerUnavailableError(`${where}: ${status} ${error.message}`, { cause: error });
  return new ServerRejectedError(`${where}: ${status} ${error.message}`, status);
}

/**
 * JSON over HTTP to the Ganzhi server through the shared API client, with the three outcomes an agent acts on told
 * apart. The client retries nothing here: each loop (enrolment, assignments, uploads, heartbeats) has its own
 * backoff and its own idea of what is worth retrying.
 */
export class ServerClient {
  readonly #base: URL;
  readonly #client: ApiClient;

  constructor(serverUrl: string, now: () => number) {
    this.#base = new URL(serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`);
    this.#client = createApiClient({
      baseUrl: this.#base.href,
      retry: { maxAttempts: 1 },
      clock: { now, sleep: (ms, signal) => systemClock.sleep(ms, signal) },
    });
  }

  async request<T>(options: RequestOptions<T>): Promise<Timed<T>> {
    const url = new URL(options.path.replace(/^\//, ''), this.#base);
    const body =
      typeof options.body === 'string'
        ? { rawBody: { data: options.body, contentType: 'application/json' } }
        : { body: options.body };
    try {
      const { value, sentAtMs, receivedAtMs } = await this.#client.exchange(options.method, options.path, {
        ...body,
        parser: options.parser,
        timeoutMs: options.timeoutMs,
        ...(options.bearer ? { headers: { authorization: `Bearer ${options.bearer}` } } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      return { value, sentAtMs, receivedAtMs };
    } catch (error) {
      throw classify(error, `${options.method} ${url.pathname}`);
    }
  }
}

function describeCause(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}
