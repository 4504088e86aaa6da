import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { TransactionRecord } from '@ganzhi/contracts';
import { backoffMs, FatalUploadError, uploadBatch } from './batch-uploader.js';

interface Reply {
  readonly status: number;
  readonly body: unknown;
}

interface Received {
  readonly headers: IncomingMessage['headers'];
  readonly lines: string[];
}

/** A stand-in for the ingest endpoint answering with `replies` in turn, recording what it was sent. */
async function startFakeServer(
  replies: readonly Reply[],
): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = gunzipSync(Buffer.concat(chunks)).toString('utf8');
      received.push({ headers: request.headers, lines: text.split('\n') });
      const reply = replies[Math.min(received.length, replies.length) - 1] ?? { status: 500, body: {} };
      response.writeHead(reply.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, server };
}

const records: TransactionRecord[] = [
  {
    time: 1_795_995_302_000,
    business: 'payment',
    channel: 'hall',
    region: 'changsha',
    latencyMs: 1840,
    outcome: 'ok',
  },
  {
    time: 1_795_995_303_000,
    business: '缴费',
    channel: '实体厅',
    region: '长沙',
    latencyMs: 12_500,
    outcome: 'E1023',
  },
];

describe('uploading a batch', () => {
  let server: Server | undefined;
  afterEach(async () => {
    const running = server;
    server = undefined;
    if (!running) return;
    running.closeAllConnections();
    await new Promise((resolve) => running.close(resolve));
  });

  it('posts gzip NDJSON with the token, retrying 503 and 429 after growing, jittered waits', async () => {
    const fake = await startFakeServer([
      { status: 503, body: { error: { code: 'UNAVAILABLE', message: 'starting' } } },
      { status: 429, body: { error: { code: 'RATE_LIMITED', message: 'slow down' } } },
      {
        status: 200,
        body: { accepted: 1, duplicates: 0, rejected: [{ index: 1, reason: 'region: unknown' }] },
      },
    ]);
    server = fake.server;
    const waits: number[] = [];
    const retries: string[] = [];
    const result = await uploadBatch(records, {
      server: fake.url,
      token: 'gz_test',
      maxAttempts: 5,
      baseDelayMs: 100,
      random: () => 0.25,
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
      onRetry: (reason, attempt) => retries.push(`${attempt}: ${reason}`),
    });
    expect(result).toEqual({
      accepted: 1,
      duplicates: 0,
      rejected: [{ index: 1, reason: 'region: unknown' }],
    });
    expect(waits).toEqual([75, 150]);
    expect(retries).toEqual(['2: server answered 503: starting', '3: server answered 429: slow down']);
    expect(fake.received).toHaveLength(3);
    const first = fake.received[0];
    expect(first?.headers.authorization).toBe('Bearer gz_test');
    expect(first?.headers['content-encoding']).toBe('gzip');
    expect(first?.headers['content-type']).toBe('application/x-ndjson');
    expect(first?.lines.map((line) => JSON.parse(line) as unknown)).toEqual(records);
  });

  it("stops at once on a 4xx other than 429, with the server's message", async () => {
    const fake = await startFakeServer([
      { status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'sign in or send a valid token' } } },
    ]);
    server = fake.server;
    const attempt = uploadBatch(records, {
      server: fake.url,
      token: 'wrong',
      maxAttempts: 5,
      baseDelayMs: 1,
    });
    await expect(attempt).rejects.toThrow(FatalUploadError);
    await expect(attempt).rejects.toThrow('server refused the batch (401): sign in or send a valid token');
    expect(fake.received).toHaveLength(1);
  });

  it('gives up after the last attempt, naming the last reason', async () => {
    const fake = await startFakeServer([{ status: 502, body: { error: { message: 'bad gateway' } } }]);
    server = fake.server;
    const attempt = uploadBatch(records, {
      server: `${fake.url}/`,
      token: 't',
      maxAttempts: 3,
      baseDelayMs: 1,
      sleep: () => Promise.resolve(),
    });
    await expect(attempt).rejects.toThrow('gave up after 3 attempts: server answered 502: bad gateway');
    expect(fake.received).toHaveLength(3);
  });

  it('doubles the wait per retry, spread between half and one and a half times', () => {
    expect(backoffMs(2, { baseDelayMs: 500, random: () => 0 })).toBe(250);
    expect(backoffMs(3, { baseDelayMs: 500, random: () => 0.5 })).toBe(1000);
    expect(backoffMs(5, { baseDelayMs: 500, random: () => 0.999 })).toBe(5996);
  });
});
