import { describe, expect, it } from 'vitest';
import {
  baselineAt,
  deviationFrom,
  hourlyInstants,
  learnBaseline,
  profileSlotOf,
} from './learned-baseline.js';

const ZONE = 'Asia/Shanghai';
const at = (iso: string) => Date.parse(iso);

/** Eight weeks of hourly p95 (ms): 900 ms on ordinary days at 10:00, 2 700 ms on month-end and month-start days. */
function syntheticHistory(endMs: number) {
  return hourlyInstants(endMs, 56).map((timeMs) => {
    const slot = profileSlotOf(timeMs, ZONE);
    const isEdge = slot.dayClass === 'month_end' || slot.dayClass === 'month_start';
    const busy = slot.hour >= 9 && slot.hour <= 17;
    const noise = ((timeMs / 3_600_000) % 7) * 10;
    return { timeMs, value: (busy ? (isEdge ? 2700 : 900) : 300) + noise };
  });
}

describe('learned baselines', () => {
  it('profiles month-end and month-start days apart from weekdays', () => {
    expect(profileSlotOf(at('2026-11-30T10:30:00+08:00'), ZONE)).toEqual({ dayClass: 'month_end', hour: 10 });
    expect(profileSlotOf(at('2026-11-28T23:59:00+08:00'), ZONE)).toEqual({ dayClass: 'month_end', hour: 23 });
    expect(profileSlotOf(at('2026-12-03T08:00:00+08:00'), ZONE)).toEqual({
      dayClass: 'month_start',
      hour: 8,
    });
    expect(profileSlotOf(at('2026-11-17T10:00:00+08:00'), ZONE)).toEqual({ dayClass: 'tue', hour: 10 });
    // 2026-11-28 00:30 local is still 27 Nov in UTC: the local calendar decides.
    expect(profileSlotOf(at('2026-11-28T00:30:00+08:00'), ZONE).dayClass).toBe('month_end');
  });

  it('expects the month-end slowdown at month end, and flags it on an ordinary day', () => {
    const baseline = learnBaseline(syntheticHistory(at('2026-11-23T00:00:00+08:00')), {
      timeZone: ZONE,
      minSamples: 3,
    });
    const monthEnd = baselineAt(baseline, at('2026-11-30T10:00:00+08:00'));
    const tuesday = baselineAt(baseline, at('2026-11-24T10:00:00+08:00'));
    expect(monthEnd?.expected).toBeGreaterThan(2600);
    expect(tuesday?.expected).toBeLessThan(1000);
    const options = { maxRatio: 1.5, direction: 'lower_is_better' } as const;
    expect(deviationFrom(2800, monthEnd?.expected ?? null, options).flagged).toBe(false);
    const onTuesday = deviationFrom(2800, tuesday?.expected ?? null, options);
    expect(onTuesday.flagged).toBe(true);
    expect(onTuesday.ratio).toBeGreaterThan(2.8);
  });

  it('has no baseline for a slot with too little history, and no deviation without one', () => {
    const baseline = learnBaseline([{ timeMs: at('2026-11-17T10:00:00+08:00'), value: 500 }], {
      timeZone: ZONE,
      minSamples: 3,
    });
    expect(baselineAt(baseline, at('2026-11-24T10:00:00+08:00'))).toBeNull();
    expect(deviationFrom(900, null, { maxRatio: 1.5, direction: 'lower_is_better' })).toEqual({
      ratio: null,
      flagged: false,
    });
  });

  it('flags a higher-is-better indicator that falls below its baseline by the ratio', () => {
    const options = { maxRatio: 1.25, direction: 'higher_is_better' } as const;
    expect(deviationFrom(70, 100, options)).toEqual({ ratio: 0.7, flagged: true });
    expect(deviationFrom(90, 100, options).flagged).toBe(false);
  });
});
