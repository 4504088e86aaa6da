import type { ErrorClass, Step, StepResult } from '@ganzhi/contracts';
import type { Clock } from '@ganzhi/runtime';
import { CookieJar } from 'tough-cookie';
import type { BrowserLauncher } from './browser-launcher.js';
import { FlowVariables } from './flow/flow-variables.js';
import { inspectObservation } from './flow/inspect-observation.js';
import { SECRET_MASK, maskSecrets } from './flow/mask-secrets.js';
import { renderTemplates } from './flow/render-templates.js';
import { buildSceneArtifact } from './flow/problem-scene.js';
import type { AddressPolicy } from './safety/address-policy.js';
import type { StepArtifact, StepContext, StepOutcome } from './step-executor.js';
import { executorFor } from './step-registry.js';

/** An artifact of a run, with the step it belongs to. */
export interface FlowArtifact extends StepArtifact {
  readonly stepIndex: number;
}

export interface FlowResult {
  readonly startedAt: string;
  readonly durationMs: number;
  readonly ok: boolean;
  readonly errorClass: ErrorClass | null;
  readonly errorMessage: string | null;
  readonly steps: StepResult[];
  /** Screenshots, the failing step's request/response excerpt, console errors … (secrets masked). */
  readonly artifacts: FlowArtifact[];
  /** Final flow variables, secrets masked. */
  readonly variables: Record<string, string>;
}

export interface RunFlowOptions {
  readonly clock: Clock;
  readonly addressPolicy: AddressPolicy;
  readonly signal?: AbortSignal;
  readonly browsers?: BrowserLauncher;
  /** Initial variables (the check's `variables`). */
  readonly variables?: Readonly<Record<string, string>>;
  /** Values of `{{secrets.NAME}}`, from the agent's environment; always masked in results. */
  readonly secrets?: Readonly<Record<string, string>>;
  /** Budget for the whole flow. */
  readonly flowTimeoutMs?: number;
  /** Keep a screenshot of browser steps even when they pass. */
  readonly screenshotEveryRun?: boolean;
}

/**
 * Runs a check's steps in order with shared variables and cookies. Each step is rendered (`{{variables}}`),
 * executed, then its extractions and assertions run on what it observed. The first failed step stops the flow and
 * names itself; its problem scene is kept as artifacts. Secrets never leave in results.
 */
export async function runFlow(steps: readonly Step[], options: RunFlowOptions): Promise<FlowResult> {
  const started = options.clock.now();
  const flowTimeout = AbortSignal.timeout(options.flowTimeoutMs ?? 120_000);
  const signal = options.signal ? AbortSignal.any([options.signal, flowTimeout]) : flowTimeout;
  const variables = new FlowVariables({
    initial: options.variables ?? {},
    secrets: options.secrets ?? {},
    now: () => options.clock.now(),
  });
  const cookies = new CookieJar();
  const results: StepResult[] = [];
  const artifacts: FlowArtifact[] = [];
  let failure: StepResult | undefined;
  for (const [index, step] of steps.entries()) {
    const context: StepContext = {
      index,
      signal,
      clock: options.clock,
      addressPolicy: options.addressPolicy,
      cookies,
    };
    const outcome = await runStep(
      step,
      { ...context, ...(options.browsers ? { browsers: options.browsers } : {}) },
      variables,
    );
    const result = maskSecrets(outcome.result, variables.secretValues());
    results.push(result);
    for (const artifact of outcome.artifacts ?? []) artifacts.push({ ...artifact, stepIndex: index });
    if (!result.ok) {
      failure = result;
      artifacts.push({ ...buildSceneArtifact(outcome, variables.secretValues()), stepIndex: index });
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
    artifacts,
    variables: variables.snapshot(SECRET_MASK),
  };
}

interface RunStepOutcome extends StepOutcome {
  /** The step as it was sent, rendered, for the problem scene. */
  readonly rendered?: Step;
}

async function runStep(step: Step, context: StepContext, variables: FlowVariables): Promise<RunStepOutcome> {
  let rendered: Step;
  try {
    rendered = renderTemplates(step, variables);
  } catch (error) {
    return { result: notRun(step, context, error instanceof Error ? error.message : String(error)) };
  }
  const outcome = await executorFor(rendered).execute(rendered, context);
  const { observation } = outcome;
  if (!outcome.result.ok || !observation || !('extract' in rendered)) {
    await observation?.release?.();
    return { ...outcome, rendered };
  }
  try {
    const inspection = await inspectObservation(observation, rendered);
    for (const [name, value] of inspection.extracted) variables.set(name, value);
    const extractedView = Object.fromEntries(
      [...inspection.extracted].map(([name, v]) => [name, v.secret ? SECRET_MASK : v.value]),
    );
    const result: StepResult = {
      ...outcome.result,
      ok: inspection.failure === null,
      errorClass: inspection.failure === null ? null : 'assertion',
      errorMessage: inspection.failure,
      assertions: [...outcome.result.assertions, ...inspection.assertions],
      ...(inspection.extracted.size > 0 ? { variables: extractedView } : {}),
    };
    return { ...outcome, result, rendered };
  } finally {
    await observation.release?.();
  }
}

function notRun(step: Step, context: StepContext, message: string): StepResult {
  return {
    index: context.index,
    kind: step.kind,
    name: step.name ?? step.kind,
    ok: false,
    startedAt: new Date(context.clock.now()).toISOString(),
    timings: { dnsMs: null, connectMs: null, tlsMs: null, firstByteMs: null, downloadMs: null, totalMs: 0 },
    errorClass: 'internal',
    errorMessage: message,
    assertions: [],
    detail: {},
  };
}
