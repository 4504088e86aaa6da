import http from 'node:http';
import { isIP } from 'node:net';
import type { AddressPolicy } from '../safety/address-policy.js';
import { EGRESS_ANSWER_HEADER, pinnedLookup, refusalOfError, type EgressLimits } from './egress-connect.js';
import {
  resolveTarget,
  targetOfUrl,
  type EgressRefusal,
  type EgressTarget,
  type HostLookup,
} from './egress-target.js';

export interface PlainForwardDeps {
  readonly judge: { readonly policy: AddressPolicy; readonly lookup: HostLookup };
  /** Keeps connections to targets open between requests; its sockets only ever reach judged addresses. */
  readonly agent: http.Agent;
  readonly limits: EgressLimits;
  readonly record: (target: EgressTarget, refusal: EgressRefusal | undefined) => void;
}

/** Per connection, not end to end (RFC 9110 §7.6.1), plus our own marker, which a target must not forge. */
const HOP_BY_HOP_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'proxy-authenticate',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  EGRESS_ANSWER_HEADER,
]);

/**
 * Carries one plain-HTTP proxy request (`GET http://host/path`) to the addresses judged for its host, and the
 * answer back. Anything but an absolute http URL is refused: https and ws(s) come as CONNECT tunnels.
 */
export async function forwardPlainRequest(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  deps: PlainForwardDeps,
): Promise<void> {
  const url = request.url ?? '';
  const target = url.startsWith('http://') ? targetOfUrl(url) : undefined;
  if (target === undefined) return answer(response, 400);
  const resolution = await resolveTarget(target, deps.judge);
  if ('refusal' in resolution) {
    deps.record(target, resolution.refusal);
    return answer(response, resolution.refusal.errorClass === 'blocked' ? 403 : 502);
  }
  const { pathname, search } = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  const upstream = http.request({
    host: isIP(host) === 0 ? host : (resolution.addresses[0] ?? host),
    port: target.port,
    method: request.method,
    path: `${pathname}${search}`,
    headers: endToEndHeaders(request.headers),
    agent: deps.agent,
    lookup: pinnedLookup(resolution.addresses),
  });
  boundConnect(upstream, deps.limits.connectTimeoutMs);
  upstream.once('response', (answered) => {
    deps.record(target, undefined);
    response.writeHead(answered.statusCode ?? 502, answered.statusMessage, endToEndHeaders(answered.headers));
    answered.pipe(response);
  });
  upstream.once('error', (error) => {
    if (response.headersSent) return void response.destroy();
    const refusal = refusalOfError(error);
    deps.record(target, refusal);
    answer(response, 502);
  });
  // Chromium gave up (the step ended, the page went away): so does the request to the target.
  response.once('close', () => {
    if (!response.writableFinished) upstream.destroy();
  });
  request.pipe(upstream);
}

function boundConnect(upstream: http.ClientRequest, timeoutMs: number): void {
  upstream.once('socket', (socket) => {
    if (!socket.connecting) return;
    const timer = setTimeout(() => {
      upstream.destroy(Object.assign(new Error('connect timed out'), { code: 'ETIMEDOUT' }));
    }, timeoutMs);
    socket.once('connect', () => clearTimeout(timer));
    socket.once('close', () => clearTimeout(timer));
  });
}

function endToEndHeaders(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const kept: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP_HEADERS.has(name)) kept[name] = value;
  }
  return kept;
}

/** The proxy's own answer, marked so the step can tell it from the target's. */
function answer(response: http.ServerResponse, status: number): void {
  if (response.headersSent) return void response.destroy();
  const text = status === 403 ? "refused by the probe's address policy" : 'the target could not be reached';
  response
    .writeHead(status, { 'content-type': 'text/plain; charset=utf-8', [EGRESS_ANSWER_HEADER]: 'refused' })
    .end(text);
}
