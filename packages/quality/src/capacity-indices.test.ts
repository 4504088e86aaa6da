import { describe, expect, it } from 'vitest';
import { capabilityIndex, runningIndex, type CpuSample } from './capacity-indices.js';

/** Per-minute CPU of one local (UTC+8) day: `busy` daytime minutes above 80 %, the rest at 40 %. */
function day(date: string, busy: number): CpuSample[] {
  const midnight = Date.parse(`${date}T00:00:00+08:00`);
  return Array.from({ length: 1440 }, (_, minute) => {
    const isDaytime = minute >= 8 * 60 && minute < 20 * 60;
    const isBusy = isDaytime && minute - 8 * 60 < busy;
    return { timeMs: midnight + minute * 60_000, cpuPercent: isBusy ? 92 : 40 };
  });
}

describe('running index', () => {
  it('is the busiest day’s daytime minutes above 80 % over 720: 216 → 0.30', () => {
    const month = [...day('2026-11-02', 90), ...day('2026-11-27', 216), ...day('2026-11-30', 150)];
    expect(runningIndex(month)).toEqual({
      index: 0.3,
      busiestDay: '2026-11-27',
      busyMinutes: 216,
      daytimeMinutes: 720,
    });
  });

  it('ignores night-time peaks and a CPU exactly at the threshold', () => {
    const midnight = Date.parse('2026-11-05T00:00:00+08:00');
    const samples = [
      { timeMs: midnight + 2 * 3_600_000, cpuPercent: 99 },
      { timeMs: midnight + 21 * 3_600_000, cpuPercent: 99 },
      { timeMs: midnight + 9 * 3_600_000, cpuPercent: 80 },
    ];
    expect(runningIndex(samples).index).toBe(0);
  });
});

describe('capability index', () => {
  it('business-hall CRM: P 400 000, A 320 000, R 0.30, U 0.5 → +0.154', () => {
    const index = capabilityIndex({
      plannedTpmc: 400_000,
      configuredTpmc: 320_000,
      runningIndex: 216 / 720,
      plannedUtilisation: 0.5,
    });
    expect(index).toBeCloseTo(0.154, 3);
  });

  it('settlement: P 100 000, A 120 000, R 0.05, U 1.0 → −0.286', () => {
    const index = capabilityIndex({
      plannedTpmc: 100_000,
      configuredTpmc: 120_000,
      runningIndex: 36 / 720,
      plannedUtilisation: 1,
    });
    expect(index).toBeCloseTo(-0.286, 3);
  });

  it('has no value without a plan', () => {
    expect(
      capabilityIndex({ plannedTpmc: 0, configuredTpmc: 10, runningIndex: 0, plannedUtilisation: 0.5 }),
    ).toBeNull();
  });
});
