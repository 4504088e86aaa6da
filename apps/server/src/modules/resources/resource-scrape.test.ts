import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ErrorEnvelope, ScrapeResult, ScrapeTarget, ScrapeTargetInputRaw } from '@ganzhi/contracts';
import { ALLOW_ALL_ADDRESSES, createAddressPolicy } from '@ganzhi/probes';
import { FakeClock } from '@ganzhi/testing';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';
import { fetchMetricsPage } from './fetch-metrics-page.js';
import { mapPrometheusPage } from './map-prometheus-samples.js';

const NOW = Date.UTC(2026, 10, 20, 6, 30);

/** What a node exporter and an interface gateway might publish (ratios 0–1, a pool gauge, a histogram). */
const METRICS_PAGE = `# HELP node_cpu_busy_ratio Busy share of all CPUs.
# TYPE node_cpu_busy_ratio gauge
node_cpu_busy_ratio{instance="crm-app-1",mode="all"} 0.42
node_cpu_busy_ratio{instance="crm-app-2",mode="all"} 0.91
node_cpu_busy_ratio{instance="crm-app-2",mode="user"} 0.5
# TYPE boss_pool_sessions gauge
boss_pool_sessions{pool="boss",state="in_use"} 37
boss_pool_sessions{pool="boss",state="size"} 50
# TYPE request_seconds histogram
request_seconds_bucket{le="1"} 3
request_seconds_bucket{le="+Inf"} 4
request_seconds_sum 2.5
request_seconds_count 4
`;

