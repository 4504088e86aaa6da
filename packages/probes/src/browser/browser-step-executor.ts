import type { AssertionResult, BrowserStep, StepResult } from '@ganzhi/contracts';
import { errors } from 'playwright-core';
import type {
  StepArtifact,
  StepContext,
  StepExecutor,
  StepObservation,
  StepOutcome,
} from '../step-executor.js';
import {
  closeWhenAborted,
  openBrowserSession,
  stopLoading,
  type BrowserFailure,
  type BrowserSession,
} from './browser-session.js';
import { classifyBrowserError } from './classify-browser-error.js';
import { inspectPage, type JourneyOutcome } from './inspect-page.js';
import { redactQuery } from './redact-query.js';
import {
  describeAction,
  describeWaiting,
  expectationOf,
  readText,
  runBrowserAction,
  type ActionVerdict,
} from './run-browser-action.js';

/** Evidence is taken after the step's budget may have run out, so it has its own bound. */
const SCREENSHOT_TIMEOUT_MS = 5000;

type ResultBase = Pick<StepResult, 'index' | 'kind' | 'name' | 'startedAt'>;

/**
 * The executor for `browser` steps: the step's actions in a fresh context (empty profile) of the location's
 * Chromium, every request checked against the address policy, then a white-screen verdict, the page's timings and,
 * on failure, the problem scene (screenshot, console errors, failed requests). On success the page stays open for
 * the flow's extraction and assertions until `release()`.
 *
 * @example const { result, observation } = await browserStepExecutor.execute(step, { ...context, browsers });
 */
export const browserStepExecutor: StepExecutor<BrowserStep> = {
  kind: 'browser',
  execute: executeBrowserStep,
};

async function executeBrowserStep(step: BrowserStep, context: StepContext): Promise<StepOutcome> {
  const startedAt = new Date(context.clock.now()).toISOString();
  const base: ResultBase = { index: context.index, kind: 'browser', name: stepName(step), startedAt };
  const opened = await openBrowserSession(step, context);
  if ('failure' in opened) return { result: failedResult(base, opened.failure) };
  const { session } = opened;
  // The budget is the target's: it starts once the page is ready, so a busy agent starting Chromium (seconds, cold)
  // does not turn into the target's timeouts. The flow's signal still bounds the whole.
  const deadline = performance.now() + step.timeoutMs;
  const close = closeWhenAborted(session.browserContext, context.signal);
  const journey = await runJourney(session, { step, deadline, signal: context.signal });
  if (journey.failure !== null) await stopLoading(session);
  const report = await inspectPage(session, { journey, deadline });
  const failure = report.failure;
  const result: StepResult = {
    ...base,
    ok: failure === null,
    timings: report.timings,
    errorClass: failure?.errorClass ?? null,
    errorMessage: failure?.errorMessage ?? null,
    assertions: report.checks,
    detail: report.detail,
  };
  const artifacts = await collectArtifacts(session, { isFailed: failure !== null, step });
  const observed = {
    latencyMs: report.timings.totalMs,
    status: session.evidence.documentStatus(),
    body: report.body,
  };
  if (failure !== null) {
    await close();
    return { result, artifacts, observation: observed };
  }
  return { result, artifacts, observation: await liveObservation(session, { observed, release: close }) };
}

/** Runs the actions in order until one fails; each one run becomes an entry of the step's `assertions`. */
async function runJourney(
  session: BrowserSession,
  plan: { step: BrowserStep; deadline: number; signal: AbortSignal },
): Promise<JourneyOutcome> {
  const started = performance.now();
  const checks: AssertionResult[] = [];
  const finish = (failure: BrowserFailure | null): JourneyOutcome => ({
    checks,
    failure,
    durationMs: performance.now() - started,
  });
  for (const [index, action] of plan.step.actions.entries()) {
    const label = `action ${index + 1} (${describeAction(action)})`;
    const timeoutMs = Math.round(plan.deadline - performance.now());
    const exhausted = exhaustedBudget(plan, timeoutMs);
    if (exhausted !== undefined)
      return finish({ errorClass: 'timeout', errorMessage: `${label}: ${exhausted}` });
    if (action.action !== 'waitForNavigation') session.navigations.mark();
    const verdict = await attemptAction(session, { action, timeoutMs, signal: plan.signal });
    const { failure } = verdict;
    checks.push({
      name: label,
      ok: failure === undefined,
      expected: expectationOf(action),
      actual: verdict.actual,
    });
    if (failure) {
      return finish({ errorClass: failure.errorClass, errorMessage: `${label}: ${failure.reason}` });
    }
  }
  return finish(null);
}

