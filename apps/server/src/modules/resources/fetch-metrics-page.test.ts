import { readFileSync } from 'node:fs';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAddressPolicy } from '@ganzhi/probes';
import { fetchMetricsPage } from './fetch-metrics-page.js';

/**
 * The probes' SSRF corpus, read as data: URLs in every spelling that has led a fetcher somewhere it should not go.
 * Read from its file because it is test data, not part of the probes package's public entry.
 */
const CORPUS_URL = new URL(
  '../../../../../packages/probes/src/safety/testdata/ssrf-corpus.json',
  import.meta.url,
);

interface CorpusPayload {
  readonly target: string;
  readonly expect: 'blocked' | 'no-canary';
  readonly why: string;
}

interface Corpus {
  readonly deny: string[];
  readonly canaries: string[];
  readonly names: Record<string, string[]>;
  readonly urls: CorpusPayload[];
}

let canaryHits = 0;
let canaryPort = 0;
const canaryServers: net.Server[] = [];

beforeAll(async () => {
  // The corpus's canaries: any connection they see is a bypass. One port at both addresses.
  for (let attempt = 0; canaryServers.length < 2 && attempt < 10; attempt++) {
    await Promise.all(canaryServers.splice(0).map((server) => new Promise((done) => server.close(done))));
    for (const address of ['127.0.0.2', '::1']) {
      const server = net.createServer((socket) => {
        canaryHits += 1;
        socket.destroy();
      });
      const isListening = await new Promise<boolean>((resolve) => {
        server.once('error', () => resolve(false)).listen(canaryPort, address, () => resolve(true));
      });
      if (!isListening) break;
      canaryServers.push(server);
      canaryPort = (server.address() as AddressInfo).port;
    }
  }
});

afterAll(async () => {
  await Promise.all(canaryServers.map((server) => new Promise((done) => server.close(done))));
});

describe('fetching a metrics page', () => {
  it('never reaches a canary or a denied address for any URL in the SSRF corpus', async () => {
    expect(canaryServers).toHaveLength(2);
    const corpus = JSON.parse(
      readFileSync(CORPUS_URL, 'utf8').replaceAll('{port}', String(canaryPort)),
    ) as Corpus;
    const options = {
      timeoutMs: 300,
      maxBytes: 1024,
      addressPolicy: createAddressPolicy({ deny: corpus.deny }),
      resolveHost: (hostname: string) => {
        const addresses = corpus.names[hostname.toLowerCase().replace(/\.$/, '')];
        return addresses ? Promise.resolve(addresses) : Promise.reject(new Error(`ENOTFOUND ${hostname}`));
      },
    };
    const bypasses: string[] = [];
    for (const payload of corpus.urls) {
      const hitsBefore = canaryHits;
      const outcome = await fetchMetricsPage(payload.target, options).then(
        () => 'fetched',
        (error: Error) => error.message,
      );
      await new Promise((resolve) => setTimeout(resolve, 1));
      const label = `${JSON.stringify(payload.target)} (${payload.why})`;
      if (canaryHits !== hitsBefore) bypasses.push(`${label}: reached a canary`);
      else if (payload.expect === 'blocked' && !outcome.startsWith('blocked:'))
        bypasses.push(`${label}: ${outcome}`);
    }
    expect(bypasses).toEqual([]);
  }, 120_000);
});
