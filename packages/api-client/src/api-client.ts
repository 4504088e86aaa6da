import { computeBackoffMs, systemClock, type BackoffOptions, type Clock } from '@ganzhi/runtime/isomorphic';
import { ApiError, isApiError, type ClientErrorCode } from './api-error.js';
import { readErrorEnvelope } from './read-error-envelope.js';
import { parseRetryAfterMs } from './retry-after.js';

/** Anything with zod's `parse`: responses are validated with the shared contracts schema. */
export interface ResponseParser<T> {
  parse(data: unknown): T;
}

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Which failures are tried again, how often and after how long. */
export interface RetryPolicy {
  /** Attempts in all, the first included: 1 never retries. */
  readonly maxAttempts: number;
  /** Waits between attempts (the runtime's exponential backoff with full jitter). */
  readonly backoff?: BackoffOptions;
  /** A Retry-After longer than this is not waited for: the error is thrown at once. */
  readonly maxRetryAfterMs?: number;
}

const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 250, maxMs: 4_000 };
const DEFAULT_MAX_ATTEMPTS = 3;
const DEFAULT_MAX_RETRY_AFTER_MS = 30_000;

/** Statuses that say "not now" rather than "not this": a gateway without its upstream, an overload, a rate limit. */
const RETRIED_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/** Methods that RFC 9110 (§9.2.2) defines as idempotent: sending one twice has the effect of sending it once. */
const IDEMPOTENT_METHODS: ReadonlySet<HttpMethod> = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

export interface ApiClientOptions {
  /** Where API paths start: an absolute URL (`http://127.0.0.1:8080/`) or, in a browser, a path (`/api/v1`). */
  readonly baseUrl: string;
  /** Headers sent with every request, read at each attempt so a renewed token is picked up. */
  readonly headers?: () => Readonly<Record<string, string>>;
  /** The browser's cookie policy (`same-origin` for the console's session cookie). */
  readonly credentials?: RequestInit['credentials'];
  readonly fetch?: typeof fetch;
  readonly retry?: RetryPolicy;
  /** Time for the waits between attempts and for Retry-After dates; tests pass a fake one. */
  readonly clock?: Clock;
  /** A number in [0, 1) for the backoff's jitter. */
  readonly random?: () => number;
}

/** A body already encoded, sent as is (gzip-compressed NDJSON, a JSON text kept from an outbox). */
export interface RawBody {
  readonly data: string | Uint8Array;
  readonly contentType: string;
  readonly contentEncoding?: string;
}

export interface RequestOptions {
  /** A value sent as JSON. */
  readonly body?: unknown;
  /** A body sent as is; takes the place of `body`. */
  readonly rawBody?: RawBody;
  /** Headers of this request only (an enrolment token), over the client's. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
  /** The whole request's budget, retries and waits included; when spent, `TIMEOUT` (or the last attempt's error). */
  readonly timeoutMs?: number;
  /**
   * Whether a failed attempt may be sent again (defaults to the method's: GET, HEAD, PUT, DELETE). Say `true` for a
   * POST the server de-duplicates (records carrying external ids), `false` for a PUT that must not be repeated.
   */
  readonly idempotent?: boolean;
}

export interface ParsedRequestOptions<T> extends RequestOptions {
  /** Validates the 2xx body; a body it refuses is `BAD_RESPONSE` naming the path. */
  readonly parser: ResponseParser<T>;
}

/** A parsed answer with when it was asked and received: the round trip brackets the server's clock reading. */
export interface ApiResponse<T> {
  readonly value: T;
  readonly status: number;
  readonly headers: Headers;
  readonly sentAtMs: number;
  readonly receivedAtMs: number;
}

/** JSON over HTTP to the Ganzhi API; every failure is an `ApiError`, an abort rejects with the signal's reason. */
export interface ApiClient {
  /** @example await client.request('GET', '/checks', { parser: checkListPageSchema }) */
  request<T>(method: HttpMethod, path: string, options: ParsedRequestOptions<T>): Promise<T>;
  /** A request whose answer has no body to use (204): resolves once the server accepted it. */
  request(method: HttpMethod, path: string, options?: RequestOptions): Promise<undefined>;
  /** `request` with the status, headers and timing of the answer. */
  exchange<T>(method: HttpMethod, path: string, options: ParsedRequestOptions<T>): Promise<ApiResponse<T>>;
  /** A document rather than JSON (an artifact), as text. */
  requestText(method: HttpMethod, path: string, options?: RequestOptions): Promise<string>;
  /** The URL of an API path, for what is fetched without the client (`<img src>`). */
  url(path: string): string;
}

/** One attempt's answer, body read. */
interface Answer {
  readonly response: Response;
  readonly text: string;
  readonly sentAtMs: number;
  readonly receivedAtMs: number;
}

/** One request as its caller asked for it. */
interface Call {
  readonly method: HttpMethod;
  readonly path: string;
  readonly request: RequestOptions;
}

/** One request's signals: the caller's and the deadline, and the two joined. */
interface Signals {
  readonly caller: AbortSignal | undefined;
  readonly deadline: AbortSignal | undefined;
  readonly any: AbortSignal | undefined;
}

function signalsOf(options: RequestOptions): Signals {
  const caller = options.signal;
  const deadline = options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs);
  const both = [caller, deadline].filter((signal) => signal !== undefined);
  return { caller, deadline, any: both.length > 1 ? AbortSignal.any(both) : both[0] };
}

function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

