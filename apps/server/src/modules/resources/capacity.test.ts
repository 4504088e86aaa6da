import { afterAll, beforeAll, expect, it } from 'vitest';
import type {
  CapacityReport,
  CapacitySettings,
  ErrorEnvelope,
  ResourceIngestResult,
  SystemCapacity,
} from '@ganzhi/contracts';
import { FakeClock } from '@ganzhi/testing';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';

/** 2026-11-20 14:30 in Asia/Shanghai (UTC+8), the test app's time zone. */
const NOW = Date.UTC(2026, 10, 20, 6, 30);
const MINUTE_MS = 60_000;

/** Minute `i` (0–719) of the 08:00–20:00 daytime window of local day `day` in November 2026 (08:00 = 00:00 UTC). */
const daytimeMinute = (day: number, i: number) => Date.UTC(2026, 10, day, 0, 0) + i * MINUTE_MS;

const cpu = (system: string, host: string, [time, value]: readonly [number, number]) => ({
  time,
  system,
  host,
  metric: 'cpu_util',
  value,
});

/**
 * The seed's business-hall example on two hosts. 10 November: 216 daytime minutes where the hosts run at 90 % and
 * 75 % (mean 82.5 > 80), one minute at exactly 80 on average (85 and 75: not above), an hour of 95 % after 20:00
 * (outside the window). 12 November: 100 busy minutes. The rest of both days at 60 % and 50 %.
 */
function crmSamples() {
  const records = [];
  for (const day of [10, 12]) {
    const busy = (i: number) => (day === 10 ? i >= 120 && i < 336 : i < 100);
    for (let i = 0; i < 720; i++) {
      const time = daytimeMinute(day, i);
      const [a, b] = busy(i) ? [90, 75] : day === 10 && i === 400 ? [85, 75] : [60, 50];
      records.push(cpu('crm', 'crm-app-1', [time, a]), cpu('crm', 'crm-app-2', [time, b]));
    }
  }
  for (let i = 0; i < 60; i++) {
    const night = Date.UTC(2026, 10, 10, 13, 0) + i * MINUTE_MS; // 21:00 local
    records.push(cpu('crm', 'crm-app-1', [night, 95]), cpu('crm', 'crm-app-2', [night, 95]));
  }
  return records;
}

/** Settlement: 36 daytime minutes at 88 % on 3 November, the rest of the window at 40 %. */
function settlementSamples() {
  return Array.from({ length: 720 }, (_, i) =>
    cpu('settlement', 'settle-1', [daytimeMinute(3, i), i >= 300 && i < 336 ? 88 : 40]),
  );
}

