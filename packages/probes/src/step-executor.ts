import type { Step, StepResult } from '@ganzhi/contracts';
import type { Clock } from '@ganzhi/runtime';

/** What a step executor gets besides its step: cancellation, time, and its place in the flow. */
export interface StepContext {
  readonly index: number;
  readonly signal: AbortSignal;
  readonly clock: Clock;
}

/**
 * One executor per step kind, each in its own folder, all registered in `step-registry.ts`.
 * An executor never throws for a target's misbehaviour: it returns a failed StepResult with an error class.
 */
export interface StepExecutor<S extends Step = Step> {
  readonly kind: S['kind'];
  execute(step: S, context: StepContext): Promise<StepResult>;
}