function parseJson(text: string): { readonly ok: true; readonly value: unknown } | { readonly ok: false } {
  if (text === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function badResponse(status: number, path: string, cause: unknown): ApiError {
  const code: ClientErrorCode = 'BAD_RESPONSE';
  return new ApiError({ status, code, message: `unexpected response from ${path}`, cause });
}

function isRetryable(error: unknown): error is ApiError {
  return isApiError(error) && (error.code === 'NETWORK' || RETRIED_STATUSES.has(error.status));
}

/**
 * A client for the Ganzhi API, the one the console, the agent and the CLI share.
 *
 * @example
 *   const client = createApiClient({ baseUrl: 'http://127.0.0.1:8080/api/v1', headers: () => ({ authorization }) });
 *   const page = await client.request('GET', 'checks?limit=50', { parser: checkListPageSchema, timeoutMs: 10_000 });
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const clock = options.clock ?? systemClock;
  const retry = {
    maxAttempts: options.retry?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    backoff: options.retry?.backoff ?? DEFAULT_BACKOFF,
    maxRetryAfterMs: options.retry?.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS,
  };

  function headersOf(request: RequestOptions): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers?.() };
    if (request.rawBody) {
      headers['content-type'] = request.rawBody.contentType;
      if (request.rawBody.contentEncoding) headers['content-encoding'] = request.rawBody.contentEncoding;
    } else if (request.body !== undefined) headers['content-type'] = 'application/json';
    return { ...headers, ...request.headers };
  }

  function failureOf(error: unknown, signals: Signals, request: RequestOptions): unknown {
    if (signals.caller?.aborted) return signals.caller.reason;
    if (signals.deadline?.aborted) {
      const code: ClientErrorCode = 'TIMEOUT';
      return new ApiError({
        status: 0,
        code,
        message: `no answer within ${request.timeoutMs} ms`,
        cause: error,
      });
    }
    const code: ClientErrorCode = 'NETWORK';
    const message = error instanceof Error ? error.message : 'network error';
    return new ApiError({ status: 0, code, message, cause: error });
  }

  /** Sends once and reads the body; a non-2xx answer is thrown as its `ApiError`. */
  async function attempt({ method, path, request }: Call, signals: Signals): Promise<Answer> {
    const init: RequestInit = { method, headers: headersOf(request) };
    if (options.credentials) init.credentials = options.credentials;
    if (request.rawBody) init.body = request.rawBody.data;
    else if (request.body !== undefined) init.body = JSON.stringify(request.body);
    if (signals.any) init.signal = signals.any;
    const sentAtMs = clock.now();
    let answer: Answer;
    try {
      const response = await (options.fetch ?? fetch)(joinUrl(options.baseUrl, path), init);
      const receivedAtMs = clock.now();
      answer = { response, text: await response.text(), sentAtMs, receivedAtMs };
    } catch (error) {
      throw failureOf(error, signals, request);
    }
    const { response, text } = answer;
    if (response.ok) return answer;
    const body = parseJson(text);
    const retryAfterMs = parseRetryAfterMs(response.headers.get('retry-after'), clock.now());
    throw readErrorEnvelope(response.status, body.ok ? body.value : undefined, { retryAfterMs });
  }

  /** The wait before the next attempt, or null when this failure is not tried again. */
  function waitBefore(next: number, error: unknown, mayRetry: boolean): number | null {
    if (!mayRetry || next >= retry.maxAttempts || !isRetryable(error)) return null;
    if (error.retryAfterMs !== null && error.retryAfterMs > retry.maxRetryAfterMs) return null;
    const backoffMs = computeBackoffMs(next - 1, retry.backoff, options.random);
    return Math.max(backoffMs, error.retryAfterMs ?? 0);
  }

  async function send(call: Call): Promise<Answer> {
    const signals = signalsOf(call.request);
    const mayRetry = call.request.idempotent ?? IDEMPOTENT_METHODS.has(call.method);
    for (let next = 1; ; next += 1) {
      try {
        return await attempt(call, signals);
      } catch (error) {
        const waitMs = waitBefore(next, error, mayRetry);
        if (waitMs === null) throw error;
        await clock.sleep(waitMs, signals.any);
        if (signals.caller?.aborted) throw signals.caller.reason;
        // The budget ran out while waiting: the last attempt's error says more than a TIMEOUT would.
        if (signals.deadline?.aborted) throw error;
      }
    }
  }

  async function exchange<T>(
    method: HttpMethod,
    path: string,
    request: ParsedRequestOptions<T>,
  ): Promise<ApiResponse<T>> {
    const { response, text, sentAtMs, receivedAtMs } = await send({ method, path, request });
    const body = parseJson(text);
    if (!body.ok) throw badResponse(response.status, path, new SyntaxError('the body is not JSON'));
    let value: T;
    try {
      value = request.parser.parse(body.value);
    } catch (cause) {
      // The server and this client disagree on a contract: say so instead of using half-parsed data.
      throw badResponse(response.status, path, cause);
    }
    return { value, status: response.status, headers: response.headers, sentAtMs, receivedAtMs };
  }

  function request<T>(method: HttpMethod, path: string, options: ParsedRequestOptions<T>): Promise<T>;
  function request(method: HttpMethod, path: string, options?: RequestOptions): Promise<undefined>;
  async function request<T>(
    method: HttpMethod,
    path: string,
    options: RequestOptions & { readonly parser?: ResponseParser<T> } = {},
  ): Promise<T | undefined> {
    const { parser } = options;
    if (parser) return (await exchange(method, path, { ...options, parser })).value;
    await send({ method, path, request: options });
    return undefined;
  }

  return {
    request,
    exchange,
    requestText: async (method, path, options = {}) => (await send({ method, path, request: options })).text,
    url: (path) => joinUrl(options.baseUrl, path),
  };
}
