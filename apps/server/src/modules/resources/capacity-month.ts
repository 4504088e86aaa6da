import type { CpuProfilePoint } from '@ganzhi/contracts';
import { startOfZonedDay, zoneOffsetMs } from '@ganzhi/quality';
import type { MinuteValue } from './resource-sample-repository.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** A local calendar month as an instant range [fromMs, toMs). */
export interface MonthRange {
  /** `YYYY-MM`. */
  readonly month: string;
  readonly fromMs: number;
  readonly toMs: number;
}

/** Local midnight starting the 1st of a month (monthIndex may run past 11: the next year's months). */
function startOfLocalMonth(year: number, monthIndex: number, timeZone: string): number {
  const utcMidnight = Date.UTC(year, monthIndex, 1);
  // Lands inside the local 1st whatever the offset (−12 h … +14 h), then snaps to its local midnight.
  return startOfZonedDay(utcMidnight - zoneOffsetMs(utcMidnight, timeZone) + 2 * HOUR_MS, timeZone);
}

/** The month `YYYY-MM`, or the month containing `nowMs` when absent, in `timeZone`. */
export function monthRange(
  month: string | undefined,
  options: { nowMs: number; timeZone: string },
): MonthRange {
  let year: number;
  let monthIndex: number;
  if (month === undefined) {
    const local = new Date(options.nowMs + zoneOffsetMs(options.nowMs, options.timeZone));
    year = local.getUTCFullYear();
    monthIndex = local.getUTCMonth();
  } else {
    year = Number(month.slice(0, 4));
    monthIndex = Number(month.slice(5, 7)) - 1;
  }
  return {
    month: `${String(year).padStart(4, '0')}-${String(monthIndex + 1).padStart(2, '0')}`,
    fromMs: startOfLocalMonth(year, monthIndex, options.timeZone),
    toMs: startOfLocalMonth(year, monthIndex + 1, options.timeZone),
  };
}

/** The daytime window [fromMs, toMs) of a local date `YYYY-MM-DD`. */
export function daytimeWindow(
  day: string,
  window: { utcOffsetMs: number; startHour: number; endHour: number },
): { fromMs: number; toMs: number } {
  const midnight = Date.parse(`${day}T00:00:00Z`) - window.utcOffsetMs;
  return { fromMs: midnight + window.startHour * HOUR_MS, toMs: midnight + window.endHour * HOUR_MS };
}

/**
 * Per-minute values folded into slots of `slotMinutes`: the mean and maximum of the minutes present and how many
 * were above the threshold. Every slot of the window is listed; one without samples has null values (a gap).
 */
export function profileSlots(
  minutes: readonly MinuteValue[],
  options: { fromMs: number; toMs: number; slotMinutes: number; thresholdPercent: number },
): CpuProfilePoint[] {
  const slotMs = options.slotMinutes * MINUTE_MS;
  const slots: { sum: number; count: number; max: number; busy: number }[] = [];
  for (let start = options.fromMs; start < options.toMs; start += slotMs)
    slots.push({ sum: 0, count: 0, max: -Infinity, busy: 0 });
  for (const minute of minutes) {
    const slot = slots[Math.floor((minute.timeMs - options.fromMs) / slotMs)];
    if (!slot) continue;
    slot.sum += minute.value;
    slot.count += 1;
    slot.max = Math.max(slot.max, minute.value);
    if (minute.value > options.thresholdPercent) slot.busy += 1;
  }
  return slots.map((slot, index) => ({
    t: new Date(options.fromMs + index * slotMs).toISOString(),
    meanPercent: slot.count === 0 ? null : slot.sum / slot.count,
    maxPercent: slot.count === 0 ? null : slot.max,
    busyMinutes: slot.busy,
  }));
}
