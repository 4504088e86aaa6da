import net from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tcpStepSchema } from '@ganzhi/contracts';
import { systemClock } from '@ganzhi/runtime';
import { CookieJar } from 'tough-cookie';
import { ALLOW_ALL_ADDRESSES, createAddressPolicy, type AddressPolicy } from '../safety/address-policy.js';
import type { StepContext, StepOutcome } from '../step-executor.js';
import { tcpStepExecutor } from './tcp-step-executor.js';

const servers: net.Server[] = [];
const serverSockets = new Set<Socket>();
let echoPort = 0;
let bannerPort = 0;
let sayAndClosePort = 0;
let splitReplyPort = 0;
let floodPort = 0;
let silentPort = 0;
let closedPort = 0;
let silentConnections = 0;

beforeAll(async () => {
  echoPort = await listen((socket) => socket.on('data', (chunk) => socket.write(chunk)));
  // Like an SMTP or SMPP gateway: greets first, then answers each line.
  bannerPort = await listen((socket) => {
    socket.write('220 ganzhi gateway ready\r\n');
    socket.on('data', () => socket.write('250 ok\r\n'));
  });
  sayAndClosePort = await listen((socket) => socket.end('500 go away\r\n'));
  // The reply arrives in two packets, split inside the expected word.
  splitReplyPort = await listen((socket) => {
    socket.once('data', () => {
      socket.write('+PO');
      setTimeout(() => socket.write('NG\r\n'), 20);
    });
  });
  floodPort = await listen((socket) => socket.end(Buffer.alloc(70 * 1024, 'x')));
  silentPort = await listen((socket) => {
    silentConnections++;
    socket.resume();
  });
  closedPort = await findClosedPort();
});

