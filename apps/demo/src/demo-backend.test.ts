import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoBackend, type DemoBackend } from './demo-backend.js';
import type { DemoFaults } from './demo-faults.js';
import { MAX_BODY_BYTES } from './read-request-body.js';

let demo: DemoBackend | undefined;

afterEach(async () => {
  await demo?.close();
  demo = undefined;
});

async function start(options: Parameters<typeof startDemoBackend>[0] = {}): Promise<DemoBackend> {
  demo = await startDemoBackend({ random: () => 0, ...options });
  return demo;
}

interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly requestId: string };
}

async function readError(response: Response): Promise<ErrorBody['error']> {
  return ((await response.json()) as ErrorBody).error;
}

function post(url: string, body: string): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
}

describe('startDemoBackend', () => {
  it('listens on an ephemeral loopback port and reports its URL', async () => {
    const backend = await start();
    expect(backend.port).toBeGreaterThan(0);
    expect(backend.url).toBe(`http://127.0.0.1:${backend.port}/`);
    const response = await fetch(`${backend.url}healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('listens on a free port instead when the preferred ones are taken and fallback is on', async () => {
    const first = await startDemoBackend({ tls: {} });
    try {
      const preferred = { port: first.port, tls: { port: Number(new URL(first.httpsUrl ?? '').port) } };
      const second = await start({ ...preferred, shouldFallBackToFreePort: true });
      expect(second.port).not.toBe(first.port);
      expect(second.httpsUrl).not.toBe(first.httpsUrl);
      expect((await fetch(`${second.url}healthz`)).status).toBe(200);
      await expect(startDemoBackend(preferred)).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
    }
  });

  it('answers malformed JSON with a 400 BAD_JSON error carrying a request id', async () => {
    const backend = await start();
    const response = await post(`${backend.url}api/webhall/payment`, '{"phone": ');
    expect(response.status).toBe(400);
    const error = await readError(response);
    expect(error.code).toBe('BAD_JSON');
    expect(error.requestId).toBe(response.headers.get('x-request-id'));
  });

  it('answers bodies over the limit with 413 and keeps serving', async () => {
    const backend = await start();
    const response = await post(`${backend.url}api/smshall/command`, `"${'x'.repeat(MAX_BODY_BYTES)}"`);
    expect(response.status).toBe(413);
    expect((await readError(response)).code).toBe('PAYLOAD_TOO_LARGE');
    expect((await fetch(`${backend.url}healthz`)).status).toBe(200);
  });

  it('answers unknown paths with 404 and wrong methods with 405 and Allow', async () => {
    const backend = await start();
    const missing = await fetch(`${backend.url}api/nope`);
    expect(missing.status).toBe(404);
    expect((await readError(missing)).code).toBe('NOT_FOUND');
    const wrongMethod = await fetch(`${backend.url}api/webhall/payment`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
  });

  it('rejects invalid faults at start and from setFaults', async () => {
    await expect(startDemoBackend({ faults: { errorRatio: 2 } })).rejects.toThrow('errorRatio');
    const backend = await start();
    expect(() => backend.setFaults({ routes: { '/typo': { down: true } } })).toThrow(
      '/typo is not a demo route',
    );
  });
});

describe('fault injection', () => {
  it('answers 500 INJECTED_FAULT for every request when errorRatio is 1', async () => {
    const backend = await start({ faults: { errorRatio: 1 } });
    const response = await fetch(`${backend.url}api/webhall/balance?phone=13907310001`);
    expect(response.status).toBe(500);
    expect((await readError(response)).code).toBe('INJECTED_FAULT');
  });

  it('answers 503 everywhere but the admin endpoint while down, and recovers', async () => {
    const backend = await start();
    backend.setFaults({ down: true });
    expect((await fetch(backend.url)).status).toBe(503);
    expect((await fetch(`${backend.url}healthz`)).status).toBe(503);
    const reset = await fetch(`${backend.url}__demo/faults`, { method: 'DELETE' });
    expect(reset.status).toBe(200);
    expect((await fetch(backend.url)).status).toBe(200);
  });

  it('adds latencyMs to the answer time', async () => {
    const backend = await start({ faults: { latencyMs: 300 } });
    const startedMs = performance.now();
    const response = await fetch(`${backend.url}api/ivr/menu`);
    // Timers never fire much early; allow a millisecond or two of rounding, never assert an upper bound.
    expect(performance.now() - startedMs).toBeGreaterThanOrEqual(295);
    expect(Number(response.headers.get('x-demo-delay-ms'))).toBeGreaterThanOrEqual(300);
  });

  it('applies per-route overrides set through the admin endpoint', async () => {
    const backend = await start();
    const patch = { routes: { '/api/webhall/payment': { down: true } } };
    const set = await post(`${backend.url}__demo/faults`, JSON.stringify(patch));
    expect(set.status).toBe(200);
    expect(((await set.json()) as DemoFaults).routes).toEqual(patch.routes);
    expect((await post(`${backend.url}api/webhall/payment`, '{}')).status).toBe(503);
    expect((await fetch(`${backend.url}api/webhall/balance?phone=13907310001`)).status).toBe(200);
    const current = (await fetch(`${backend.url}__demo/faults`).then((r) => r.json())) as DemoFaults;
    expect(current.routes).toEqual(patch.routes);
  });

  it('parses form posts as well as JSON bodies', async () => {
    const backend = await start();
    const response = await fetch(`${backend.url}api/smshall/command`, {
      method: 'POST',
      body: new URLSearchParams({ from: '13907310001', text: 'CXYE' }),
    });
    expect(await response.json()).toMatchObject({ command: 'CXYE' });
  });

  it('rejects an invalid admin patch with 400 VALIDATION and keeps the faults', async () => {
    const backend = await start();
    const response = await post(`${backend.url}__demo/faults`, '{"errorRatio": 5}');
    expect(response.status).toBe(400);
    expect((await readError(response)).code).toBe('VALIDATION');
    expect(backend.faults().errorRatio).toBe(0);
  });

  it('survives a client that disconnects during injected latency', async () => {
    const backend = await start({ faults: { latencyMs: 5000 } });
    const aborted = fetch(`${backend.url}api/webhall/balance?phone=13907310001`, {
      signal: AbortSignal.timeout(50),
    });
    await expect(aborted).rejects.toThrow();
    backend.setFaults({ latencyMs: 0 });
    expect((await fetch(`${backend.url}healthz`)).status).toBe(200);
  });

  it('closes promptly with a request still waiting out its latency', async () => {
    const backend = await start({ faults: { latencyMs: 30_000 } });
    const pending = new Promise<string>((resolve) => {
      const req = httpRequest(`${backend.url}api/ivr/menu`, () => resolve('answered'));
      req.on('error', () => resolve('dropped'));
      req.end();
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const startedMs = performance.now();
    await backend.close();
    expect(performance.now() - startedMs).toBeLessThan(5000);
    expect(await pending).toBe('dropped');
  });
});