describeEachDialect('capacity', (dialect) => {
  let harness: TestApp;
  const clock = new FakeClock(NOW);

  const request = async <T>(method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown) => {
    const response = await harness.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { ...harness.sessionHeaders },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    return { status: response.statusCode, body: response.json<T>() };
  };

  const report = async (month?: string) => {
    const response = await request<CapacityReport>('GET', `/capacity${month ? `?month=${month}` : ''}`);
    expect(response.status).toBe(200);
    return response.body;
  };
  const systemOf = (capacity: CapacityReport, code: string): SystemCapacity => {
    const system = capacity.systems.find((candidate) => candidate.system === code);
    if (!system) throw new Error(`no ${code} in the report`);
    return system;
  };

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock });
    const token = await harness.createToken('collector');
    const records = [
      ...crmSamples(),
      ...settlementSamples(),
      ...Array.from({ length: 10 }, (_, i) => cpu('accounting', 'acct-1', [daytimeMinute(5, i), 50])),
    ];
    const pushed = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/resources/samples',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
      payload: records.map((record) => JSON.stringify(record)).join('\n'),
    });
    expect(pushed.json<ResourceIngestResult>()).toEqual({ accepted: records.length, rejected: [] });
    for (const [system, settings] of [
      ['crm', { plannedTpmc: 400_000, configuredTpmc: 320_000 }],
      ['settlement', { plannedTpmc: 100_000, configuredTpmc: 120_000 }],
      ['credit', { plannedTpmc: 80_000, configuredTpmc: 60_000 }],
    ] as const) {
      expect((await request('PUT', `/capacity/systems/${system}/settings`, settings)).status).toBe(200);
    }
  });
  afterAll(() => harness.close());

  it('computes the business-hall worked example: R = 216/720 = 0.30 and C = +0.154', async () => {
    const crm = systemOf(await report('2026-11'), 'crm');
    expect(crm.runningIndex).toEqual({
      index: 0.3,
      busiestDay: '2026-11-10',
      busyMinutes: 216,
      daytimeMinutes: 720,
    });
    expect(crm.plannedUtilisation).toBe(0.5);
    expect(crm.capabilityIndex).toBeCloseTo(0.154, 3);
    expect(crm.capabilityMissing).toBeNull();
  });

  it('computes the settlement worked example: R = 36/720 = 0.05 and C = −0.286', async () => {
    const settlement = systemOf(await report(), 'settlement');
    expect(settlement.runningIndex).toMatchObject({ index: 0.05, busiestDay: '2026-11-03', busyMinutes: 36 });
    expect(settlement.capabilityIndex).toBeCloseTo(-0.286, 3);
  });

  it('drills down per host and profiles the busiest day per 5 minutes', async () => {
    const crm = systemOf(await report('2026-11'), 'crm');
    // crm-app-1 alone is above 80 % for 216 minutes plus the 85 % minute; crm-app-2 never is.
    expect(
      crm.hosts.map((host) => [host.host, host.busyMinutes, host.busiestDay, host.peakCpuPercent]),
    ).toEqual([
      ['crm-app-1', 217, '2026-11-10', 95],
      ['crm-app-2', 0, null, 95],
    ]);
    expect(crm.hosts[0]?.sampledMinutes).toBe(1500);
    const profile = crm.busiestDayProfile;
    expect(profile?.day).toBe('2026-11-10');
    expect(profile?.points).toHaveLength(144);
    expect(profile?.points[0]).toEqual({
      t: '2026-11-10T00:00:00.000Z',
      meanPercent: 55,
      maxPercent: 55,
      busyMinutes: 0,
    });
    expect(profile?.points[24]).toMatchObject({ meanPercent: 82.5, busyMinutes: 5 });
    expect(profile?.points.reduce((sum, point) => sum + point.busyMinutes, 0)).toBe(216);
  });

  it('says why the capability index is missing: no tpmC entered, or no CPU samples', async () => {
    const capacity = await report('2026-11');
    const accounting = systemOf(capacity, 'accounting');
    expect(accounting.runningIndex).toMatchObject({ index: 0, busiestDay: null, busyMinutes: 0 });
    expect(accounting.capabilityIndex).toBeNull();
    expect(accounting.capabilityMissing?.code).toBe('tpmc_not_entered');
    expect(accounting.busiestDayProfile).toBeNull();
    const credit = systemOf(capacity, 'credit');
    expect(credit.runningIndex).toBeNull();
    expect(credit.capabilityMissing?.code).toBe('no_cpu_data');
    expect(credit.hosts).toEqual([]);
  });

  it('applies a system’s own threshold to the running index', async () => {
    const raised = { plannedTpmc: 400_000, configuredTpmc: 320_000, cpuThresholdPercent: 85 };
    const saved = await request<CapacitySettings>('PUT', '/capacity/systems/crm/settings', raised);
    expect(saved.body).toMatchObject({ ...raised, daytimeStartHour: 8, daytimeEndHour: 20 });
    const crm = systemOf(await report('2026-11'), 'crm');
    // The host mean (82.5 %) is no longer above; crm-app-1's 90 % still is, its 85 % minute no longer.
    expect(crm.runningIndex?.busyMinutes).toBe(0);
    expect(crm.capabilityIndex).toBeCloseTo(0.2, 6);
    expect(crm.hosts[0]?.busyMinutes).toBe(216);
    await request('PUT', '/capacity/systems/crm/settings', { plannedTpmc: 400_000, configuredTpmc: 320_000 });
  });

  it('validates capacity settings field by field', async () => {
    const defaults = await request<CapacitySettings>('GET', '/capacity/systems/billing_query/settings');
    expect(defaults.body).toEqual({
      system: 'billing_query',
      plannedTpmc: null,
      configuredTpmc: null,
      cpuThresholdPercent: 80,
      daytimeStartHour: 8,
      daytimeEndHour: 20,
      updatedAt: null,
    });
    const paths = async (payload: Record<string, unknown>) => {
      const response = await request<ErrorEnvelope>(
        'PUT',
        '/capacity/systems/billing_query/settings',
        payload,
      );
      expect(response.status).toBe(400);
      return response.body.error.details?.map((detail) => detail.path);
    };
    expect(await paths({ plannedTpmc: -5, configuredTpmc: 0 })).toEqual(['plannedTpmc', 'configuredTpmc']);
    expect(await paths({ cpuThresholdPercent: 120 })).toEqual(['cpuThresholdPercent']);
    expect(await paths({ daytimeStartHour: 20, daytimeEndHour: 8 })).toEqual(['daytimeEndHour']);
    const unknown = await request<ErrorEnvelope>('PUT', '/capacity/systems/mainframe/settings', {});
    expect(unknown.status).toBe(404);
  });

  it('reports the current month by default and refuses months in the future or past the kept minutes', async () => {
    expect((await report()).month).toBe('2026-11');
    for (const month of ['2026-12', '2026-08', '2026-13']) {
      const response = await request<ErrorEnvelope>('GET', `/capacity?month=${month}`);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
    }
    const october = await report('2026-10');
    expect(systemOf(october, 'crm').runningIndex).toBeNull();
  });
});
