import http from 'node:http';
import type { Socket } from 'node:net';
import type { AddressPolicy } from '../safety/address-policy.js';
import {
  resolveTarget,
  systemHostLookup,
  targetOfAuthority,
  targetOfUrl,
  type EgressRefusal,
  type EgressTarget,
  type HostLookup,
} from './egress-target.js';
import {
  DEFAULT_EGRESS_LIMITS,
  EGRESS_ANSWER_HEADER,
  connectPinned,
  refusalOfError,
  type EgressLimits,
} from './egress-connect.js';
import { forwardPlainRequest } from './forward-plain-request.js';

export interface EgressProxyOptions {
  readonly policy: AddressPolicy;
  readonly lookup?: HostLookup;
  readonly limits?: Partial<EgressLimits>;
}

/** A running proxy: Chromium's only way out. */
export interface EgressProxy {
  /** `http://127.0.0.1:<port>`, for Chromium's proxy setting. */
  readonly url: string;
  /** Why the latest request to `url`'s host and port was refused or failed here; undefined if it was not. */
  refusalFor(url: string): EgressRefusal | undefined;
  /** Closes the listener and every connection through it. */
  stop(): Promise<void>;
}

/** Enough to explain the requests of one step; older refusals are forgotten first. */
const MAX_RECORDED_REFUSALS = 256;

/**
 * Starts a forward proxy on 127.0.0.1 (ephemeral port) that carries plain-HTTP requests (absolute URIs) and
 * `CONNECT host:port` tunnels (https, wss, ws) only to addresses `policy` allows. It resolves each host itself and
 * connects to the addresses it judged, so Chromium's own resolver never decides where a connection goes. A refusal
 * is answered 403 and recorded for `refusalFor`, as is a target that cannot be reached (answered 502).
 *
 * @example
 * const proxy = await startEgressProxy({ policy });
 * // chromium --proxy-server=${proxy.url} --proxy-bypass-list=<-loopback>
 * await proxy.stop();
 */
export async function startEgressProxy(options: EgressProxyOptions): Promise<EgressProxy> {
  const limits = { ...DEFAULT_EGRESS_LIMITS, ...options.limits };
  const judge = { policy: options.policy, lookup: options.lookup ?? systemHostLookup };
  const refusals = new Map<string, EgressRefusal>();
  const sockets = new Set<Socket>();
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: 32,
    timeout: limits.idleTimeoutMs,
    // Tries each judged address of a name in turn, as Chromium would have.
    autoSelectFamily: true,
  });
  let tunnelCount = 0;

  const record = (target: EgressTarget, refusal: EgressRefusal | undefined): void => {
    refusals.delete(target.key);
    if (refusal === undefined) return;
    refusals.set(target.key, refusal);
    const oldest = refusals.keys().next();
    if (refusals.size > MAX_RECORDED_REFUSALS && oldest.done !== true) refusals.delete(oldest.value);
  };
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.setTimeout(limits.idleTimeoutMs, () => socket.destroy());
    socket.once('close', () => sockets.delete(socket));
  };

  const server = http.createServer((request, response) => {
    void forwardPlainRequest(request, response, { judge, agent, limits, record });
  });
  server.keepAliveTimeout = 30_000;
  server.on('connection', track);
  server.on('clientError', (_error, socket) => socket.destroy());
  // A WebSocket handshake sent as a plain request would bypass the tunnel's checks; Chromium tunnels them.
  server.on('upgrade', (_request, socket: Socket) => answerRaw(socket, 403));
  server.on('connect', (request: http.IncomingMessage, socket: Socket, head: Buffer) => {
    if (tunnelCount >= limits.maxTunnels) return answerRaw(socket, 503);
    tunnelCount++;
    socket.once('close', () => tunnelCount--);
    void openTunnel({ authority: request.url ?? '', client: socket, head }, { judge, limits, record, track });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    refusalFor: (url) => {
      const target = targetOfUrl(url);
      return target && refusals.get(target.key);
    },
    stop: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      agent.destroy();
      await closed;
    },
  };
}

interface TunnelDeps {
  readonly judge: { readonly policy: AddressPolicy; readonly lookup: HostLookup };
  readonly limits: EgressLimits;
  readonly record: (target: EgressTarget, refusal: EgressRefusal | undefined) => void;
  readonly track: (socket: Socket) => void;
}

async function openTunnel(
  tunnel: { authority: string; client: Socket; head: Buffer },
  deps: TunnelDeps,
): Promise<void> {
  const { client } = tunnel;
  client.on('error', () => client.destroy());
  const target = targetOfAuthority(tunnel.authority);
  if (target === undefined) return answerRaw(client, 400);
  const resolution = await resolveTarget(target, deps.judge);
  if ('refusal' in resolution) {
    deps.record(target, resolution.refusal);
    return answerRaw(client, resolution.refusal.errorClass === 'blocked' ? 403 : 502);
  }
  if (client.destroyed) return;
  const upstream = connectPinned(target, { addresses: resolution.addresses, limits: deps.limits });
  deps.track(upstream);
  let isConnected = false;
  client.once('close', () => upstream.destroy());
  upstream.once('close', () => {
    if (isConnected) client.destroy();
  });
  upstream.once('error', (error) => {
    if (isConnected) return void client.destroy();
    deps.record(target, refusalOfError(error));
    answerRaw(client, 502);
  });
  upstream.once('connect', () => {
    isConnected = true;
    deps.record(target, undefined);
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    relayWebTraffic({ client, upstream, head: tunnel.head });
  });
}

/**
 * Pipes the tunnel once the client's first bytes show a TLS handshake (https, wss) or an HTTP request (ws):
 * the tunnel carries web traffic, not whatever a page might speak to a port it found open.
 */
function relayWebTraffic(relay: { client: Socket; upstream: Socket; head: Buffer }): void {
  const { client, upstream } = relay;
  const start = (first: Buffer): void => {
    client.pause();
    if (!isWebTraffic(first)) {
      client.destroy();
      return;
    }
    upstream.write(first);
    client.pipe(upstream);
    upstream.pipe(client);
  };
  if (relay.head.length > 0) start(relay.head);
  else client.once('data', start);
}

const TLS_HANDSHAKE_RECORD = 0x16;

function isWebTraffic(first: Buffer): boolean {
  if (first[0] === TLS_HANDSHAKE_RECORD) return true;
  return /^[A-Z]{3,7} \S+ HTTP\/1\.1\r?\n/.test(first.subarray(0, 2048).toString('latin1'));
}

/** Answers a raw (CONNECT or upgrade) socket with a bare status line and closes it. */
function answerRaw(socket: Socket, status: number): void {
  if (socket.destroyed) return;
  if (socket.writable) {
    socket.end(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? ''}\r\n${EGRESS_ANSWER_HEADER}: refused\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
    );
  }
  socket.destroySoon();
}
