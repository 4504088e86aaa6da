/** How long each kind of data is kept, in days. */
export interface RetentionPolicy {
  readonly runsDays: number;
  readonly minuteRollupDays: number;
  readonly hourRollupDays: number;
  readonly dayRollupDays: number;
}

const DAY_MS = 86_400_000;

/** Cut-off instants (epoch ms) before which data is deleted. */
export function retentionCutoffs(policy: RetentionPolicy, nowMs: number) {
  return {
    runsBeforeMs: nowMs - policy.runsDays * DAY_MS,
    minuteBeforeMs: nowMs - policy.minuteRollupDays * DAY_MS,
    hourBeforeMs: nowMs - policy.hourRollupDays * DAY_MS,
    dayBeforeMs: nowMs - policy.dayRollupDays * DAY_MS,
  };
}