afterAll(async () => {
  for (const socket of serverSockets) socket.destroy();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('tcp step executor', () => {
  it('connects to an IP literal and times the connect, with no dns phase', async () => {
    const { result, observation } = await probe({ host: '127.0.0.1', port: echoPort });
    expect(result).toMatchObject({
      ok: true,
      kind: 'tcp',
      index: 0,
      name: `tcp 127.0.0.1:${echoPort}`,
      errorClass: null,
      errorMessage: null,
      assertions: [],
    });
    expect(result.timings.dnsMs).toBeNull();
    expect(result.timings.connectMs).toBeGreaterThanOrEqual(0);
    expect(result.timings.tlsMs).toBeNull();
    expect(result.detail).toEqual({ remoteAddress: '127.0.0.1', remotePort: echoPort, bytesReceived: 0 });
    expect(observation).toEqual({ latencyMs: result.timings.totalMs, body: '' });
  });

  it('times a dns phase when the host is a name', async () => {
    const { result } = await probe({ host: 'localhost', port: echoPort });
    expect(result.ok).toBe(true);
    expect(result.timings.dnsMs).toBeGreaterThanOrEqual(0);
  });

  it('sends the text as is and passes when the reply contains the expected text', async () => {
    const { result, observation } = await probe({
      host: '127.0.0.1',
      port: echoPort,
      send: 'PING 42\r\n',
      expect: 'PING 42',
    });
    expect(result).toMatchObject({ ok: true, name: `tcp 127.0.0.1:${echoPort}` });
    expect(result.assertions).toEqual([{ name: 'expect', ok: true, expected: 'PING 42', actual: 'found' }]);
    expect(result.timings.firstByteMs).toBeGreaterThanOrEqual(0);
    expect(result.detail.bytesReceived).toBe(9);
    expect(observation?.body).toBe('PING 42\r\n');
  });

  it('reads a banner the server sends first, without sending anything', async () => {
    const { result, observation } = await probe({ host: '127.0.0.1', port: bannerPort, expect: '220 ' });
    expect(result.ok).toBe(true);
    expect(observation?.body).toBe('220 ganzhi gateway ready\r\n');
  });

  it('looks for the expected text in the reply to what it sent, after the banner', async () => {
    const { result, observation } = await probe({
      host: '127.0.0.1',
      port: bannerPort,
      send: 'HELO probe\r\n',
      expect: '250 ok',
    });
    expect(result.ok).toBe(true);
    expect(observation?.body).toContain('250 ok');
  });

  it('finds expected text split across two packets', async () => {
    const { result } = await probe({
      host: '127.0.0.1',
      port: splitReplyPort,
      send: 'PING\r\n',
      expect: '+PONG',
    });
    expect(result.ok).toBe(true);
  });

  it('fails with assertion when the peer closes without sending the expected text', async () => {
    const { result, observation } = await probe({ host: '127.0.0.1', port: sayAndClosePort, expect: '220' });
    expect(result).toMatchObject({
      ok: false,
      errorClass: 'assertion',
      errorMessage: 'expected text not found before the peer closed the connection',
    });
    expect(result.assertions).toEqual([{ name: 'expect', ok: false, expected: '220', actual: 'not found' }]);
    expect(observation?.body).toBe('500 go away\r\n');
  });

  it('stops reading after 64 KiB and fails with assertion', async () => {
    const { result, observation } = await probe({
      host: '127.0.0.1',
      port: floodPort,
      expect: 'never there',
    });
    expect(result).toMatchObject({
      ok: false,
      errorClass: 'assertion',
      errorMessage: 'expected text not found in the first 65536 bytes',
    });
    expect(observation?.body).toHaveLength(64 * 1024);
  });

  it('fails with connect_refused when nothing listens on the port', async () => {
    const { result, observation } = await probe({ host: '127.0.0.1', port: closedPort });
    expect(result).toMatchObject({ ok: false, errorClass: 'connect_refused' });
    expect(result.errorMessage).toContain('ECONNREFUSED');
    expect(result.timings.connectMs).toBeNull();
    expect(observation).toBeUndefined();
  });

  it('times out waiting for the expected text from a server that never answers', async () => {
    const { result, observation } = await probe({
      host: '127.0.0.1',
      port: silentPort,
      send: 'PING\r\n',
      expect: 'PONG',
      timeoutMs: 150,
    });
    expect(result).toMatchObject({
      ok: false,
      errorClass: 'timeout',
      errorMessage: 'timed out after 150 ms during first byte',
    });
    expect(result.timings.totalMs).toBeGreaterThanOrEqual(149);
    expect(result.timings.connectMs).toBeGreaterThanOrEqual(0);
    expect(result.timings.firstByteMs).toBeNull();
    expect(result.assertions).toEqual([]);
    expect(observation?.body).toBe('');
  });

  it('stops with timeout when the flow is aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const { result } = await probe(
      { host: '127.0.0.1', port: silentPort, expect: 'PONG' },
      { signal: controller.signal },
    );
    expect(result).toMatchObject({
      ok: false,
      errorClass: 'timeout',
      errorMessage: 'aborted during first byte',
    });
  });

  it('does not connect when the flow was aborted before the step', async () => {
    const controller = new AbortController();
    controller.abort();
    const before = silentConnections;
    const { result } = await probe({ host: '127.0.0.1', port: silentPort }, { signal: controller.signal });
    expect(result).toMatchObject({
      ok: false,
      errorClass: 'timeout',
      errorMessage: 'aborted before connecting',
    });
    expect(silentConnections).toBe(before);
  });

  it('refuses an IP literal the address policy denies, without connecting', async () => {
    const before = silentConnections;
    const addressPolicy = createAddressPolicy({ deny: ['127.0.0.0/8'] });
    const { result } = await probe({ host: '127.0.0.1', port: silentPort }, { addressPolicy });
    expect(result).toMatchObject({ ok: false, errorClass: 'blocked' });
    expect(result.errorMessage).toContain('denied address range');
    expect(silentConnections).toBe(before);
  });

  it('refuses a name that resolves into a denied range', async () => {
    const addressPolicy = createAddressPolicy({ deny: ['127.0.0.0/8', '::1/128'] });
    const { result } = await probe({ host: 'localhost', port: silentPort }, { addressPolicy });
    expect(result).toMatchObject({ ok: false, errorClass: 'blocked' });
  });
});

async function probe(
  input: { host: string; port: number; send?: string; expect?: string; timeoutMs?: number },
  overrides: { signal?: AbortSignal; addressPolicy?: AddressPolicy } = {},
): Promise<StepOutcome> {
  const context: StepContext = {
    index: 0,
    signal: overrides.signal ?? new AbortController().signal,
    clock: systemClock,
    addressPolicy: overrides.addressPolicy ?? ALLOW_ALL_ADDRESSES,
    cookies: new CookieJar(),
  };
  return tcpStepExecutor.execute(tcpStepSchema.parse({ kind: 'tcp', ...input }), context);
}

async function listen(onConnection: (socket: Socket) => void): Promise<number> {
  const server = net.createServer((socket) => {
    serverSockets.add(socket);
    socket.on('close', () => serverSockets.delete(socket));
    // The probe destroys its end on every path; a reset reaching a server socket is expected, not a failure.
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A port that was free a moment ago: listened on, then closed, so a connect is refused. */
async function findClosedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