/** A local exporter: /metrics answers the page, /broken a 500, /slow never, /big more than a small limit. */
async function startExporter(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    if (request.url === '/metrics') response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    if (request.url === '/metrics') return void response.end(METRICS_PAGE);
    if (request.url === '/broken') return void response.writeHead(500).end('boom');
    if (request.url === '/big') return void response.end('x'.repeat(64 * 1024));
    // /slow: headers never come
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const CPU_MAPPING = {
  prometheusMetric: 'node_cpu_busy_ratio',
  labelMatchers: { mode: 'all' },
  metric: 'cpu_util',
  scale: 100,
} as const;

describe('Prometheus pages', () => {
  let exporter: Awaited<ReturnType<typeof startExporter>>;
  beforeAll(async () => (exporter = await startExporter()));
  afterAll(() => exporter.close());

  it('maps selected samples with their scale and host label, and skips what has no single value', () => {
    const mapped = mapPrometheusPage(METRICS_PAGE, {
      system: 'crm',
      host: { kind: 'label', label: 'instance' },
      timeMs: NOW,
      mappings: [
        CPU_MAPPING,
        { prometheusMetric: 'request_seconds', labelMatchers: {}, metric: 'pool_size', scale: 1 },
        {
          prometheusMetric: 'boss_pool_sessions',
          labelMatchers: { state: 'size' },
          metric: 'pool_size',
          scale: 1,
        },
      ],
    });
    expect(mapped.samples.map((s) => [s.host, s.metric, Math.round(s.value * 1000) / 1000])).toEqual([
      ['crm-app-1', 'cpu_util', 42],
      ['crm-app-2', 'cpu_util', 91],
    ]);
    expect(mapped.problems).toEqual([
      'request_seconds: a histogram has no single value',
      'boss_pool_sessions: a sample has no usable host label "instance"',
    ]);
  });

  it('stops reading a page beyond the size limit, and refuses addresses outside the policy', async () => {
    await expect(
      fetchMetricsPage(`${exporter.url}/big`, {
        timeoutMs: 2000,
        maxBytes: 1024,
        addressPolicy: ALLOW_ALL_ADDRESSES,
      }),
    ).rejects.toThrow('larger than 1024 bytes');
    const denyLoopback = createAddressPolicy({ deny: ['127.0.0.0/8'] });
    await expect(
      fetchMetricsPage(`${exporter.url}/metrics`, {
        timeoutMs: 2000,
        maxBytes: 1024,
        addressPolicy: denyLoopback,
      }),
    ).rejects.toThrow('blocked');
    await expect(
      fetchMetricsPage(`http://localhost:${new URL(exporter.url).port}/metrics`, {
        timeoutMs: 2000,
        maxBytes: 1024,
        addressPolicy: denyLoopback,
      }),
    ).rejects.toThrow('blocked');
  });
});

describeEachDialect('resource scraping', (dialect) => {
  let harness: TestApp;
  let exporter: Awaited<ReturnType<typeof startExporter>>;
  const clock = new FakeClock(NOW);

  beforeAll(async () => {
    exporter = await startExporter();
    harness = await openTestApp({ dialect, clock });
  });
  afterAll(async () => {
    await harness.services.resources.scraper.stop();
    await harness.close();
    await exporter.close();
  });

  const call = async <T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) => {
    const response = await harness.app.inject({
      method,
      url: `/api/v1/resources/scrape-targets${url}`,
      headers: { ...harness.sessionHeaders },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    return {
      status: response.statusCode,
      body: response.body === '' ? (undefined as T) : response.json<T>(),
    };
  };

  const target = (overrides: Partial<ScrapeTargetInputRaw> = {}): ScrapeTargetInputRaw => ({
    name: 'crm node exporter',
    url: `${exporter.url}/metrics`,
    system: 'crm',
    mappings: [CPU_MAPPING],
    ...overrides,
  });

  const cpuRows = (host: string) =>
    harness.database.db
      .selectFrom('resource_minute')
      .selectAll()
      .where('system', '=', 'crm')
      .where('host', '=', host)
      .where('metric', '=', 'cpu_util')
      .execute();

  it('validates a target field by field', async () => {
    const response = await call<ErrorEnvelope>(
      'POST',
      '',
      target({
        url: 'ftp://exporter/metrics',
        intervalSeconds: 1,
        mappings: [{ prometheusMetric: 'cpu busy', metric: 'cpu_util', scale: 0 }],
      }),
    );
    expect(response.status).toBe(400);
    expect(response.body.error.details?.map((d) => d.path).sort()).toEqual([
      'intervalSeconds',
      'mappings.0.prometheusMetric',
      'mappings.0.scale',
      'url',
    ]);
    const unknown = await call<ErrorEnvelope>('POST', '', target({ system: 'mainframe' }));
    expect(unknown.body.error.details).toEqual([
      { path: 'system', message: expect.stringContaining('unknown system "mainframe"') as string },
    ]);
    const metadata = await call<ErrorEnvelope>('POST', '', target({ url: 'http://169.254.169.254/metrics' }));
    expect(metadata.body.error.details?.[0]?.path).toBe('url');
    expect((await call<ErrorEnvelope>('POST', '', target({ mappings: [] }))).status).toBe(400);
  });

  it('creates, reads, updates and deletes targets', async () => {
    const created = await call<ScrapeTarget>('POST', '', target({ name: 'to delete', enabled: false }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      intervalSeconds: 60,
      timeoutMs: 10_000,
      host: { kind: 'label', label: 'instance' },
      mappings: [CPU_MAPPING],
      enabled: false,
      lastScrape: null,
    });
    const id = created.body.id;
    const updated = await call<ScrapeTarget>(
      'PUT',
      `/${id}`,
      target({ name: 'renamed', intervalSeconds: 30 }),
    );
    expect(updated.body).toMatchObject({ id, name: 'renamed', intervalSeconds: 30, enabled: true });
    expect((await call<{ items: ScrapeTarget[] }>('GET', '')).body.items.map((t) => t.name)).toContain(
      'renamed',
    );
    expect((await call('DELETE', `/${id}`)).status).toBe(204);
    expect((await call('GET', `/${id}`)).status).toBe(404);
    expect((await call('PUT', `/${id}`, target())).status).toBe(404);
  });

  it('scrapes a local exporter on demand and stores the mapped samples with the outcome', async () => {
    const created = await call<ScrapeTarget>('POST', '', target({ name: 'on demand', enabled: false }));
    const result = await call<ScrapeResult>('POST', `/${created.body.id}/scrape`);
    expect(result.body).toEqual({ at: new Date(NOW).toISOString(), status: 'ok', samples: 2, error: null });
    const [one] = await cpuRows('crm-app-1');
    const [two] = await cpuRows('crm-app-2');
    expect(Number(one?.sum)).toBeCloseTo(42, 9);
    expect(Number(two?.max)).toBeCloseTo(91, 9);
    const pool = await call<ScrapeTarget>(
      'POST',
      '',
      target({
        name: 'boss pool',
        host: { kind: 'fixed', name: 'boss-gw' },
        enabled: false,
        mappings: [
          {
            prometheusMetric: 'boss_pool_sessions',
            labelMatchers: { state: 'in_use' },
            metric: 'pool_in_use',
          },
          { prometheusMetric: 'boss_pool_sessions_missing', metric: 'pool_size' },
        ],
      }),
    );
    const partial = await call<ScrapeResult>('POST', `/${pool.body.id}/scrape`);
    expect(partial.body).toMatchObject({ status: 'partial', samples: 1 });
    expect(partial.body.error).toContain('boss_pool_sessions_missing: no sample matched');
    const stored = await call<ScrapeTarget>('GET', `/${pool.body.id}`);
    expect(stored.body.lastScrape).toEqual(partial.body);
  });

  it('records why a scrape failed: an HTTP error, a timeout', async () => {
    const broken = await call<ScrapeTarget>(
      'POST',
      '',
      target({ url: `${exporter.url}/broken`, enabled: false }),
    );
    expect((await call<ScrapeResult>('POST', `/${broken.body.id}/scrape`)).body).toMatchObject({
      status: 'failed',
      samples: 0,
      error: 'HTTP 500 from the target',
    });
    const slow = await call<ScrapeTarget>(
      'POST',
      '',
      target({ url: `${exporter.url}/slow`, timeoutMs: 500, enabled: false }),
    );
    expect((await call<ScrapeResult>('POST', `/${slow.body.id}/scrape`)).body).toMatchObject({
      status: 'failed',
      error: 'timed out after 500 ms',
    });
  });

  it('scrapes enabled targets on their interval once started', async () => {
    const scheduled = await call<ScrapeTarget>(
      'POST',
      '',
      target({ name: 'scheduled', intervalSeconds: 10, host: { kind: 'fixed', name: 'crm-sched' } }),
    );
    const scraper = harness.services.resources.scraper;
    await scraper.start();
    const scrapedSamples = async () =>
      (await cpuRows('crm-sched')).reduce((sum, row) => sum + Number(row.count), 0);
    // New targets run at once; then once per interval of the (fake) clock.
    await vi.waitFor(async () => expect(await scrapedSamples()).toBe(2), { timeout: 5000 });
    await clock.advance(10_000);
    await vi.waitFor(async () => expect(await scrapedSamples()).toBe(4), { timeout: 5000 });
    await vi.waitFor(async () =>
      expect((await call<ScrapeTarget>('GET', `/${scheduled.body.id}`)).body.lastScrape?.status).toBe('ok'),
    );
    // Disabled targets (the ones above) were never scheduled: their samples were all from "scrape now".
    expect((await cpuRows('crm-app-1')).reduce((sum, row) => sum + Number(row.count), 0)).toBe(1);
    await scraper.stop();
  });
});
