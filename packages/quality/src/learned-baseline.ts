import { zoneOffsetMs } from './calendar.js';

/**
 * Learned baselines: what an indicator usually is at this hour of this kind of day. Days are profiled by weekday,
 * except that month-end (last 3 days) and month-start (first 5 days) days form their own profiles (S003's peaks,
 * indicators.md §g.6), so the month-end slowdown is expected at month end and caught on an ordinary Tuesday.
 */

export type DayClass = 'month_end' | 'month_start' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

const WEEKDAYS: readonly DayClass[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface ProfileSlot {
  readonly dayClass: DayClass;
  /** Local hour of day, 0–23. */
  readonly hour: number;
}

/** The profile slot of an instant in `timeZone`. */
export function profileSlotOf(timeMs: number, timeZone: string): ProfileSlot {
  const local = new Date(timeMs + zoneOffsetMs(timeMs, timeZone));
  const day = local.getUTCDate();
  const daysInMonth = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 0)).getUTCDate();
  const hour = local.getUTCHours();
  if (day > daysInMonth - 3) return { dayClass: 'month_end', hour };
  if (day <= 5) return { dayClass: 'month_start', hour };
  return { dayClass: WEEKDAYS[local.getUTCDay()] ?? 'mon', hour };
}

const slotKey = (slot: ProfileSlot) => `${slot.dayClass}|${slot.hour}`;

export interface BaselineBand {
  /** The typical value: the median of the slot's history. */
  readonly expected: number;
  /** 10th and 90th percentiles of the history: the usual range. */
  readonly low: number;
  readonly high: number;
  readonly samples: number;
}

export interface LearnedBaseline {
  readonly timeZone: string;
  readonly slots: ReadonlyMap<string, BaselineBand>;
}

function percentileOf(sorted: readonly number[], quantile: number): number {
  const position = (sorted.length - 1) * quantile;
  const lower = Math.floor(position);
  const fraction = position - lower;
  const a = sorted[lower] ?? 0;
  const b = sorted[Math.min(lower + 1, sorted.length - 1)] ?? a;
  return a + (b - a) * fraction;
}

/**
 * Learns a band per profile slot from history (e.g. hourly p95 over the last weeks). Slots with fewer than
 * `minSamples` values have no baseline: too little history is never presented as normal.
 */
export function learnBaseline(
  history: readonly { timeMs: number; value: number }[],
  options: { timeZone: string; minSamples: number },
): LearnedBaseline {
  const bySlot = new Map<string, number[]>();
  for (const point of history) {
    if (!Number.isFinite(point.value)) continue;
    const key = slotKey(profileSlotOf(point.timeMs, options.timeZone));
    const values = bySlot.get(key);
    if (values) values.push(point.value);
    else bySlot.set(key, [point.value]);
  }
  const slots = new Map<string, BaselineBand>();
  for (const [key, values] of bySlot) {
    if (values.length < options.minSamples) continue;
    const sorted = [...values].sort((a, b) => a - b);
    slots.set(key, {
      expected: percentileOf(sorted, 0.5),
      low: percentileOf(sorted, 0.1),
      high: percentileOf(sorted, 0.9),
      samples: sorted.length,
    });
  }
  return { timeZone: options.timeZone, slots };
}

/** The band expected at `timeMs`, or null when that slot has not been learned. */
export function baselineAt(baseline: LearnedBaseline, timeMs: number): BaselineBand | null {
  return baseline.slots.get(slotKey(profileSlotOf(timeMs, baseline.timeZone))) ?? null;
}

export interface Deviation {
  /** current ÷ baseline (null when the baseline is zero or missing). */
  readonly ratio: number | null;
  /** True when the ratio exceeds the threshold in the bad direction. */
  readonly flagged: boolean;
}

/**
 * Deviation of a current value from its baseline (S000: "超出一定比例即需优化"). For lower-is-better indicators a
 * ratio above `maxRatio` is flagged; for higher-is-better ones a ratio below 1 / `maxRatio`.
 */
export function deviationFrom(
  current: number | null,
  expected: number | null,
  options: { maxRatio: number; direction: 'lower_is_better' | 'higher_is_better' },
): Deviation {
  if (current === null || expected === null || expected === 0 || !Number.isFinite(current))
    return { ratio: null, flagged: false };
  const ratio = current / expected;
  const flagged =
    options.direction === 'lower_is_better' ? ratio > options.maxRatio : ratio < 1 / options.maxRatio;
  return { ratio, flagged };
}

/** Hourly instants of `days` days ending before `endMs`: the history window a baseline is learned from. */
export function hourlyInstants(endMs: number, days: number): number[] {
  const start = Math.floor((endMs - days * DAY_MS) / HOUR_MS) * HOUR_MS;
  return Array.from({ length: days * 24 }, (_, i) => start + i * HOUR_MS);
}
