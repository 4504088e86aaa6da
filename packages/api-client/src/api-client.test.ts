import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ingestResultSchema } from '@ganzhi/contracts';
import type { Clock } from '@ganzhi/runtime/isomorphic';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient, type ApiClientOptions } from './api-client.js';
import { ApiError } from './api-error.js';

interface Reply {
  readonly status: number;
  readonly body?: unknown;
  /** Sent as is instead of `body` as JSON. */
  readonly text?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Never answers (for timeouts). */
  readonly hang?: boolean;
}

interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

const running: Server[] = [];

async function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

afterEach(async () => {
  await Promise.all(running.splice(0).map(stop));
});

/** A server on 127.0.0.1 answering with `replies` in turn (the last one again after that), recording requests. */
async function startServer(
  replies: readonly Reply[],
): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks),
      });
      const reply = replies[Math.min(received.length, replies.length) - 1] ?? { status: 500 };
      if (reply.hang) return;
      const text = reply.text ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
      response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      response.end(text);
    });
  });
  running.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/api/v1`, received, server };
}

/** A clock whose waits are recorded and end at once (or run `onSleep` first, to abort from inside a wait). */
function recordingClock(onSleep?: () => void): Clock & { readonly waits: number[] } {
  const waits: number[] = [];
  let nowMs = 1_000;
  return {
    waits,
    now: () => (nowMs += 5),
    sleep: (ms) => {
      waits.push(ms);
      onSleep?.();
      return Promise.resolve();
    },
  };
}

const envelope = (code: string, message: string, more: Record<string, unknown> = {}) => ({
  error: { code, message, requestId: 'req-1', ...more },
});
const ingestAnswer = { accepted: 2, duplicates: 0, rejected: [] };

function client(url: string, options: Partial<ApiClientOptions> = {}) {
  return createApiClient({ baseUrl: url, clock: recordingClock(), random: () => 0, ...options });
}

describe('createApiClient', () => {
  it('sends JSON with its own and the request’s headers, and parses the answer with the schema', async () => {
    const server = await startServer([{ status: 200, body: ingestAnswer }]);
    const api = client(`${server.url}/`, { headers: () => ({ authorization: 'Bearer gz_1' }) });
    const result = await api.request('POST', '/ingest/transactions', {
      body: { records: [] },
      headers: { 'x-extra': 'yes' },
      parser: ingestResultSchema,
    });
    expect(result).toEqual(ingestAnswer);
    const [sent] = server.received;
    expect(sent).toMatchObject({ method: 'POST', url: '/api/v1/ingest/transactions' });
    expect(sent?.headers).toMatchObject({
      authorization: 'Bearer gz_1',
      'x-extra': 'yes',
      'content-type': 'application/json',
      accept: 'application/json',
    });
    expect(JSON.parse(sent?.body.toString() ?? '')).toEqual({ records: [] });
  });

  it('sends a raw body as is, and answers a request without a parser once accepted', async () => {
    const server = await startServer([{ status: 204 }, { status: 200, text: 'plain text' }]);
    const api = client(server.url);
    const data = new Uint8Array([31, 139, 8]);
    await expect(
      api.request('POST', 'ingest', {
        rawBody: { data, contentType: 'application/x-ndjson', contentEncoding: 'gzip' },
      }),
    ).resolves.toBeUndefined();
    expect(server.received[0]?.headers['content-type']).toBe('application/x-ndjson');
    expect(server.received[0]?.headers['content-encoding']).toBe('gzip');
    expect([...(server.received[0]?.body ?? [])]).toEqual([31, 139, 8]);
    await expect(api.requestText('GET', 'runs/r1/artifacts/a1')).resolves.toBe('plain text');
  });

  it('gives the status, headers and round trip of an answer', async () => {
    const server = await startServer([{ status: 201, body: ingestAnswer, headers: { 'x-served': 'a' } }]);
    const answer = await client(server.url).exchange('POST', 'x', { parser: ingestResultSchema });
    expect(answer).toMatchObject({ status: 201, value: ingestAnswer });
    expect(answer.headers.get('x-served')).toBe('a');
    expect(answer.receivedAtMs).toBeGreaterThan(answer.sentAtMs);
  });

  it('throws the error envelope as an ApiError with its code, details, reason and request id', async () => {
    const details = [{ path: 'name', message: 'Required', code: 'required' }];
    const server = await startServer([
      { status: 400, body: envelope('VALIDATION_FAILED', 'invalid check', { details, reason: 'x' }) },
    ]);
    const error: unknown = await client(server.url)
      .request('POST', 'checks', { body: {}, parser: ingestResultSchema })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: 'invalid check',
      requestId: 'req-1',
      reason: 'x',
      details,
    });
  });

  it('names the path of an answer the schema refuses or that is not JSON (BAD_RESPONSE)', async () => {
    const server = await startServer([
      { status: 200, body: { accepted: 'many' } },
      { status: 200, text: '<html>' },
      { status: 502, text: '<html>Bad Gateway</html>' },
    ]);
    const api = client(server.url, { retry: { maxAttempts: 1 } });
    const request = () => api.request('GET', 'checks?limit=5', { parser: ingestResultSchema });
    await expect(request()).rejects.toMatchObject({
      status: 200,
      code: 'BAD_RESPONSE',
      message: 'unexpected response from checks?limit=5',
    });
    await expect(request()).rejects.toMatchObject({ status: 200, code: 'BAD_RESPONSE' });
    await expect(request()).rejects.toMatchObject({ status: 502, code: 'BAD_RESPONSE', message: 'HTTP 502' });
  });

  it('retries an idempotent request after 503 and 429 with the backoff, waiting at least Retry-After', async () => {
    const server = await startServer([
      { status: 503, body: envelope('UNAVAILABLE', 'starting') },
      { status: 429, body: envelope('RATE_LIMITED', 'slow down'), headers: { 'retry-after': '2' } },
      { status: 200, body: ingestAnswer },
    ]);
    const clock = recordingClock();
    const api = client(server.url, {
      clock,
      random: () => 0.5,
      retry: { maxAttempts: 4, backoff: { initialMs: 100, maxMs: 1000 } },
    });
    await expect(api.request('GET', 'x', { parser: ingestResultSchema })).resolves.toEqual(ingestAnswer);
    expect(server.received).toHaveLength(3);
    expect(clock.waits).toEqual([50, 2000]);
  });

  it('sends a POST once, unless the caller says it is idempotent', async () => {
    const server = await startServer([
      { status: 503, body: envelope('UNAVAILABLE', 'starting') },
      { status: 503, body: envelope('UNAVAILABLE', 'starting') },
      { status: 200, body: ingestAnswer },
    ]);
    const api = client(server.url);
    await expect(api.request('POST', 'x', { body: {} })).rejects.toMatchObject({ status: 503 });
    expect(server.received).toHaveLength(1);
    await expect(api.request('POST', 'x', { body: {}, idempotent: true })).resolves.toBeUndefined();
    expect(server.received).toHaveLength(3);
  });

  it('does not retry a refusal, and gives up after the last attempt with its error', async () => {
    const server = await startServer([
      { status: 409, body: envelope('CONFLICT', 'exists') },
      { status: 502, body: envelope('UNAVAILABLE', 'no upstream') },
    ]);
    const api = client(server.url, { retry: { maxAttempts: 3 } });
    await expect(api.request('GET', 'x')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(server.received).toHaveLength(1);
    await expect(api.request('GET', 'x')).rejects.toMatchObject({ status: 502, message: 'no upstream' });
    expect(server.received).toHaveLength(4);
  });

  it('does not wait for a Retry-After beyond its limit', async () => {
    const server = await startServer([
      { status: 503, body: envelope('UNAVAILABLE', 'upgrade'), headers: { 'retry-after': '3600' } },
    ]);
    const clock = recordingClock();
    const api = client(server.url, { clock, retry: { maxAttempts: 3, maxRetryAfterMs: 60_000 } });
    await expect(api.request('GET', 'x')).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      retryAfterMs: 3_600_000,
    });
    expect(clock.waits).toEqual([]);
  });

  it('tells NETWORK when nothing listens, retrying it for an idempotent request', async () => {
    const server = await startServer([]);
    await stop(running.splice(0)[0] ?? server.server);
    const clock = recordingClock();
    const api = client(server.url, { clock, retry: { maxAttempts: 2 } });
    const error: unknown = await api.request('GET', 'x').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 0, code: 'NETWORK' });
    expect((error as ApiError).cause).toBeInstanceOf(Error);
    expect(clock.waits).toHaveLength(1);
  });

  it('tells TIMEOUT when no answer comes within timeoutMs', async () => {
    const server = await startServer([{ status: 200, hang: true }]);
    await expect(client(server.url).request('GET', 'x', { timeoutMs: 100 })).rejects.toMatchObject({
      status: 0,
      code: 'TIMEOUT',
      message: 'no answer within 100 ms',
    });
  });

  it('rejects with the caller’s reason when aborted, in flight or between attempts', async () => {
    const server = await startServer([{ status: 200, hang: true }]);
    const inFlight = new AbortController();
    const pending = client(server.url).request('GET', 'x', { signal: inFlight.signal });
    setTimeout(() => inFlight.abort(new Error('stopping')), 20);
    await expect(pending).rejects.toThrow('stopping');

    const retried = await startServer([{ status: 503, body: envelope('UNAVAILABLE', 'starting') }]);
    const waiting = new AbortController();
    const clock = recordingClock(() => waiting.abort(new Error('stopped while waiting')));
    const api = client(retried.url, { clock });
    await expect(api.request('GET', 'x', { signal: waiting.signal })).rejects.toThrow(
      'stopped while waiting',
    );
    expect(retried.received).toHaveLength(1);
  });
});
