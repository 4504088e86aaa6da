import { randomUUID } from 'node:crypto';
import type { CheckInput, Run, Step, StepKind } from '@ganzhi/contracts';
import type { FlowArtifact } from '../run-flow.js';
import type { MeasuredFlow } from '../worker/flow-job.js';
import type { ProbingSetup } from './probing-setup.js';

/**
 * The flow of a check run once with an agent's probing setup (address policy, secrets, browser), off the main
 * thread; `secrets` adds stored secrets the flow names to the agent's own (which win).
 */
export function runCheckFlow(
  check: CheckInput,
  probing: ProbingSetup,
  secrets?: Readonly<Record<string, string>>,
): Promise<MeasuredFlow> {
  return probing.flows.run({
    steps: check.steps,
    variables: check.variables,
    flowTimeoutMs: check.flowTimeoutMs,
    ...(secrets ? { secrets } : {}),
  });
}

export type RunArtifact = FlowArtifact & { readonly id: string };

/** A stored-to-be run and the contents of its artifacts. */
export interface ExecutedRun {
  readonly run: Run;
  readonly artifacts: readonly RunArtifact[];
  /** Runs discarded because our own event loop stalled during them (0 or 1). */
  readonly discardedRuns: number;
  /**
   * Set when the kept run was overlapped by a stall of our own too (ms): its timing measures us, not the target,
   * so a scheduled run like this is not stored.
   */
  readonly taintedByLagMs: number | null;
}

/** Runs a check's flow and shapes the outcome as a run of `agentId` at `location`, with a fresh run id. */
export async function executeCheck(
  check: CheckInput & { readonly id: string },
  where: { readonly agentId: string; readonly location: string },
  {
    probing,
    secrets,
  }: { readonly probing: ProbingSetup; readonly secrets?: Readonly<Record<string, string>> },
): Promise<ExecutedRun> {
  const { result, discardedRuns, taintedByLagMs } = await runCheckFlow(check, probing, secrets);
  const { artifacts: flowArtifacts, variables: _variables, ...rest } = result;
  const artifacts = flowArtifacts.map((artifact) => ({ ...artifact, id: randomUUID() }));
  const run: Run = {
    ...rest,
    id: randomUUID(),
    checkId: check.id,
    agentId: where.agentId,
    location: where.location,
    artifacts: artifacts.map(({ id, stepIndex, kind, contentType, content }) => ({
      id,
      stepIndex,
      kind,
      contentType,
      bytes: content.byteLength,
    })),
  };
  return { run, artifacts, discardedRuns, taintedByLagMs };
}

/** The step kinds of a check this location cannot run (a browser step where Chromium is missing). */
export function unsupportedKinds(steps: readonly Step[], supported: ReadonlySet<StepKind>): StepKind[] {
  return [...new Set(steps.map((step) => step.kind))].filter((kind) => !supported.has(kind));
}
