import type { StepResult, WaitStep } from '@ganzhi/contracts';
import type { StepContext, StepExecutor, StepOutcome } from '../step-executor.js';

/**
 * The executor for `wait` steps: sleeps on the context's clock, so tests advance a fake clock instead of waiting.
 * An abort (the flow's time budget running out) cuts the wait short and fails the step with `timeout`.
 *
 * @example
 * const { result } = await waitStepExecutor.execute({ kind: 'wait', durationMs: 5_000 }, context);
 */
export const waitStepExecutor: StepExecutor<WaitStep> = {
  kind: 'wait',
  execute: executeWaitStep,
};

async function executeWaitStep(step: WaitStep, context: StepContext): Promise<StepOutcome> {
  const { clock, signal } = context;
  const startMs = clock.now();
  await clock.sleep(step.durationMs, signal);
  // Judged by elapsed time rather than `signal.aborted` alone: an abort landing just after the full wait did not cut it short.
  const totalMs = clock.now() - startMs;
  const isCutShort = signal.aborted && totalMs < step.durationMs;
  const result: StepResult = {
    index: context.index,
    kind: 'wait',
    name: step.name ?? `wait ${step.durationMs} ms`,
    ok: !isCutShort,
    startedAt: new Date(startMs).toISOString(),
    timings: { dnsMs: null, connectMs: null, tlsMs: null, firstByteMs: null, downloadMs: null, totalMs },
    errorClass: isCutShort ? 'timeout' : null,
    errorMessage: isCutShort ? `aborted after ${totalMs} of ${step.durationMs} ms` : null,
    assertions: [],
    detail: { durationMs: step.durationMs },
  };
  // No observation: a wait sees nothing that extraction, assertions or a problem scene could use.
  return { result };
}
