import type { ErrorClass, Step, StepResult } from '@ganzhi/contracts';
import type { Clock } from '@ganzhi/runtime';
import { executorFor } from './step-registry.js';

export interface FlowResult {
  readonly startedAt: string;
  readonly durationMs: number;
  readonly ok: boolean;
  readonly errorClass: ErrorClass | null;
  readonly errorMessage: string | null;
  readonly steps: StepResult[];
}

export interface RunFlowOptions {
  readonly clock: Clock;
  readonly signal?: AbortSignal;
}

/**
 * Runs a check's steps in order. A failed step stops the flow; the flow's error is that step's, prefixed with
 * the step's position so the run says which step failed and why.
 */
export async function runFlow(steps: readonly Step[], options: RunFlowOptions): Promise<FlowResult> {
  const started = options.clock.now();
  const signal = options.signal ?? new AbortController().signal;
  const results: StepResult[] = [];
  let failure: StepResult | undefined;
  for (const [index, step] of steps.entries()) {
    const result = await executorFor(step).execute(step, { index, signal, clock: options.clock });
    results.push(result);
    if (!result.ok) {
      failure = result;
      break;
    }
  }
  return {
    startedAt: new Date(started).toISOString(),
    durationMs: Math.max(0, options.clock.now() - started),
    ok: failure === undefined,
    errorClass: failure?.errorClass ?? null,
    errorMessage: failure
      ? `step ${failure.index + 1} (${failure.name}): ${failure.errorMessage ?? 'failed'}`
      : null,
    steps: results,
  };
}
