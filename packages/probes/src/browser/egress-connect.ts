import { connect, isIP, type LookupFunction, type Socket } from 'node:net';
import type { EgressRefusal, EgressTarget } from './egress-target.js';

/** Marks the answers the proxy makes itself (refusals, failed connections) on plain-HTTP responses. */
export const EGRESS_ANSWER_HEADER = 'ganzhi-egress';

export interface EgressLimits {
  /** A target that has not accepted the connection by then is given up as `timeout`. */
  readonly connectTimeoutMs: number;
  /** A connection (client or target side) with no traffic for this long is closed. */
  readonly idleTimeoutMs: number;
  /** CONNECT tunnels open at once; more are answered 503. Chromium itself opens at most 32 per proxy. */
  readonly maxTunnels: number;
}

export const DEFAULT_EGRESS_LIMITS: EgressLimits = {
  connectTimeoutMs: 15_000,
  idleTimeoutMs: 120_000,
  maxTunnels: 64,
};

/**
 * Connects to `target` at the judged addresses only: a name is handed a lookup that answers with them (trying each
 * in turn), an IP literal is connected to as judged.
 */
export function connectPinned(
  target: EgressTarget,
  pinned: { addresses: readonly string[]; limits: EgressLimits },
): Socket {
  const host = target.hostname.replace(/^\[|\]$/g, '');
  const first = pinned.addresses[0] ?? host;
  const socket = connect({
    host: isIP(host) === 0 ? host : first,
    port: target.port,
    lookup: pinnedLookup(pinned.addresses),
    autoSelectFamily: true,
  });
  const timer = setTimeout(() => {
    socket.destroy(Object.assign(new Error('connect timed out'), { code: 'ETIMEDOUT' }));
  }, pinned.limits.connectTimeoutMs);
  socket.once('connect', () => clearTimeout(timer));
  socket.once('close', () => clearTimeout(timer));
  return socket;
}

/** A `lookup` that answers with addresses judged beforehand instead of asking DNS again. */
export function pinnedLookup(addresses: readonly string[]): LookupFunction {
  return (_hostname, options, callback) => {
    const entries = addresses.map((address) => ({ address, family: isIP(address) }));
    const first = entries[0];
    if (first === undefined) return callback(new Error('no judged address'), '', 0);
    if (options.all === true) return callback(null, entries);
    return callback(null, first.address, first.family);
  };
}

/** Chromium's name and our class for why a connection to a target failed, from Node's error code. */
export function refusalOfError(error: unknown): EgressRefusal {
  const code = codeOf(error);
  switch (code) {
    case 'ECONNREFUSED':
      return { errorClass: 'connect_refused', reason: 'net::ERR_CONNECTION_REFUSED' };
    case 'ETIMEDOUT':
      return { errorClass: 'timeout', reason: 'net::ERR_CONNECTION_TIMED_OUT' };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { errorClass: 'host_unreachable', reason: 'net::ERR_ADDRESS_UNREACHABLE' };
    default:
      return { errorClass: 'connect_reset', reason: 'net::ERR_CONNECTION_RESET' };
  }
}

/** The error's code; with several addresses tried (autoSelectFamily) Node reports an AggregateError of them. */
function codeOf(error: unknown): string | undefined {
  if (error instanceof AggregateError) return codeOf(error.errors.at(-1));
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}
