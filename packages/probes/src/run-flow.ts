import type { ErrorClass, Step, StepResult } from '@ganzhi/contracts';
import type { Clock } from '@ganzhi/runtime';
import { CookieJar } from 'tough-cookie';
import type { BrowserLauncher } from './browser-launcher.js';
import { FlowVariables } from './flow/flow-variables.js';
import { inspectObservation } from './flow/inspect-observation.js';
import { SECRET_MASK, type SecretMasker } from './flow/mask-secrets.js';
import {
  MissingSecretError,
  UnknownVariableError,
  defineInitialVariables,
  renderTemplates,
} from './flow/render-templates.js';
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
  /** Final flow variables; any that is secret, derives from a secret or shows one in any form is masked. */
  readonly variables: Record<string, string>;
}

export interface RunFlowOptions {
  readonly clock: Clock;
  readonly addressPolicy: AddressPolicy;
  readonly signal?: AbortSignal;
  readonly browsers?: BrowserLauncher;
  /** Initial variables (the check's `variables`), rendered once in order before the first step. */
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
 * names itself; its problem scene is kept as artifacts. Secrets never leave in results: step results, text
 * artifacts, the scene and the variables all pass a masker that knows every secret in play (configured, rendered
 * into a variable, extracted, credentials) and their encoded forms (percent, hex, base64).
 */
export async function runFlow(steps: readonly Step[], options: RunFlowOptions): Promise<FlowResult> {
  const started = options.clock.now();
  const budget = flowBudget(options.flowTimeoutMs ?? 120_000, options.signal);
  try {
    return await runSteps(steps, options, { started, signal: budget.signal });
  } finally {
    budget.release();
  }
}

/**
 * The flow's budget as a signal that also follows the caller's. Its timer is cleared when the flow ends: an
 * `AbortSignal.timeout` would keep every finished flow's timer and signal alive for the whole budget (thousands of
 * them on a busy agent).
 */
export function flowBudget(
  ms: number,
  outer: AbortSignal | undefined,
): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
    ms,
  );
  // Like `AbortSignal.timeout`'s: a flow in flight does not keep the process alive.
  timer.unref();
  const follow = (): void => controller.abort(outer?.reason);
  if (outer?.aborted) follow();
  else outer?.addEventListener('abort', follow, { once: true });
  return {
    signal: controller.signal,
    release: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', follow);
    },
  };
}

async function runSteps(
  steps: readonly Step[],
  options: RunFlowOptions,
  { started, signal }: { started: number; signal: AbortSignal },
): Promise<FlowResult> {
  const variables = new FlowVariables({ secrets: options.secrets ?? {}, now: () => options.clock.now() });
  const setupProblem = defineVariables(variables, options.variables ?? {});
  const cookies = new CookieJar();
  const outcomes: RunStepOutcome[] = [];
  for (const [index, step] of steps.entries()) {
    const context: StepContext = {
      index,
      signal,
      clock: options.clock,
      addressPolicy: options.addressPolicy,
      cookies,
      ...(options.browsers ? { browsers: options.browsers } : {}),
    };
    const outcome: RunStepOutcome =
      setupProblem === null
        ? await runStep(step, context, variables)
        : { result: notRun(step, context, setupProblem) };
    outcomes.push(outcome);
    if (!outcome.result.ok) break;
  }
  // Masked once all secrets are known: a later step may extract a secret an earlier step's output already showed.
  const masker = variables.masker();
  const results = outcomes.map((outcome) => maskStepResult(outcome.result, masker));
  const artifacts: FlowArtifact[] = outcomes.flatMap((outcome, stepIndex) =>
    (outcome.artifacts ?? []).map((artifact) => ({ ...maskArtifact(artifact, masker), stepIndex })),
  );
  const last = outcomes.length - 1;
  const failure = results[last]?.ok === false ? results[last] : undefined;
  const failedOutcome = outcomes[last];
  if (failure && failedOutcome)
    artifacts.push({ ...buildSceneArtifact(failedOutcome, masker), stepIndex: last });
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
    variables: variables.snapshot(),
  };
}