/** Why no time is left for the next action; undefined while some is. */
function exhaustedBudget(
  plan: { step: BrowserStep; signal: AbortSignal },
  timeoutMs: number,
): string | undefined {
  if (plan.signal.aborted) return "the flow's time budget ran out before it";
  if (timeoutMs < 1) return `the step's ${plan.step.timeoutMs} ms ran out before it`;
  return undefined;
}

async function attemptAction(
  session: BrowserSession,
  attempt: { action: BrowserStep['actions'][number]; timeoutMs: number; signal: AbortSignal },
): Promise<ActionVerdict> {
  const { action, timeoutMs } = attempt;
  let verdict: ActionVerdict;
  try {
    verdict = await runBrowserAction(action, {
      page: session.page,
      timeoutMs,
      hasNavigated: session.navigations.hasNavigated,
    });
  } catch (error) {
    verdict = verdictOfError(error, attempt);
  }
  // A refused navigation may surface as a net error, or not at all (a click whose navigation was aborted).
  const blocked = session.guard.blockedNavigation();
  if (blocked !== undefined) {
    return { actual: 'blocked', failure: { errorClass: 'blocked', reason: `blocked: ${blocked}` } };
  }
  // Chromium saw only the egress proxy's answer (a failed tunnel, a 502 page); the proxy knows the real failure.
  const egressFailure = session.guard.takeEgressFailure();
  if (verdict.failure === undefined || egressFailure === undefined) return verdict;
  return { actual: egressFailure.reason, failure: egressFailure };
}

function verdictOfError(
  error: unknown,
  attempt: { action: BrowserStep['actions'][number]; timeoutMs: number; signal: AbortSignal },
): ActionVerdict {
  if (attempt.signal.aborted) {
    return {
      actual: 'aborted',
      failure: { errorClass: 'timeout', reason: "the flow's time budget ran out" },
    };
  }
  if (error instanceof errors.TimeoutError) {
    const reason = `${describeWaiting(attempt.action)} timed out after ${attempt.timeoutMs} ms`;
    return { actual: 'timed out', failure: { errorClass: 'timeout', reason } };
  }
  const { errorClass, reason } = classifyBrowserError(error);
  return { actual: reason, failure: { errorClass, reason } };
}

async function collectArtifacts(
  session: BrowserSession,
  options: { isFailed: boolean; step: BrowserStep },
): Promise<StepArtifact[]> {
  const artifacts: StepArtifact[] = [];
  if (options.isFailed || options.step.screenshotOnSuccess) {
    try {
      const content = await session.page.screenshot({ fullPage: false, timeout: SCREENSHOT_TIMEOUT_MS });
      artifacts.push({ kind: 'screenshot', contentType: 'image/png', content });
    } catch {
      // The page is gone (crashed, or closed when the flow ran out of time): the other evidence still stands.
    }
  }
  if (options.isFailed) artifacts.push(...session.evidence.toArtifacts());
  return artifacts;
}

async function liveObservation(
  session: BrowserSession,
  parts: {
    observed: Omit<StepObservation, 'textOf' | 'isVisible' | 'release'>;
    release: () => Promise<void>;
  },
): Promise<StepObservation> {
  const { page, browserContext } = session;
  const cookies = await browserContext.cookies(page.url()).catch(() => []);
  return {
    ...parts.observed,
    cookies: Object.fromEntries(cookies.map((cookie) => [cookie.name, cookie.value])),
    textOf: (selector) => readText(page, selector).catch(() => null),
    isVisible: (selector) =>
      page
        .locator(selector)
        .first()
        .isVisible()
        .catch(() => false),
    release: parts.release,
  };
}

function failedResult(base: ResultBase, failure: BrowserFailure): StepResult {
  return {
    ...base,
    ok: false,
    timings: { dnsMs: null, connectMs: null, tlsMs: null, firstByteMs: null, downloadMs: null, totalMs: 0 },
    errorClass: failure.errorClass,
    errorMessage: failure.errorMessage,
    assertions: [],
    detail: {},
  };
}

/** A step without a name is called after the page it opens first, without the query string. */
function stepName(step: BrowserStep): string {
  if (step.name !== undefined) return step.name;
  const first = step.actions[0];
  return first?.action === 'goto' ? `browser ${redactQuery(first.url)}` : 'browser';
}
