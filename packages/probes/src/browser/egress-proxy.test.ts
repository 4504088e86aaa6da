import http from 'node:http';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAddressPolicy } from '../safety/address-policy.js';
import { startEgressProxy, type EgressProxy } from './egress-proxy.js';
import type { HostLookup } from './egress-target.js';

/** 127.0.0.2 stands for a denied internal service; the allowed target lives on 127.0.0.1. */
const policy = createAddressPolicy({ deny: ['127.0.0.2/32'] });

let target: http.Server;
let targetPort = 0;
let canary: Server;
let canaryPort = 0;
let canaryConnections = 0;
let proxy: EgressProxy | undefined;

/** `canary.test` always resolves to the denied address; `rebind.test` answers allowed once, then denied. */
function testLookup(): HostLookup & { calls: number } {
  const lookup = (hostname: string): Promise<readonly string[]> => {
    lookup.calls++;
    if (hostname === 'canary.test') return Promise.resolve(['127.0.0.2']);
    if (hostname === 'rebind.test') return Promise.resolve([lookup.calls === 1 ? '127.0.0.1' : '127.0.0.2']);
    if (hostname === 'target.test') return Promise.resolve(['127.0.0.1']);
    return Promise.reject(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }));
  };
  lookup.calls = 0;
  return lookup;
}

beforeAll(async () => {
  target = http.createServer((request, response) => {
    response.writeHead(200, { 'ganzhi-egress': 'forged', 'x-host': request.headers.host ?? '' });
    response.end(`path ${request.url ?? ''}`);
  });
  targetPort = await listen(target, '127.0.0.1');
  canary = createServer((socket) => {
    canaryConnections++;
    socket.destroy();
  });
  canaryPort = await listen(canary, '127.0.0.2');
});

afterEach(async () => {
  await proxy?.stop();
  proxy = undefined;
});

afterAll(async () => {
  await new Promise((resolve) => target.close(resolve));
  await new Promise((resolve) => canary.close(resolve));
  expect(canaryConnections).toBe(0);
});

function listen(server: Server, host: string): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, host, () => resolve((server.address() as AddressInfo).port)),
  );
}

async function start(lookup: HostLookup = testLookup(), maxTunnels?: number): Promise<EgressProxy> {
  proxy = await startEgressProxy({ policy, lookup, limits: maxTunnels === undefined ? {} : { maxTunnels } });
  return proxy;
}

/** Sends `CONNECT authority` and resolves with the status code and the still-open socket. */
function openTunnel(running: EgressProxy, authority: string): Promise<{ status: number; socket: Socket }> {
  const { port } = new URL(running.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`);
    });
    socket.once('error', reject);
    socket.once('data', (chunk) => {
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(chunk.toString('latin1'))?.[1]), socket });
    });
  });
}

/** A plain proxy request for `url`: what Chromium sends for http pages. */
function proxiedGet(
  running: EgressProxy,
  url: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const { port } = new URL(running.url);
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: '127.0.0.1',
      port,
      path: url,
      headers: { host: new URL(url).host },
    });
    request.once('error', reject);
    request.once('response', (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
      );
    });
    request.end();
  });
}

describe('egress proxy', () => {
  it('carries a plain request to an allowed target and drops a forged proxy marker', async () => {
    const running = await start();
    const answer = await proxiedGet(running, `http://target.test:${targetPort}/bill?month=7`);
    expect(answer).toMatchObject({ status: 200, body: 'path /bill?month=7' });
    expect(answer.headers['x-host']).toBe(`target.test:${targetPort}`);
    expect(answer.headers['ganzhi-egress']).toBeUndefined();
  });

  it('refuses plain requests to a denied address, however the address is written', async () => {
    const running = await start();
    for (const host of [
      '127.0.0.2',
      '2130706434',
      '0x7f000002',
      '127.0.2',
      '[::ffff:127.0.0.2]',
      'canary.test',
    ]) {
      const answer = await proxiedGet(running, `http://${host}:${canaryPort}/latest/meta-data`);
      expect(answer.status, host).toBe(403);
      expect(answer.headers['ganzhi-egress']).toBe('refused');
    }
    expect(running.refusalFor(`http://127.0.0.2:${canaryPort}/`)).toEqual({
      errorClass: 'blocked',
      reason: '127.0.0.2 is in a denied address range',
    });
    expect(running.refusalFor(`http://canary.test:${canaryPort}/`)?.reason).toBe(
      'canary.test resolves to 127.0.0.2 is in a denied address range',
    );
  });

  it('refuses tunnels to a denied address, however the address is written', async () => {
    const running = await start();
    for (const host of ['127.0.0.2', '2130706434', '0177.0.0.2', '[::ffff:7f00:2]', 'canary.test']) {
      const { status, socket } = await openTunnel(running, `${host}:${canaryPort}`);
      socket.destroy();
      expect(status, host).toBe(403);
    }
    expect(running.refusalFor(`https://[::ffff:7f00:2]:${canaryPort}/`)?.errorClass).toBe('blocked');
  });

  it('connects to the address it judged and resolves each request once, so rebinding cannot redirect it', async () => {
    const lookup = testLookup();
    const running = await start(lookup);
    const first = await proxiedGet(running, `http://rebind.test:${targetPort}/first`);
    expect(first).toMatchObject({ status: 200, body: 'path /first' });
    // The second answer is the denied address: refused, although a connection to the host is pooled.
    const second = await proxiedGet(running, `http://rebind.test:${canaryPort}/second`);
    expect(second.status).toBe(403);
    expect(lookup.calls).toBe(2);
  });

  it('relays a tunnel that starts like web traffic and closes one that does not', async () => {
    const running = await start();
    const web = await openTunnel(running, `127.0.0.1:${targetPort}`);
    expect(web.status).toBe(200);
    web.socket.write('GET /through HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    const relayed = await new Promise<string>((resolve) => {
      let text = '';
      web.socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      web.socket.on('close', () => resolve(text));
    });
    expect(relayed).toContain('path /through');
    const other = await openTunnel(running, `127.0.0.1:${targetPort}`);
    other.socket.write('EHLO mail.example\r\n');
    await new Promise((resolve) => other.socket.once('close', resolve));
  });

  it('records an unreachable target as the error Chromium would have reported', async () => {
    const running = await start();
    const spare = createServer();
    const closedPort = await listen(spare, '127.0.0.1');
    await new Promise((resolve) => spare.close(resolve));
    expect((await proxiedGet(running, `http://127.0.0.1:${closedPort}/`)).status).toBe(502);
    expect(running.refusalFor(`http://127.0.0.1:${closedPort}/`)).toEqual({
      errorClass: 'connect_refused',
      reason: 'net::ERR_CONNECTION_REFUSED',
    });
    const { status, socket } = await openTunnel(running, `no-such-host.invalid:443`);
    socket.destroy();
    expect(status).toBe(502);
    expect(running.refusalFor('https://no-such-host.invalid/')?.errorClass).toBe('dns');
  });

  it('answers 503 beyond its tunnel limit and closes open tunnels when stopped', async () => {
    const running = await start(testLookup(), 1);
    const open = await openTunnel(running, `127.0.0.1:${targetPort}`);
    expect(open.status).toBe(200);
    const refused = await openTunnel(running, `127.0.0.1:${targetPort}`);
    refused.socket.destroy();
    expect(refused.status).toBe(503);
    const closed = new Promise((resolve) => open.socket.once('close', resolve));
    await running.stop();
    await closed;
    proxy = undefined;
  });
});
