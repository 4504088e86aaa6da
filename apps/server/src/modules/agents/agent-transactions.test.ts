import { afterAll, beforeAll, expect, it } from 'vitest';
import type { IngestResult, TransactionSeries } from '@ganzhi/contracts';
import { FakeClock } from '@ganzhi/testing';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';

const NOW = Date.UTC(2026, 10, 22, 2, 0);

function tailedRecord(offset: number, overrides: Record<string, unknown> = {}) {
  return {
    time: NOW - 30 * 60_000 + offset * 1000,
    business: 'payment',
    channel: 'hall',
    region: 'xiangtan',
    clerkId: 'C0042',
    latencyMs: 800 + offset,
    outcome: offset % 5 === 0 ? 'E1023' : 'ok',
    externalId: `agent-1:hall-crm:1234:0:${offset * 120}`,
    ...overrides,
  };
}

describeEachDialect('agent transaction upload', (dialect) => {
  let harness: TestApp;
  const clock = new FakeClock(NOW);

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock });
  });
  afterAll(() => harness.close());

  async function enrol(location: string): Promise<string> {
    const issued = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/agents/enrolment-tokens',
      headers: { ...harness.sessionHeaders },
      payload: { location },
    });
    const { token } = issued.json<{ token: string }>();
    const enrolled = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/agent/enrol',
      headers: { authorization: `Bearer ${token}` },
      payload: { name: `${location}-tail`, location, version: '0.1.0', hostname: 'hall-host' },
    });
    return enrolled.json<{ credential: string }>().credential;
  }

  const upload = (credential: string, records: unknown[]) =>
    harness.app.inject({
      method: 'POST',
      url: '/api/v1/agent/transactions',
      headers: { authorization: `Bearer ${credential}` },
      payload: { records },
    });

  async function xiangtanTotals(): Promise<TransactionSeries['totals']> {
    const params = new URLSearchParams({
      from: new Date(NOW - 3_600_000).toISOString(),
      to: new Date(NOW + 60_000).toISOString(),
      region: 'xiangtan',
    });
    const response = await harness.app.inject({
      method: 'GET',
      url: `/api/v1/transactions/series?${params.toString()}`,
      headers: { ...harness.sessionHeaders },
    });
    expect(response.statusCode).toBe(200);
    return response.json<TransactionSeries>().totals;
  }

  it('counts a batch re-sent after a lost answer once, and lists the records it cannot take', async () => {
    const credential = await enrol('xiangtan');
    const records = [
      ...Array.from({ length: 40 }, (_, i) => tailedRecord(i)),
      tailedRecord(99, { business: 'carrier_pigeon' }),
      tailedRecord(100, { latencyMs: -1 }),
    ];
    const results: IngestResult[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await upload(credential, records);
      expect(response.statusCode).toBe(200);
      results.push(response.json<IngestResult>());
    }
    expect(results.map((result) => result.accepted)).toEqual([40, 0, 0]);
    expect(results.map((result) => result.duplicates)).toEqual([0, 40, 40]);
    expect(results[0]?.rejected.map((rejected) => rejected.index)).toEqual([40, 41]);
    expect(results[0]?.rejected[0]?.reason).toContain('carrier_pigeon');
    const totals = await xiangtanTotals();
    expect(totals.count).toBe(40);
    expect(totals.failures).toBe(8);
  });

  it('refuses records without an agent credential, and a malformed body with 400', async () => {
    const anonymous = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/agent/transactions',
      payload: { records: [tailedRecord(1)] },
    });
    expect(anonymous.statusCode).toBe(401);
    const asUser = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/agent/transactions',
      headers: { ...harness.sessionHeaders },
      payload: { records: [tailedRecord(1)] },
    });
    expect(asUser.statusCode).toBe(401);
    const credential = await enrol('xiangtan');
    const malformed = await upload(credential, 'not a list' as unknown as unknown[]);
    expect(malformed.statusCode).toBe(400);
  });
});
