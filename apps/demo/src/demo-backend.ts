import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { systemClock, type Clock } from '@ganzhi/runtime';
import { createAppRoutes } from './app-routes.js';
import { createBossCrmRoutes } from './boss-crm-routes.js';
import { createDemoAccounts } from './demo-accounts.js';
import {
  DEFAULT_DEMO_FAULTS,
  mergeFaults,
  planFaults,
  resolveRouteFaults,
  type DemoFaults,
} from './demo-faults.js';
import { closeServer, formatBaseUrl, listenPreferring } from './demo-listeners.js';
import { errorReply, type DemoReply } from './demo-reply.js';
import { startTlsListener, type TlsListener } from './demo-tls-listener.js';
import { createFaultRoutes, type FaultControls } from './fault-routes.js';
import { createIvrRoutes } from './ivr-routes.js';
import { parseFaultsPatch } from './parse-faults-patch.js';
import { readRequestBody } from './read-request-body.js';
import { createRouteTable, type DemoRoute, type RouteTable } from './route-table.js';
import { createSmsHallRoutes } from './sms-hall-routes.js';
import { createSystemRoutes } from './system-routes.js';
import { WHITE_PAGE_HTML } from './web-hall-page-html.js';
import { createWebHallPages } from './web-hall-pages.js';
import { createWebHallRoutes } from './web-hall-routes.js';
import { writeReply } from './write-reply.js';

export interface DemoBackendOptions {
  /** Default 127.0.0.1: the demo is for local probing and never needs to face a network. */
  readonly host?: string;
  /** Default 0: an ephemeral port, read it back from `port` or `url`. */
  readonly port?: number;
  /**
   * When `port` (or `tls.port`) is taken, listen on a free port instead of failing; `url` and `httpsUrl` say which.
   * For `ganzhi serve --demo`, which prefers the documented 8081 but must start beside another demo. Default false.
   */
  readonly shouldFallBackToFreePort?: boolean;
  readonly faults?: Partial<DemoFaults>;
  /** Uniform [0, 1); pin it in tests to choose which requests fail or run slow. Default Math.random. */
  readonly random?: () => number;
  /** Waits out injected latency and dates bills; default the system clock (real timers). */
  readonly clock?: Clock;
  /**
   * Also serve every route over HTTPS, on the same host, with the self-signed certificates in `testdata/` (the
   * `expiredCertificate` fault switches to the expired one). Off by default.
   */
  readonly tls?: DemoTlsOptions;
}

export interface DemoTlsOptions {
  /** Default 0: an ephemeral port, read it back from `httpsUrl`. */
  readonly port?: number;
}

export interface DemoBackend {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:41234/`. */
  readonly url: string;
  readonly port: number;
  /** Base URL of the HTTPS listener, e.g. `https://127.0.0.1:41235/`; only when started with `tls`. */
  readonly httpsUrl?: string;
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
    route.method === 'POST' ? await readRequestBody(request) : ({ kind: 'ok', body: undefined } as const);
  if (read === 'aborted') return;
  if (read.kind === 'rejected') return send(read.reply, 0);
  const plan = planFaults({ faults, route, random: context.random });
  if (!(await waitForClient(context, response, plan.delayMs))) return;
  if (plan.shouldFail)
    return send(errorReply(500, 'INJECTED_FAULT', 'the back end failed (injected fault)'), plan.delayMs);
  if (plan.shouldServeWhitePage) return send({ status: 200, html: WHITE_PAGE_HTML }, plan.delayMs);
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

function buildRoutes(clock: Clock, controls: FaultControls): DemoRoute[] {
  const accounts = createDemoAccounts();
  const now = () => clock.now();
  return [
    ...createSystemRoutes(),
    ...createWebHallRoutes({ accounts, now }),
    ...createWebHallPages({ accounts, now }),
    ...createSmsHallRoutes({ accounts, now }),
    ...createIvrRoutes(),
    ...createBossCrmRoutes({ accounts, now }),
    ...createAppRoutes({ accounts, now }),
    ...createFaultRoutes(controls),
  ];
}

/**
 * Starts the simulated telecom back end (web hall APIs and pages, SMS hall, IVR, BOSS/CRM, app gateway) on a
 * local port, and on a second, HTTPS port when `tls` is given.
 *
 * @example
 * const demo = await startDemoBackend({ faults: { errorRatio: 0.1 }, tls: {} });
 * await fetch(`${demo.url}api/webhall/balance?phone=13907310001`);
 * await demo.close();
 */
export async function startDemoBackend(options: DemoBackendOptions = {}): Promise<DemoBackend> {
  const clock = options.clock ?? systemClock;
  let faults = DEFAULT_DEMO_FAULTS;
  let tls: TlsListener | undefined;
  const controls: FaultControls = {
    faults: () => faults,
    setFaults: (patch: Partial<DemoFaults>) => {
      faults = mergeFaults(faults, patch);
      tls?.present({ isExpired: faults.expiredCertificate });
    },
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
  const handler = (request: IncomingMessage, response: ServerResponse) =>
    void handleRequest(context, request, response);
  const server = createServer(handler);
  const host = options.host ?? '127.0.0.1';
  const shouldFallBackToFreePort = options.shouldFallBackToFreePort ?? false;
  const address = await listenPreferring(server, { host, port: options.port ?? 0 }, shouldFallBackToFreePort);
  if (options.tls) {
    const tlsInput = {
      host,
      port: options.tls.port ?? 0,
      handler,
      isExpired: faults.expiredCertificate,
      shouldFallBackToFreePort,
    };
    // A taken HTTPS port must not leave the HTTP listener running with nobody to close it.
    tls = await startTlsListener(tlsInput).catch(async (error: unknown) => {
      await closeServer(server);
      throw error;
    });
  }
  const httpsServer = tls?.server;
  return {
    url: formatBaseUrl('http', host, address.port),
    port: address.port,
    ...(tls ? { httpsUrl: formatBaseUrl('https', host, tls.port) } : {}),
    setFaults: setCheckedFaults,
    faults: controls.faults,
    close: async () => {
      await Promise.all([closeServer(server), ...(httpsServer ? [closeServer(httpsServer)] : [])]);
    },
  };
}
