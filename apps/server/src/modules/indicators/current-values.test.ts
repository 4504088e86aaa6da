import { afterAll, beforeAll, expect, it } from 'vitest';
import type { IndicatorCurrentValues } from '@ganzhi/contracts';
import { FakeClock } from '@ganzhi/testing';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';

// Month end, 14:30 in Changsha.
const NOW = Date.UTC(2026, 10, 30, 6, 30);
const PASSWORD = 'Yueyang-operator-7';

/** `n` transactions of one service, `failures` of them failed, spread over the last ten minutes. */
function records(
  service: { business: string; channel: string; region: string },
  n: number,
  failures: number,
) {
  return Array.from({ length: n }, (_, index) => ({
    time: new Date(NOW - 60_000 - (index % 10) * 60_000).toISOString(),
    ...service,
    latencyMs: 800,
    outcome: index < failures ? 'E500' : 'ok',
  }));
}

describeEachDialect('current indicator values', (dialect) => {
  let harness: TestApp;
  let operator: Record<string, string>;

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock: new FakeClock(NOW) });
    const token = await harness.createToken('hall logs');
    await harness.app.inject({
      method: 'POST',
      url: '/api/v1/ingest/transactions',
      headers: { authorization: `Bearer ${token}` },
      payload: [
        ...records({ business: 'payment', channel: 'hall', region: 'changsha' }, 200, 10),
        ...records({ business: 'payment', channel: 'hall', region: 'yueyang' }, 100, 0),
      ],
    });
    await harness.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: harness.sessionHeaders,
      payload: { username: 'yy.operator', password: PASSWORD, roles: ['operator'], regions: ['yueyang'] },
    });
    const login = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'yy.operator', password: PASSWORD },
    });
    operator = {
      cookie: String(login.headers['set-cookie']).split(';')[0] ?? '',
      origin: 'http://localhost',
    };
  });
  afterAll(() => harness.close());

  const read = async (headers: Record<string, string>, query = '') => {
    const response = await harness.app.inject({ url: `/api/v1/scores/indicators${query}`, headers });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<IndicatorCurrentValues>();
  };

  it('gives each indicator its province-wide value over the last hour, scored against its thresholds', async () => {
    const current = await read(harness.sessionHeaders);
    expect(current.to).toBe(new Date(NOW).toISOString());
    expect(current.from).toBe(new Date(NOW - 3_600_000).toISOString());
    // 10 failures in 300 transactions across both cities: 3.33 %, between good (1 %) and bad (10 %).
    const failure = current.items.find((item) => item.indicatorId === 'txn_failure_rate');
    expect(failure).toMatchObject({ value: 3.3333, samples: 300, services: 1, status: 'ok' });
    expect(failure?.score).toBeGreaterThan(1);
    expect(failure?.score).toBeLessThan(5);
  });

  it('says no_data for an indicator nothing measured, never a number', async () => {
    const { items } = await read(harness.sessionHeaders);
    expect(items.find((item) => item.indicatorId === 'running_index')).toMatchObject({
      value: null,
      score: null,
      status: 'no_data',
      services: 0,
    });
  });

  it('limits a city reader to the services of their city', async () => {
    const { items } = await read(operator);
    expect(items.find((item) => item.indicatorId === 'txn_failure_rate')).toMatchObject({
      value: 0,
      score: 5,
      samples: 100,
    });
  });

  it('reads the hour before a given instant, and refuses an unreadable one', async () => {
    const earlier = await read(harness.sessionHeaders, `?at=${new Date(NOW - 2 * 3_600_000).toISOString()}`);
    expect(earlier.items.every((item) => item.status === 'no_data')).toBe(true);
    const refused = await harness.app.inject({
      url: '/api/v1/scores/indicators?at=yesterday',
      headers: harness.sessionHeaders,
    });
    expect(refused.statusCode).toBe(400);
  });
});
