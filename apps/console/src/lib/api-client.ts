import { createApiClient, type HttpMethod, type ResponseParser } from '@ganzhi/api-client';
import { PAGE_SIZE_MAX, type Page } from '@ganzhi/contracts';

// The console's calls to the API through the shared client (@ganzhi/api-client), under the names its pages use.
export type { HttpMethod, ResponseParser } from '@ganzhi/api-client';

export interface ApiRequest<T> {
  readonly method?: HttpMethod;
  readonly body?: unknown;
  /** Omit for responses without a body (204). */
  readonly parser?: ResponseParser<T>;
}

const API_PREFIX = '/api/v1';

/**
 * The session is an http-only cookie set by the login route, sent same-origin. The client retries nothing: queries
 * are retried by the QueryClient (lib/query-client.ts), and a mutation is never sent twice behind the user's back.
 */
const client = createApiClient({
  baseUrl: API_PREFIX,
  credentials: 'same-origin',
  retry: { maxAttempts: 1 },
});

/**
 * The browser URL of an API path, for what the browser fetches by itself with the session cookie (`<img src>`).
 * @example apiUrl('/runs/r1/artifacts/a1') // "/api/v1/runs/r1/artifacts/a1"
 */
export function apiUrl(path: string): string {
  return client.url(path);
}

/**
 * Calls the API under `/api/v1` and returns the parsed response.
 * @example const { items } = await callApi('/checks', { parser: listOf(checkSummarySchema) });
 */
export function callApi<T>(path: string, request: ApiRequest<T> & { parser: ResponseParser<T> }): Promise<T> {
  return client.request(request.method ?? 'GET', path, { body: request.body, parser: request.parser });
}

/**
 * Every item of a list endpoint, a page of the largest size at a time, following each page's cursor: for pickers and
 * lookups that need the whole (short) list rather than a table's page.
 * @example const locations = await callApiForEveryItem('/locations', { parser: locationPageSchema });
 */
export async function callApiForEveryItem<T>(
  path: string,
  request: { parser: ResponseParser<Page<T>>; query?: Readonly<Record<string, string>> },
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ ...request.query, limit: String(PAGE_SIZE_MAX) });
    if (cursor !== null) query.set('cursor', cursor);
    const page: Page<T> = await callApi(`${path}?${query.toString()}`, { parser: request.parser });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return items;
}

/** Calls an API route that answers without a body (204). */
export async function callApiWithoutResult(
  path: string,
  request: Omit<ApiRequest<never>, 'parser'>,
): Promise<void> {
  await client.request(request.method ?? 'GET', path, { body: request.body });
}

/** Calls an API route that answers with a document rather than JSON to parse (an artifact), as text. */
export function callApiForText(path: string): Promise<string> {
  return client.requestText('GET', path);
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
