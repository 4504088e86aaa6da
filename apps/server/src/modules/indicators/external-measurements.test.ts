import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MeasurementIngestResult } from '@ganzhi/contracts';
import { FakeClock } from '@ganzhi/testing';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';

const NOW = Date.UTC(2026, 10, 30, 6, 30);

describeEachDialect('external measurements', (dialect) => {
  let harness: TestApp;

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock: new FakeClock(NOW) });
  });
  afterAll(() => harness.close());

  it('rejects negative counters and unstorable text per record, keeping negative gauges and the rest', async () => {
    const at = NOW - 120_000;
    const response = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/measurements',
      headers: harness.sessionHeaders,
      payload: [
        { time: at, name: 'bills_issued', value: 10 },
        { time: at, name: 'bills_adjusted', value: -3 },
        // A gauge (a percentile in seconds here) is averaged, not summed: its sign is the reporter's business.
        { time: at, name: 'sms_reply_p95_s', value: -1 },
        { time: at, name: 'bills_issued', value: 1, business: 'pay\u0000ment' },
      ],
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<MeasurementIngestResult>()).toEqual({
      accepted: 2,
      rejected: [
        { index: 1, reason: expect.stringContaining('counter and cannot be negative') as string },
        { index: 3, reason: expect.stringContaining('NUL') as string },
      ],
    });
  });
});
