import { randomUUID } from 'node:crypto';
import type { CheckInput, Run, Step, StepKind } from '@ganzhi/contracts';
import type { Clock } from '@ganzhi/runtime';
import { runFlow, type FlowArtifact, type FlowResult } from '../run-flow.js';
import type { ProbingSetup } from './probing-setup.js';

/** The flow of a check run once with an agent's probing setup (address policy, secrets, browser). */
export function runCheckFlow(check: CheckInput, probing: ProbingSetup, clock: Clock): Promise<FlowResult> {
  return runFlow(check.steps, {
    clock,
    addressPolicy: probing.addressPolicy,
    secrets: probing.secrets,
    variables: check.variables,
    flowTimeoutMs: check.flowTimeoutMs,
    ...(probing.browsers ? { browsers: probing.browsers } : {}),
  });
}

export type RunArtifact = FlowArtifact & { readonly id: string };

/** A stored-to-be run and the contents of its artifacts. */
export interface ExecutedRun {
  readonly run: Run;
  readonly artifacts: readonly RunArtifact[];
}

/** Runs a check's flow and shapes the outcome as a run of `agentId` at `location`, with a fresh run id. */
export async function executeCheck(
  check: CheckInput & { readonly id: string },
  where: { readonly agentId: string; readonly location: string },
  { probing, clock }: { readonly probing: ProbingSetup; readonly clock: Clock },
): Promise<ExecutedRun> {
  const {
    artifacts: flowArtifacts,
    variables: _variables,
    ...result
  } = await runCheckFlow(check, probing, clock);
  const artifacts = flowArtifacts.map((artifact) => ({ ...artifact, id: randomUUID() }));
  const run: Run = {
    ...result,
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
  return { run, artifacts };
}

/** The step kinds of a check this location cannot run (a browser step where Chromium is missing). */
export function unsupportedKinds(steps: readonly Step[], supported: ReadonlySet<StepKind>): StepKind[] {
  return [...new Set(steps.map((step) => step.kind))].filter((kind) => !supported.has(kind));
}
