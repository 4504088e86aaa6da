import { errorClassSchema, type ErrorClass, type PhaseTimings, type Run } from '@ganzhi/contracts';

/** A check summary's last run carries its error class as a plain string; this narrows it. */
export function isErrorClass(value: string | null): value is ErrorClass {
  return errorClassSchema.safeParse(value).success;
}

export const PHASES = ['dnsMs', 'connectMs', 'tlsMs', 'firstByteMs', 'downloadMs'] as const;
export type Phase = (typeof PHASES)[number];

/** A run's phase durations summed over its steps (a flow of several requests spends time in each). */
export function phaseTotalsOf(run: Run): Record<Phase, number> {
  const totals: Record<Phase, number> = { dnsMs: 0, connectMs: 0, tlsMs: 0, firstByteMs: 0, downloadMs: 0 };
  for (const step of run.steps) {
    for (const phase of PHASES) totals[phase] += phaseValue(step.timings, phase);
  }
  return totals;
}

function phaseValue(timings: PhaseTimings, phase: Phase): number {
  return timings[phase] ?? 0;
}

/** The HTTP status of the run's last step that got one (the response that decided the outcome). */
export function httpStatusOf(run: Run): number | null {
  for (const step of [...run.steps].reverse()) {
    const status = step.detail.status;
    if (typeof status === 'number') return status;
  }
  return null;
}
