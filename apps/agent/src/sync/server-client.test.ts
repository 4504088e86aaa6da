import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AgentUnauthorizedError,
  ServerClient,
  ServerRejectedError,
  ServerUnavailableError,
} from './server-client.js';

interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly hang?: boolean;
}

const running: Server[] = [];

afterEach(async () => {
  for (const server of running.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A server on 127.0.0.1 answering each request with the next reply, recording headers and bodies. */
async function startServer(replies: readonly Reply[]) {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString() });
      const reply = replies[received.length - 1] ?? { status: 500 };
      if (reply.hang) return;
      response.writeHead(reply.status, { 'content-type': 'application/json' });
      response.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    });
  });
  running.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

const okSchema = z.object({ ok: z.boolean() });
const envelope = (code: string, message: string) => ({ error: { code, message, requestId: 'r1' } });

function post(client: ServerClient, body: unknown = { runs: [] }) {
  return client.request({
    method: 'POST',
    path: 'api/v1/agent/runs',
    parser: okSchema,
    body,
    timeoutMs: 2000,
  });
}

describe('ServerClient', () => {
  it('sends a JSON text as is, with the bearer, and brackets the answer with its clock', async () => {
    const server = await startServer([{ status: 200, body: { ok: true } }]);
    let nowMs = 0;
    const client = new ServerClient(server.url, () => (nowMs += 10));
    const answer = await client.request({
      method: 'POST',
      path: '/api/v1/agent/runs',
      parser: okSchema,
      body: '{"runs":[{"id":"r"}]}',
      bearer: 'gza_1',
      timeoutMs: 2000,
    });
    expect(answer).toEqual({ value: { ok: true }, sentAtMs: 10, receivedAtMs: 20 });
    expect(server.received[0]).toMatchObject({
      headers: { authorization: 'Bearer gza_1', 'content-type': 'application/json' },
      body: '{"runs":[{"id":"r"}]}',
    });
  });

  it('tells a refused credential, an outage and a refused request apart', async () => {
    const server = await startServer([
      { status: 401, body: envelope('UNAUTHENTICATED', 'revoked') },
      { status: 503, body: envelope('UNAVAILABLE', 'starting') },
      { status: 429, body: envelope('RATE_LIMITED', 'slow down') },
      { status: 400, body: envelope('VALIDATION_FAILED', 'runs.0.startedAt: invalid') },
      { status: 200, body: { ok: 'yes' } },
    ]);
    const client = new ServerClient(server.url, () => 0);
    await expect(post(client)).rejects.toThrow(new AgentUnauthorizedError('revoked'));
    await expect(post(client)).rejects.toThrow(
      new ServerUnavailableError('POST /api/v1/agent/runs: 503 starting'),
    );
    await expect(post(client)).rejects.toThrow(ServerUnavailableError);
    const refused: unknown = await post(client).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ServerRejectedError);
    expect(refused).toMatchObject({
      status: 400,
      message: 'POST /api/v1/agent/runs: 400 runs.0.startedAt: invalid',
    });
    // An answer this agent cannot read is waited out like an outage, never taken for a refusal.
    await expect(post(client)).rejects.toThrow(ServerUnavailableError);
    expect(server.received).toHaveLength(5);
  });

  it('names the path and the cause when the server cannot be reached or does not answer in time', async () => {
    const server = await startServer([{ status: 200, hang: true }]);
    const client = new ServerClient(server.url, () => 0);
    await expect(
      client.request({ method: 'GET', path: 'api/v1/agent/assignments', parser: okSchema, timeoutMs: 100 }),
    ).rejects.toThrow(new ServerUnavailableError('GET /api/v1/agent/assignments: no answer within 100 ms'));
    const [listening] = running.splice(0);
    listening?.closeAllConnections();
    await new Promise((resolve) => listening?.close(resolve));
    await expect(post(client)).rejects.toThrow(/^POST \/api\/v1\/agent\/runs: fetch failed \(.*ECONNREFUSED/);
  });
});
