import dgram from 'node:dgram';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dnsStepSchema, httpStepSchema, tcpStepSchema, tlsStepSchema } from '@ganzhi/contracts';
import type { StepResult } from '@ganzhi/contracts';
import type { Clock } from '@ganzhi/runtime';
import { CookieJar } from 'tough-cookie';
import { dnsStepExecutor } from '../dns/dns-step-executor.js';
import { createHttpStepExecutor } from '../http/http-step-executor.js';
import type { StepContext } from '../step-executor.js';
import { createTcpStepExecutor } from '../tcp/tcp-step-executor.js';
import { createTlsStepExecutor } from '../tls/tls-step-executor.js';
import { createAddressPolicy } from './address-policy.js';
import { createCorpusResolver, readSsrfCorpus, type SsrfCorpus, type SsrfPayload } from './ssrf-corpus.js';

/** Short, so a payload that slips through to an address with no listener fails fast (and is reported). */
const STEP_TIMEOUT_MS = 300;
const fixedClock: Clock = { now: () => Date.UTC(2026, 0, 1), sleep: () => Promise.resolve() };

/** Listeners on the corpus's canary addresses; any connection or datagram they see is a bypass. */
interface Canaries {
  port: number;
  hits: number;
  close(): Promise<void>;
}

let canaries: Canaries;
let corpus: SsrfCorpus;
let redirector: http.Server;
let redirectorBase = '';

beforeAll(async () => {
  canaries = await openCanaries(['127.0.0.2', '::1']);
  corpus = readSsrfCorpus({ canaryPort: canaries.port });
  // An allowed server that redirects wherever `?to=` says, so every payload is also tried as a redirect hop.
  redirector = http.createServer((request, response) => {
    const to = new URL(request.url ?? '/', 'http://redirector').searchParams.get('to') ?? '/';
    response.writeHead(302, { location: to }).end();
  });
  await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
  redirectorBase = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await canaries.close();
  await new Promise((resolve) => redirector.close(resolve));
});

describe('the SSRF corpus', () => {
  it('holds at least 200 payloads', () => {
    expect(corpus.hosts.length + corpus.urls.length + corpus.resolvers.length).toBeGreaterThanOrEqual(200);
  });

  const resolveHost = () => createCorpusResolver(corpus);
  const runners: Record<string, () => Promise<string[]>> = {
    'tcp steps': () =>
      bypassesOf(corpus.hosts, (host) => {
        const step = tcpStepSchema.parse({
          kind: 'tcp',
          host: 'x',
          port: canaries.port,
          timeoutMs: STEP_TIMEOUT_MS,
        });
        return createTcpStepExecutor({ resolveHost: resolveHost() }).execute({ ...step, host }, contextFor());
      }),
    'tls steps': () =>
      bypassesOf(corpus.hosts, (host) => {
        const step = tlsStepSchema.parse({
          kind: 'tls',
          host: 'x',
          port: canaries.port,
          timeoutMs: STEP_TIMEOUT_MS,
        });
        return createTlsStepExecutor({ resolveHost: resolveHost() }).execute({ ...step, host }, contextFor());
      }),
    'http steps': () =>
      bypassesOf(corpus.urls, (url) => {
        const step = httpStepSchema.parse({ kind: 'http', url: 'http://x/', timeoutMs: STEP_TIMEOUT_MS });
        return createHttpStepExecutor({ resolveHost: resolveHost() }).execute({ ...step, url }, contextFor());
      }),
    'http steps led there by a redirect': () =>
      // Header values cannot carry control or non-Latin-1 characters, so those payloads cannot be a Location.
      bypassesOf(
        corpus.urls.filter((payload) => /^[\x20-\x7e]*$/.test(payload.target)),
        async (url) => {
          const start = `${redirectorBase}/?to=${encodeURIComponent(url)}`;
          const step = httpStepSchema.parse({ kind: 'http', url: start, timeoutMs: STEP_TIMEOUT_MS });
          const outcome = await createHttpStepExecutor({ resolveHost: resolveHost() }).execute(
            step,
            contextFor(),
          );
          // A Location that is no URL at all is the target's malformed reply, refused before any connection.
          return isUnreadableLocation(outcome.result)
            ? { result: { ...outcome.result, errorClass: 'blocked' } }
            : outcome;
        },
      ),
    'dns steps (the resolver)': () =>
      bypassesOf(corpus.resolvers, (resolver) => {
        const step = dnsStepSchema.parse({ kind: 'dns', query: 'www.ssrf.test', timeoutMs: STEP_TIMEOUT_MS });
        return dnsStepExecutor.execute({ ...step, resolver }, contextFor());
      }),
  };

  for (const [consumer, run] of Object.entries(runners)) {
    it(`never lets ${consumer} reach a canary or a denied address`, async () => {
      expect(await run()).toEqual([]);
    }, 120_000);
  }
});

function isUnreadableLocation(result: StepResult): boolean {
  return result.errorClass === 'protocol' && /unreadable Location/.test(result.errorMessage ?? '');
}

function contextFor(): StepContext {
  return {
    index: 0,
    signal: new AbortController().signal,
    clock: fixedClock,
    addressPolicy: createAddressPolicy({ deny: corpus.deny }),
    cookies: new CookieJar(),
  };
}

/**
 * Runs each payload in turn (so a canary hit names its payload) and describes every one that got through: a
 * canary saw it, a payload that must be blocked ended any other way, or the executor threw.
 */
async function bypassesOf(
  payloads: readonly SsrfPayload[],
  execute: (target: string) => Promise<{ result: StepResult }>,
): Promise<string[]> {
  const bypasses: string[] = [];
  for (const payload of payloads) {
    const hitsBefore = canaries.hits;
    const label = `${JSON.stringify(payload.target)} (${payload.why})`;
    let result: StepResult;
    try {
      ({ result } = await execute(payload.target));
    } catch (error) {
      // Executors never reject; one that does would take the whole flow down with it.
      bypasses.push(`${label}: the executor threw ${String(error)}`);
      continue;
    }
    // A datagram or connection may land just after the step settles.
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (canaries.hits !== hitsBefore) bypasses.push(`${label}: reached a canary`);
    else if (payload.expect === 'blocked' && result.errorClass !== 'blocked') {
      bypasses.push(`${label}: ${result.errorClass ?? 'ok'} ${result.errorMessage ?? ''}`.trim());
    }
  }
  return bypasses;
}

/** TCP and UDP listeners on one port at every address; retried when the port is taken at one of them. */
async function openCanaries(addresses: readonly string[]): Promise<Canaries> {
  for (let attempt = 0; ; attempt++) {
    const closers: (() => Promise<void>)[] = [];
    const canaries: Canaries = {
      port: 0,
      hits: 0,
      close: async () => {
        await Promise.all(closers.map((close) => close()));
      },
    };
    try {
      let port = 0;
      for (const address of addresses) {
        const server = net.createServer((socket) => {
          canaries.hits += 1;
          socket.destroy();
        });
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject).listen(port, address, resolve);
        });
        closers.push(() => new Promise((resolve) => server.close(() => resolve())));
        port = (server.address() as AddressInfo).port;
        const udp = dgram.createSocket(net.isIPv6(address) ? 'udp6' : 'udp4', () => (canaries.hits += 1));
        await new Promise<void>((resolve, reject) => {
          udp.once('error', reject).bind(port, address, resolve);
        });
        closers.push(() => new Promise((resolve) => udp.close(() => resolve())));
      }
      canaries.port = port;
      return canaries;
    } catch (error) {
      await canaries.close();
      if (attempt >= 10) throw error;
    }
  }
}
