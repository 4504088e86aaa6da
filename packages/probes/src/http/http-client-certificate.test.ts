import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpStepSchema } from '@ganzhi/contracts';
import { systemClock } from '@ganzhi/runtime';
import { CookieJar } from 'tough-cookie';
import { ALLOW_ALL_ADDRESSES } from '../safety/address-policy.js';
import { httpStepExecutor } from './http-step-executor.js';

const read = (name: string) => readFileSync(new URL(`../../testdata/${name}`, import.meta.url), 'utf8');
const client = { certPem: read('client-cert.pem'), keyPem: read('client-key.pem') };

// A server that demands a client certificate signed by (here: equal to) the test client's.
const server = https.createServer(
  {
    cert: read('localhost-cert.pem'),
    key: read('localhost-key.pem'),
    ca: [client.certPem],
    requestCert: true,
    rejectUnauthorized: true,
  },
  (request, response) => {
    const peer = (request.socket as TLSSocket).getPeerCertificate();
    response.end(`hello ${String(peer.subject.CN)}`);
  },
);
let url = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => new Promise((resolve) => server.close(resolve)));

async function probe(input: Record<string, unknown>) {
  const step = httpStepSchema.parse({ kind: 'http', url, insecureTls: true, timeoutMs: 3000, ...input });
  const context = {
    index: 0,
    signal: new AbortController().signal,
    clock: systemClock,
    addressPolicy: ALLOW_ALL_ADDRESSES,
    cookies: new CookieJar(),
  };
  return httpStepExecutor.execute(step, context);
}

describe('http step with a client certificate (mutual TLS)', () => {
  it('presents the certificate and gets in', async () => {
    const { result, observation } = await probe({ clientCertificate: client });
    expect(result).toMatchObject({ ok: true, errorClass: null });
    expect(observation?.body).toBe('hello ganzhi-probe-client');
  });

  it('is refused without it, as a tls or reset failure, never a crash', async () => {
    const { result } = await probe({});
    expect(result.ok).toBe(false);
    expect(['tls', 'connect_reset']).toContain(result.errorClass);
  });
});
