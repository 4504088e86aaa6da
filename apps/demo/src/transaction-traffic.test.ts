import { describe, expect, it } from 'vitest';
import { demoTransactionsForMinute, incidentAt, isMonthEdge } from './transaction-traffic.js';

const HOUR_MS = 3_600_000;
/** Local (UTC+8) wall time → epoch ms. */
const local = (date: string, hour: number) =>
  Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`);

function minutes(fromMs: number, count: number) {
  return Array.from({ length: count }, (_, i) =>
    demoTransactionsForMinute(fromMs + i * 60_000, { peakPerMinute: 600 }),
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

describe('demo transaction traffic', () => {
  it('is the same for the same minute, and within that minute', () => {
    const minute = local('2026-11-18', 10);
    const first = demoTransactionsForMinute(minute, { peakPerMinute: 600 });
    expect(demoTransactionsForMinute(minute, { peakPerMinute: 600 })).toEqual(first);
    expect(first.every((record) => record.time >= minute && record.time < minute + 60_000)).toBe(true);
  });

  it('is quiet at night and busy in the morning', () => {
    const night = minutes(local('2026-11-18', 3), 30).flat().length;
    const morning = minutes(local('2026-11-18', 10), 30).flat().length;
    expect(morning).toBeGreaterThan(night * 8);
  });

  it('peaks at month end, when transactions (not queries) slow down and fail more', () => {
    expect([isMonthEdge(local('2026-11-30', 10)), isMonthEdge(local('2026-12-01', 10))]).toEqual([
      true,
      true,
    ]);
    expect(isMonthEdge(local('2026-11-18', 10))).toBe(false);
    const mid = minutes(local('2026-11-18', 10), 60).flat();
    const end = minutes(local('2026-11-30', 10), 60).flat();
    expect(end.length).toBeGreaterThan(mid.length * 1.5);
    const latencies = (records: typeof mid, business: string) =>
      median(records.filter((r) => r.business === business).map((r) => r.latencyMs));
    expect(latencies(end, 'payment')).toBeGreaterThan(latencies(mid, 'payment') * 2);
    expect(latencies(end, 'balance_query')).toBeLessThan(latencies(mid, 'balance_query') * 1.3);
    const failures = (records: typeof mid) =>
      records.filter((r) => r.outcome !== 'ok').length / records.length;
    expect(failures(end)).toBeGreaterThan(failures(mid));
  });

  it('has incidents that hit one channel in one city hard', () => {
    const day = local('2026-11-18', 0);
    const hours = Array.from({ length: 24 * 7 }, (_, h) => day + h * HOUR_MS);
    const found = hours
      .flatMap((hour) => Array.from({ length: 60 }, (_, m) => incidentAt(hour + m * 60_000)))
      .find((incident) => incident !== undefined);
    expect(found).toBeDefined();
    if (!found) return;
    const during = minutes(found.startMs, Math.round((found.endMs - found.startMs) / 60_000)).flat();
    const hit = during.filter((r) => r.channel === found.channel && r.region === found.region);
    const rest = during.filter((r) => r.channel === found.channel && r.region !== found.region);
    expect(hit.length).toBeGreaterThan(0);
    expect(median(hit.map((r) => r.latencyMs))).toBeGreaterThan(median(rest.map((r) => r.latencyMs)) * 2);
  });
});
