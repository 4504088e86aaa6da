import { request } from 'node:https';
import { connect } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoBackend, type DemoBackend } from './demo-backend.js';

let demo: DemoBackend | undefined;

afterEach(async () => {
  await demo?.close();
  demo = undefined;
});

/** The certificate a fresh TLS connection is shown: its `valid_to`, e.g. 'Jan  2 00:00:00 2020 GMT'. */
function presentedValidTo(httpsUrl: string): Promise<string> {
  const { hostname, port } = new URL(httpsUrl);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port), rejectUnauthorized: false }, () => {
      resolve(socket.getPeerCertificate().valid_to);
      socket.destroy();
    });
    socket.on('error', reject);
  });
}

function getOverHttps(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { rejectUnauthorized: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

function requireHttpsUrl(backend: DemoBackend): string {
  if (backend.httpsUrl === undefined) throw new Error('started without tls');
  return backend.httpsUrl;
}

describe('the HTTPS listener', () => {
  it('is off unless asked for', async () => {
    demo = await startDemoBackend({ random: () => 0 });
    expect(demo.httpsUrl).toBeUndefined();
  });

  it('serves the same routes over HTTPS on its own port', async () => {
    demo = await startDemoBackend({ random: () => 0, tls: {} });
    const httpsUrl = requireHttpsUrl(demo);
    expect(httpsUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
    expect(httpsUrl).not.toBe(demo.url.replace('http:', 'https:'));
    const home = await getOverHttps(httpsUrl);
    expect(home.status).toBe(200);
    expect(home.body).toContain('网上营业厅');
  });

  it('presents the 100-year certificate, the expired one under the fault, and back', async () => {
    demo = await startDemoBackend({ random: () => 0, tls: {} });
    const httpsUrl = requireHttpsUrl(demo);
    expect(await presentedValidTo(httpsUrl)).toMatch(/ 2126 GMT$/);
    const set = await fetch(`${demo.url}__demo/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ expiredCertificate: true }),
    });
    expect(set.status).toBe(200);
    expect(await presentedValidTo(httpsUrl)).toBe('Jan  2 00:00:00 2020 GMT');
    await fetch(`${demo.url}__demo/faults`, { method: 'DELETE' });
    expect(await presentedValidTo(httpsUrl)).toMatch(/ 2126 GMT$/);
  });

  it('starts with the expired certificate when the initial faults say so', async () => {
    demo = await startDemoBackend({ random: () => 0, tls: {}, faults: { expiredCertificate: true } });
    expect(await presentedValidTo(requireHttpsUrl(demo))).toBe('Jan  2 00:00:00 2020 GMT');
  });

  it('fails to start when the HTTPS port is taken', async () => {
    demo = await startDemoBackend({ random: () => 0, tls: {} });
    const port = Number(new URL(requireHttpsUrl(demo)).port);
    await expect(startDemoBackend({ tls: { port } })).rejects.toThrow('EADDRINUSE');
  });
});
