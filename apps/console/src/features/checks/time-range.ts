import type { Resolution } from '@ganzhi/contracts';

export const TIME_RANGES = ['1h', '6h', '24h', '7d'] as const;
export type TimeRange = (typeof TIME_RANGES)[number];

/** Each range with the finest resolution that keeps a chart readable (≤ 360 minute points, ≤ 168 hour points). */
const RANGE_SETTINGS: Readonly<Record<TimeRange, { durationMs: number; resolution: Resolution }>> = {
  '1h': { durationMs: 3_600_000, resolution: 'minute' },
  '6h': { durationMs: 6 * 3_600_000, resolution: 'minute' },
  '24h': { durationMs: 24 * 3_600_000, resolution: 'hour' },
  '7d': { durationMs: 7 * 24 * 3_600_000, resolution: 'hour' },
};

export interface SeriesWindow {
  readonly from: string;
  readonly to: string;
  readonly resolution: Resolution;
}

/** The series query for a range ending now. */
export function seriesWindowOf(range: TimeRange, nowMs: number): SeriesWindow {
  const { durationMs, resolution } = RANGE_SETTINGS[range];
  return { from: new Date(nowMs - durationMs).toISOString(), to: new Date(nowMs).toISOString(), resolution };
}

export function isTimeRange(value: unknown): value is TimeRange {
  return TIME_RANGES.some((range) => range === value);
}
