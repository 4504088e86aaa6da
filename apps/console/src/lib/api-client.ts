import { ApiError, toApiError, type ClientErrorCode } from './api-error';

/** Anything with zod's `parse`: the console validates every response with the shared contracts schema. */
export interface ResponseParser<T> {
  parse(data: unknown): T;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRequest<T> {
  readonly method?: HttpMethod;
  readonly body?: unknown;
  /** Omit for responses without a body (204). */
  readonly parser?: ResponseParser<T>;
}

const API_PREFIX = '/api/v1';

/**
 * The browser URL of an API path, for what the browser fetches by itself with the session cookie (`<img src>`).
 * @example apiUrl('/runs/r1/artifacts/a1') // "/api/v1/runs/r1/artifacts/a1"
 */
export function apiUrl(path: string): string {
  return `${API_PREFIX}${path}`;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function send(path: string, request: ApiRequest<unknown>): Promise<Response> {
  const hasBody = request.body !== undefined;
  try {
    return await fetch(`${API_PREFIX}${path}`, {
      method: request.method ?? 'GET',
      // The session is an http-only cookie set by the login route.
      credentials: 'same-origin',
      headers: hasBody
        ? { 'content-type': 'application/json', accept: 'application/json' }
        : { accept: 'application/json' },
      body: hasBody ? JSON.stringify(request.body) : undefined,
    });
  } catch (cause) {
    const code: ClientErrorCode = 'NETWORK';
    throw new ApiError({
      status: 0,
      code,
      message: cause instanceof Error ? cause.message : 'network error',
      cause,
    });
  }
}

/**
 * Calls the API under `/api/v1` and returns the parsed response.
 * @example const { items } = await callApi('/checks', { parser: listOf(checkSummarySchema) });
 */
export async function callApi<T>(
  path: string,
  request: ApiRequest<T> & { parser: ResponseParser<T> },
): Promise<T> {
  const response = await send(path, request);
  const body = await readJson(response);
  if (!response.ok) throw toApiError(response.status, body);
  try {
    return request.parser.parse(body);
  } catch (cause) {
    // The server and console disagree on a contract: say so instead of rendering half-parsed data.
    const code: ClientErrorCode = 'BAD_RESPONSE';
    throw new ApiError({ status: response.status, code, message: `unexpected response from ${path}`, cause });
  }
}

/** Calls an API route that answers without a body (204). */
export async function callApiWithoutResult(
  path: string,
  request: Omit<ApiRequest<never>, 'parser'>,
): Promise<void> {
  const response = await send(path, request);
  if (!response.ok) throw toApiError(response.status, await readJson(response));
}

/** Calls an API route that answers with a document rather than JSON to parse (an artifact), as text. */
export async function callApiForText(path: string): Promise<string> {
  const response = await send(path, {});
  if (!response.ok) throw toApiError(response.status, await readJson(response));
  return response.text();
}

/**
 * A parser for `{ [field]: T }` responses that returns the inner value.
 * @example callApi('/auth/me', { parser: fieldParser('user', userSchema) }) // → User
 */
export function fieldParser<T>(field: string, parser: ResponseParser<T>): ResponseParser<T> {
  return {
    parse(data: unknown): T {
      const value: unknown = typeof data === 'object' && data !== null ? Reflect.get(data, field) : undefined;
      return parser.parse(value);
    },
  };
}
