import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestResult } from '@ganzhi/contracts';
import { FakeClock } from '@ganzhi/testing';
import { openTestApp, type TestApp } from '../../test-app.js';
import { DEFAULT_INGEST_SETTINGS } from './transaction-ingest-service.js';

const NOW = Date.UTC(2026, 10, 30, 6, 30);
const DAY_MS = 86_400_000;

function record(timeMs: number): string {
  return JSON.stringify({
    time: new Date(timeMs).toISOString(),
    business: 'payment',
    channel: 'web_hall',
    region: 'changsha',
    latencyMs: 800,
    outcome: 'ok',
  });
}

describe('records older than the minute-rollup retention', () => {
  let harness: TestApp;
  let token: string;

  beforeAll(async () => {
    // Not the default 14 days: the refusal must state the retention in force.
    const ingest = { ...DEFAULT_INGEST_SETTINGS, minuteRetentionDays: 7 };
    harness = await openTestApp({ dialect: 'sqlite', clock: new FakeClock(NOW), ingest });
    token = await harness.createToken('late shipper');
  });
  afterAll(() => harness.close());

  it('are refused one by one with the limit in days, the setting to change, a stable code and its params', async () => {
    const response = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/ingest/transactions',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
      payload: [record(NOW - 8 * DAY_MS), record(NOW - 6 * DAY_MS)].join('\n'),
    });
    expect(response.statusCode).toBe(200);
    const result = response.json<IngestResult>();
    expect(result.accepted).toBe(1);
    expect(result.rejected).toEqual([
      {
        index: 0,
        reason:
          'time: older than the 7-day minute-rollup retention (GANZHI_RETENTION_MINUTE_ROLLUP_DAYS); records from 2026-11-23T06:30:00.000Z on are accepted',
        code: 'RECORD_TOO_OLD',
        params: {
          retentionDays: 7,
          setting: 'GANZHI_RETENTION_MINUTE_ROLLUP_DAYS',
          oldestAccepted: '2026-11-23T06:30:00.000Z',
        },
      },
    ]);
  });
});
