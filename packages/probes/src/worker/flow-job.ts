import type { Step } from '@ganzhi/contracts';
import type { FlowResult } from '../run-flow.js';

/**
 * One check's flow to run, as plain data: it crosses to a worker thread by structured clone. The address policy,
 * the agent's own secrets and the browser belong to the runner; a job adds only what is particular to the run.
 */
export interface FlowJob {
  readonly steps: readonly Step[];
  /** The check's `variables`, rendered once in order before the first step. */
  readonly variables?: Readonly<Record<string, string>>;
  /** Secrets besides the runner's own (stored secrets the flow names); the runner's win on a clash. */
  readonly secrets?: Readonly<Record<string, string>>;
  readonly flowTimeoutMs?: number;
  readonly screenshotEveryRun?: boolean;
}

/**
 * A flow's result and whether its timing can be trusted. A run whose measurement window overlapped an event-loop
 * stall of the thread timing it is discarded and run again at once; `discardedRuns` counts those.
 */
export interface MeasuredFlow {
  readonly result: FlowResult;
  /** Runs thrown away because a stall of our own overlapped them (0 or 1). */
  readonly discardedRuns: number;
  /** The stall (ms) that overlapped the kept run too, when the re-run was no better; null when it is clean. */
  readonly taintedByLagMs: number | null;
}

/** Runs flows somewhere our own event loop cannot delay them (worker threads), or in process for tests. */
export interface FlowRunner {
  run(job: FlowJob): Promise<MeasuredFlow>;
  /** Finishes runs in flight, then releases threads and browsers. */
  stop(): Promise<void>;
}

/** Whether a job drives a browser: those go to the one worker that owns the browser. */
export function hasBrowserStep(job: FlowJob): boolean {
  return job.steps.some((step) => step.kind === 'browser');
}
