import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '@ganzhi/runtime';
import { createDemoAccounts } from './demo-accounts.js';
import {
  DEFAULT_DEMO_FAULTS,
  mergeFaults,
  planFaults,
  resolveRouteFaults,
  type DemoFaults,
} from './demo-faults.js';
import { errorReply, type DemoReply } from './demo-reply.js';
import { createFaultRoutes, type FaultControls } from './fault-routes.js';
import { createIvrRoutes } from './ivr-routes.js';
import { parseFaultsPatch } from './parse-faults-patch.js';
import { readJsonBody } from './read-json-body.js';
import { createRouteTable, type DemoRoute, type RouteTable } from './route-table.js';
import { createSmsHallRoutes } from './sms-hall-routes.js';
import { createSystemRoutes } from './system-routes.js';
import { createWebHallRoutes } from './web-hall-routes.js';
import { writeReply } from './write-reply.js';

export interface DemoBackendOptions {
  /** Default 127.0.0.1: the demo is for local probing and never needs to face a network. */
  readonly host?: string;
  /** Default 0: an ephemeral port, read it back from `port` or `url`. */
  readonly port?: number;
  readonly faults?: Partial<DemoFaults>;
  /** Uniform [0, 1); pin it in tests to choose which requests fail or run slow. Default Math.random. */
  readonly random?: () => number;
  /** Waits out injected latency and dates bills; default the system clock (real timers). */
  readonly clock?: Clock;
}

export interface DemoBackend {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:41234/`. */
  readonly url: string;
  readonly port: number;
  /**
   * Merges a patch into the faults in force; `routes`, when given, replaces all per-route overrides. Throws on
   * an invalid patch (a ratio above 1, an unknown route path).
   */
  setFaults(patch: Partial<DemoFaults>): void;
  faults(): DemoFaults;
  /** Stops listening and drops every open connection, in-flight ones included. */
  close(): Promise<void>;
}

interface BackendContext {
  readonly table: RouteTable;
  readonly random: () => number;
  readonly clock: Clock;
  readonly faults: () => DemoFaults;
  readonly nextRequestId: () => string;
}

/** Waits `delayMs` unless the client disconnects first; true when the client is still there. */
async function waitForClient(
  context: BackendContext,
  response: ServerResponse,
  delayMs: number,
): Promise<boolean> {
  if (delayMs <= 0) return !response.destroyed;
  const gone = new AbortController();
  const onClose = () => gone.abort();
  response.once('close', onClose);
  await context.clock.sleep(delayMs, gone.signal);
  response.off('close', onClose);
  return !gone.signal.aborted && !response.destroyed;
}

async function serveRoute(context: BackendContext, route: DemoRoute, exchange: Exchange): Promise<void> {
  const { request, response, url, send } = exchange;
  const faults = context.faults();
  if (route.kind !== 'admin' && resolveRouteFaults(faults, route.path).down) {
    send(errorReply(503, 'SERVICE_UNAVAILABLE', 'the back end is down (injected fault)'), 0);
    return;
  }
  const read =
    route.method === 'POST' ? await readJsonBody(request) : ({ kind: 'ok', body: undefined } as const);
  if (read === 'aborted') return;
  if (read.kind === 'rejected') return send(read.reply, 0);
  const plan = planFaults({ faults, route, random: context.random });
  if (!(await waitForClient(context, response, plan.delayMs))) return;
  if (plan.shouldFail)
    return send(errorReply(500, 'INJECTED_FAULT', 'the back end failed (injected fault)'), plan.delayMs);
  const { method, path } = route;
  const reply = route.handle({
    method,
    path,
    query: url.searchParams,
    body: read.body,
    headers: request.headers,
    faults,
  });
  send(reply, plan.delayMs);
}

interface Exchange {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly url: URL;
  readonly send: (reply: DemoReply, delayMs: number) => void;
}

async function handleRequest(
  context: BackendContext,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const requestId = context.nextRequestId();
  const send = (reply: DemoReply, delayMs: number) => writeReply(response, reply, { requestId, delayMs });
  try {
    const url = new URL(request.url ?? '/', 'http://demo.invalid');
    const match = context.table.match(request.method ?? 'GET', url.pathname);
    if (match.kind === 'not_found')
      return send(errorReply(404, 'NOT_FOUND', `no demo route ${url.pathname}`), 0);
    if (match.kind === 'method_not_allowed') {
      const reply = errorReply(405, 'METHOD_NOT_ALLOWED', `use ${match.allow.join(' or ')}`);
      return send({ ...reply, headers: { allow: match.allow.join(', ') } }, 0);
    }
    await serveRoute(context, match.route, { request, response, url, send });
  } catch {
    // A handler bug must cost one request, never the process; the demo has no logger to report more to.
    send(errorReply(500, 'INTERNAL', 'internal error'), 0);
  }
}

function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string')
        reject(new Error('the demo back end has no TCP address'));
      else resolve(address);
    });
  });
}

/** The URL a local client should use: wildcard binds are reached through loopback; IPv6 needs brackets. */
function formatBaseUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}/`;
}

function buildRoutes(clock: Clock, controls: FaultControls): DemoRoute[] {
  const accounts = createDemoAccounts();
  const now = () => clock.now();
  return [
    ...createSystemRoutes(),
    ...createWebHallRoutes({ accounts, now }),
    ...createSmsHallRoutes({ accounts, now }),
    ...createIvrRoutes(),
    ...createFaultRoutes(controls),
  ];
}

/**
 * Starts the simulated telecom back end (web hall, SMS hall, IVR, BOSS status) on a local port.
 *
 * @example
 * const demo = await startDemoBackend({ faults: { errorRatio: 0.1 } });
 * await fetch(`${demo.url}api/webhall/balance?phone=13907310001`);
 * await demo.close();
 */
export async function startDemoBackend(options: DemoBackendOptions = {}): Promise<DemoBackend> {
  const clock = options.clock ?? systemClock;
  let faults = DEFAULT_DEMO_FAULTS;
  const controls: FaultControls = {
    faults: () => faults,
    setFaults: (patch: Partial<DemoFaults>) => void (faults = mergeFaults(faults, patch)),
    routePaths: () => table.paths,
  };
  const table = createRouteTable(buildRoutes(clock, controls));
  // Patches from code are checked like the admin endpoint's body, so a typo throws instead of being ignored.
  const setCheckedFaults = (patch: Partial<DemoFaults>) => {
    const parsed = parseFaultsPatch(patch, table.paths);
    if (!parsed.ok) throw new Error(`invalid demo faults: ${parsed.message}`);
    controls.setFaults(parsed.value);
  };
  setCheckedFaults(options.faults ?? {});
  let requestCount = 0;
  const random = options.random ?? Math.random;
  const nextRequestId = () => `demo-${(++requestCount).toString(36).padStart(6, '0')}`;
  const context: BackendContext = { table, random, clock, faults: controls.faults, nextRequestId };
  const server = createServer((request, response) => void handleRequest(context, request, response));
  const host = options.host ?? '127.0.0.1';
  const address = await listen(server, host, options.port ?? 0);
  return {
    url: formatBaseUrl(host, address.port),
    port: address.port,
    setFaults: setCheckedFaults,
    faults: controls.faults,
    close: () => closeServer(server),
  };
}

function closeServer(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Keep-alive and in-flight (delayed) connections would otherwise hold close() open for seconds.
    server.closeAllConnections();
  });
}
