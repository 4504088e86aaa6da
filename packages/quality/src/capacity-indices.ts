/**
 * The seeds' capacity indices (S000), restated in ../shared/domain/indicators.md §c:
 *   运行指数 running index   R = N_busy / 720, N_busy = daytime minutes of the busiest day with CPU > X %
 *   能力指数 capability index C = ((P − A) / P) / (1 + R) × (0.5 + U)
 * P = planned current tpmC, A = configured tpmC, U = planned utilisation of the system class.
 */

export interface CpuSample {
  /** Start of the minute, epoch ms. */
  readonly timeMs: number;
  readonly cpuPercent: number;
}

export interface RunningIndexOptions {
  /** CPU threshold X in percent (default 80, [P]). */
  readonly thresholdPercent: number;
  /** Daytime window in local hours, [start, end) (default 08:00–20:00, 720 minutes). */
  readonly daytimeStartHour: number;
  readonly daytimeEndHour: number;
  /** Offset of local time from UTC, ms (Asia/Shanghai: +8 h). */
  readonly utcOffsetMs: number;
}

export const DEFAULT_RUNNING_INDEX_OPTIONS: RunningIndexOptions = {
  thresholdPercent: 80,
  daytimeStartHour: 8,
  daytimeEndHour: 20,
  utcOffsetMs: 8 * 3_600_000,
};

const DAY_MS = 86_400_000;

export interface RunningIndex {
  /** R in [0, 1]. */
  readonly index: number;
  /** The busiest day (local date, YYYY-MM-DD) and its busy daytime minutes; null without samples. */
  readonly busiestDay: string | null;
  readonly busyMinutes: number;
  readonly daytimeMinutes: number;
}

/**
 * Running index of a month from per-minute CPU samples: the busiest day is the one with the most daytime minutes
 * above the threshold ([P] reading of "取自最忙一天数据"), and R is its count over the window's minutes.
 *
 * @example runningIndex(samplesWith216BusyMinutes) // { index: 0.3, busyMinutes: 216, daytimeMinutes: 720, … }
 */
export function runningIndex(
  samples: readonly CpuSample[],
  options: RunningIndexOptions = DEFAULT_RUNNING_INDEX_OPTIONS,
): RunningIndex {
  const daytimeMinutes = (options.daytimeEndHour - options.daytimeStartHour) * 60;
  const busyByDay = new Map<string, Set<number>>();
  for (const sample of samples) {
    const local = sample.timeMs + options.utcOffsetMs;
    const minuteOfDay = Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);
    if (minuteOfDay < options.daytimeStartHour * 60 || minuteOfDay >= options.daytimeEndHour * 60) continue;
    if (!(sample.cpuPercent > options.thresholdPercent)) continue;
    const day = new Date(local).toISOString().slice(0, 10);
    const minutes = busyByDay.get(day) ?? new Set<number>();
    minutes.add(minuteOfDay); // a minute reported twice counts once
    busyByDay.set(day, minutes);
  }
  let busiestDay: string | null = null;
  let busyMinutes = 0;
  for (const [day, minutes] of [...busyByDay.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (minutes.size > busyMinutes) {
      busiestDay = day;
      busyMinutes = minutes.size;
    }
  }
  return { index: busyMinutes / daytimeMinutes, busiestDay, busyMinutes, daytimeMinutes };
}

export interface CapabilityInput {
  /** P: planned current tpmC (from the capacity plan). */
  readonly plannedTpmc: number;
  /** A: configured tpmC (sum of the deployed servers' ratings). */
  readonly configuredTpmc: number;
  /** R: running index of the month. */
  readonly runningIndex: number;
  /** U: planned utilisation of the system class (0–1: CRM 0.5 … settlement 1.0). */
  readonly plannedUtilisation: number;
}

/**
 * Capability index: positive = configured below plan with room to expand; negative = resources already beyond the
 * plan, running worse than expected. Returns null when P is not positive (no plan, no index).
 *
 * @example capabilityIndex({ plannedTpmc: 400000, configuredTpmc: 320000, runningIndex: 0.3, plannedUtilisation: 0.5 }) // 0.1538…
 */
export function capabilityIndex(input: CapabilityInput): number | null {
  if (!(input.plannedTpmc > 0)) return null;
  return (
    ((input.plannedTpmc - input.configuredTpmc) / input.plannedTpmc / (1 + input.runningIndex)) *
    (0.5 + input.plannedUtilisation)
  );
}
