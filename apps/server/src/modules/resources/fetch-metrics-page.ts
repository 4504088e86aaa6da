import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { AddressPolicy } from '@ganzhi/probes';

/** Why a metrics page could not be read; the message is safe to show (no response body is quoted). */
export class ScrapeFetchError extends Error {
  override readonly name = 'ScrapeFetchError';
}

export interface FetchMetricsOptions {
  readonly timeoutMs: number;
  /** Largest page read; a bigger one fails the scrape rather than filling memory. */
  readonly maxBytes: number;
  readonly addressPolicy: AddressPolicy;
  /** Resolves a target's host name to its addresses; the system's resolver by default (tests play DNS with it). */
  readonly resolveHost?: (hostname: string) => Promise<readonly string[]>;
  /** Ends the request at once (the server is shutting down). */
  readonly signal?: AbortSignal;
}

const systemResolveHost = async (hostname: string): Promise<readonly string[]> =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * Resolves like Node does, then keeps only the addresses the policy allows, between resolution and connect, so a
 * name cannot lead a scrape to a denied range (the probes' guard, for the scraper's plain HTTP client).
 */
function guardedLookup(options: FetchMetricsOptions): LookupFunction {
  const policy = options.addressPolicy;
  const resolveHost = options.resolveHost ?? systemResolveHost;
  return (hostname, lookupOptions, callback) => {
    resolveHost(hostname).then(
      (addresses) => {
        const allowed = addresses
          .filter((address) => policy.check(address) === null)
          .map((address) => ({ address, family: isIP(address) }))
          .filter((entry) => !lookupOptions.family || entry.family === lookupOptions.family);
        const first = allowed[0];
        if (!first) {
          const reason = addresses[0] ? policy.check(addresses[0]) : `${hostname} has no address`;
          return callback(new ScrapeFetchError(`blocked: ${reason ?? hostname}`), '', 0);
        }
        if (lookupOptions.all) return callback(null, allowed);
        return callback(null, first.address, first.family);
      },
      (error: Error) => callback(error, '', 0),
    );
  };
}

/** GETs a Prometheus text page within the time and size limits; redirects are not followed. */
export function fetchMetricsPage(url: string, options: FetchMetricsOptions): Promise<string> {
  if (!URL.canParse(url)) return Promise.reject(new ScrapeFetchError(`blocked: "${url}" is not a URL`));
  // The URL parser has put odd spellings of addresses (`0x7f.1`, `2130706433`) into standard notation by now.
  const target = new URL(url);
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    return Promise.reject(new ScrapeFetchError(`blocked: the ${target.protocol} scheme is not allowed`));
  }
  const literal = target.hostname.replace(/^\[|\]$/g, '');
  if (isIP(literal) !== 0) {
    const refused = options.addressPolicy.check(literal);
    if (refused !== null) return Promise.reject(new ScrapeFetchError(`blocked: ${refused}`));
  }
  const client = target.protocol === 'https:' ? https : http;
  return new Promise<string>((resolve, reject) => {
    const request = client.get(
      target,
      {
        lookup: guardedLookup(options),
        timeout: options.timeoutMs,
        ...(options.signal ? { signal: options.signal } : {}),
        headers: { accept: 'text/plain;version=0.0.4;q=1,*/*;q=0.1', 'accept-encoding': 'identity' },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status < 200 || status >= 300) {
          response.resume();
          reject(new ScrapeFetchError(`HTTP ${status} from the target`));
          return;
        }
        const chunks: Buffer[] = [];
        let bytes = 0;
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes > options.maxBytes) {
            request.destroy(new ScrapeFetchError(`the page is larger than ${options.maxBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        response.on('error', (error) => reject(toFetchError(error)));
      },
    );
    // The socket timeout fires on inactivity; the overall deadline bounds slow drips too.
    const deadline = setTimeout(() => request.destroy(timedOut(options.timeoutMs)), options.timeoutMs);
    request.on('timeout', () => request.destroy(timedOut(options.timeoutMs)));
    request.on('error', (error) => reject(toFetchError(error)));
    request.on('close', () => clearTimeout(deadline));
  });
}

function timedOut(timeoutMs: number): ScrapeFetchError {
  return new ScrapeFetchError(`timed out after ${timeoutMs} ms`);
}

function toFetchError(error: Error): ScrapeFetchError {
  if (error instanceof ScrapeFetchError) return error;
  if (error.name === 'AbortError')
    return new ScrapeFetchError('interrupted: the scrape was abandoned at shutdown');
  const code = (error as NodeJS.ErrnoException).code;
  return new ScrapeFetchError(code ? `${code}: ${error.message}` : error.message);
}