/** Why a step could not be sent, and whose problem it is. */
interface NotRunReason {
  readonly errorClass: ErrorClass;
  readonly message: string;
}

/**
 * A secret the agent lacks or a placeholder nothing defines is the check's or the agent's configuration (`config`),
 * to be fixed there rather than at the target or in the probe; anything else rendering throws is the probe's own.
 */
function reasonOf(error: unknown): NotRunReason {
  const message = error instanceof Error ? error.message : String(error);
  const isConfig = error instanceof MissingSecretError || error instanceof UnknownVariableError;
  return { errorClass: isConfig ? 'config' : 'internal', message };
}

/** Renders the check's variables; the problem (an unknown placeholder) fails the first step when there is one. */
function defineVariables(
  variables: FlowVariables,
  initial: Readonly<Record<string, string>>,
): NotRunReason | null {
  try {
    defineInitialVariables(variables, initial);
    return null;
  } catch (error) {
    return reasonOf(error);
  }
}

/**
 * Masks a step's free text (name, messages, assertions, detail, variables). Fields with a fixed vocabulary or format
 * carry no secret and must stay valid for the run schema even when a short secret happens to occur in them.
 */
function maskStepResult(result: StepResult, masker: SecretMasker): StepResult {
  return {
    ...masker.mask(result),
    kind: result.kind,
    startedAt: result.startedAt,
    errorClass: result.errorClass,
  };
}

/** Text evidence (console errors, network logs, excerpts) is masked; images cannot be and are kept as taken. */
function maskArtifact(artifact: StepArtifact, masker: SecretMasker): StepArtifact {
  if (!/^text\/|[/+](json|xml)\b/.test(artifact.contentType)) return artifact;
  const text = Buffer.from(artifact.content).toString('utf8');
  const masked = masker.maskText(text);
  return masked === text ? artifact : { ...artifact, content: Buffer.from(masked) };
}

/**
 * Credentials given in a step's auth and client-certificate fields are secrets by nature, even when typed into the
 * check rather than taken from `{{secrets.…}}`; the basic-auth pair is protected whole so its base64 (what an echo
 * of the `Authorization` header shows) is masked too.
 */
function protectCredentials(step: Step, variables: FlowVariables): void {
  if (step.kind !== 'http') return;
  if (step.auth?.type === 'basic') {
    variables.protect(`${step.auth.username}:${step.auth.password}`);
    variables.protect(step.auth.password);
  }
  if (step.auth?.type === 'bearer') variables.protect(step.auth.token);
  if (step.clientCertificate) {
    variables.protect(step.clientCertificate.keyPem);
    variables.protect(step.clientCertificate.passphrase ?? '');
  }
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
    return { result: notRun(step, context, reasonOf(error)) };
  }
  protectCredentials(rendered, variables);
  const outcome = await executorFor(rendered).execute(rendered, context);
  const { observation } = outcome;
  if (!outcome.result.ok || !observation || !('extract' in rendered)) {
    await observation?.release?.();
    return { ...outcome, rendered };
  }
  try {
    const inspection = await inspectObservation(observation, rendered, variables);
    const snapshot = variables.snapshot();
    const extractedView = Object.fromEntries(
      [...inspection.extracted.keys()].map((name) => [name, snapshot[name] ?? SECRET_MASK]),
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

function notRun(step: Step, context: StepContext, reason: NotRunReason): StepResult {
  return {
    index: context.index,
    kind: step.kind,
    name: step.name ?? step.kind,
    ok: false,
    startedAt: new Date(context.clock.now()).toISOString(),
    timings: { dnsMs: null, connectMs: null, tlsMs: null, firstByteMs: null, downloadMs: null, totalMs: 0 },
    errorClass: reason.errorClass,
    errorMessage: reason.message,
    assertions: [],
    detail: {},
  };
}
