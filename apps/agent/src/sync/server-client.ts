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

async function errorMessage(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const parsed = JSON.parse(text) as { error?: { message?: string } };
    return parsed.error?.message ?? text.slice(0, 300);
  } catch {
    return text.slice(0, 300);
  }
}

/** JSON over HTTP to the Ganzhi server, with the three outcomes an agent acts on told apart. */
export class ServerClient {
  readonly #base: URL;
  readonly #now: () => number;

  constructor(serverUrl: string, now: () => number) {
    this.#base = new URL(serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`);
    this.#now = now;
  }

  async request<T>(options: RequestOptions<T>): Promise<Timed<T>> {
    const url = new URL(options.path.replace(/^\//, ''), this.#base);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    }
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    const sentAtMs = this.#now();
    let response: Response;
    try {
      response = await fetch(url, { method: options.method, headers, body, signal });
    } catch (error) {
      const reason = timeout.aborted ? `no answer within ${options.timeoutMs} ms` : describeCause(error);
      throw new ServerUnavailableError(`${options.method} ${url.pathname}: ${reason}`);
    }
    const receivedAtMs = this.#now();
    if (response.status === 401) throw new AgentUnauthorizedError(await errorMessage(response));
    if (response.status >= 500 || response.status === 429 || response.status === 408)
      throw new ServerUnavailableError(
        `${options.method} ${url.pathname}: ${response.status} ${await errorMessage(response)}`,
      );
    if (!response.ok)
      throw new ServerRejectedError(
        `${options.method} ${url.pathname}: ${response.status} ${await errorMessage(response)}`,
        response.status,
      );
    let json: unknown;
    try {
      json = await response.json();
    } catch (error) {
      throw new ServerUnavailableError(
        `${options.method} ${url.pathname}: unreadable answer (${describeCause(error)})`,
      );
    }
    return { value: options.parser.parse(json), sentAtMs, receivedAtMs };
  }
}

function describeCause(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}
