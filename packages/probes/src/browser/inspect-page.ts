import type { AssertionResult, StepResult } from '@ganzhi/contracts';
import type { Page } from 'playwright-core';
import type { BrowserFailure, BrowserSession } from './browser-session.js';
import { NO_PAGE_TIMING, readPageTiming } from './page-timing.js';
import { redactQuery } from './redact-query.js';
import { isWhiteScreen } from './white-screen.js';

/** How long an app may take after `load` to show something before the page counts as a white screen. */
const WHITE_SCREEN_GRACE_MS = 1500;
/** How long to wait for Chromium to report first contentful paint when it has not yet. */
const FCP_WAIT_MS = 1000;
/** The observation's `body`: the page's visible text, bounded like other executors' body samples. */
const MAX_BODY_SAMPLE_BYTES = 64 * 1024;
const MAX_TITLE_CHARS = 200;

export const WHITE_SCREEN_MESSAGE = 'white screen: the page loaded but shows no content';

/** How a journey's actions came out, for the page inspection that follows them. */
export interface JourneyOutcome {
  readonly checks: readonly AssertionResult[];
  readonly failure: BrowserFailure | null;
  /** Wall time from the first action to the end of the last one run: what the customer waited. */
  readonly durationMs: number;
}

export interface PageReport {
  readonly failure: BrowserFailure | null;
  readonly checks: AssertionResult[];
  readonly timings: StepResult['timings'];
  readonly detail: StepResult['detail'];
  readonly body: string | undefined;
}

/**
 * Judges the page the journey ended on (white screen or not, given a grace period only when the journey passed)
 * and reads its timings, title and visible text.
 */
export async function inspectPage(
  session: BrowserSession,
  outcome: { journey: JourneyOutcome; deadline: number },
): Promise<PageReport> {
  const { page, evidence } = session;
  const { journey } = outcome;
  const remainingMs = Math.max(0, outcome.deadline - performance.now());
  const hasDocument = evidence.documentStatus() !== undefined && !page.isClosed();
  const isPassing = journey.failure === null;
  const isWhite =
    hasDocument && (await isWhiteScreen(page, isPassing ? Math.min(WHITE_SCREEN_GRACE_MS, remainingMs) : 0));
  const checks = [...journey.checks];
  if (hasDocument) {
    checks.push({
      name: 'page shows content',
      ok: !isWhite,
      expected: 'visible content',
      actual: isWhite ? 'white screen' : 'content',
    });
  }
  const failure = isWhite ? failureWithWhiteScreen(journey.failure) : journey.failure;
  // Without a document of its own the page is still the initial about:blank, whose timings mean nothing.
  const fcpWaitMs = isPassing && !isWhite ? Math.min(FCP_WAIT_MS, remainingMs) : 0;
  const timing = hasDocument ? await readPageTiming(page, fcpWaitMs) : NO_PAGE_TIMING;
  const detail: StepResult['detail'] = {
    pageLoadMs: timing.pageLoadMs,
    domContentLoadedMs: timing.domContentLoadedMs,
    firstContentfulPaintMs: timing.firstContentfulPaintMs,
    finalUrl: redactQuery(page.url()),
    title: await titleOf(page),
    status: evidence.documentStatus() ?? null,
    consoleErrors: evidence.consoleErrorCount(),
    failedRequests: evidence.failedRequestCount(),
    whiteScreen: isWhite,
  };
  const timings = { ...timing.phases, totalMs: Math.round(journey.durationMs * 10) / 10 };
  return { failure, checks, timings, detail, body: hasDocument ? await bodySample(page) : undefined };
}

/**
 * A white screen fails a journey that passed, or one that timed out waiting (the blank page is the better
 * explanation); other failures (a failed assertion, an error status) already name a more specific cause.
 */
function failureWithWhiteScreen(failure: BrowserFailure | null): BrowserFailure | null {
  if (failure !== null && failure.errorClass !== 'timeout') return failure;
  return { errorClass: 'assertion', errorMessage: WHITE_SCREEN_MESSAGE };
}

async function titleOf(page: Page): Promise<string | null> {
  try {
    const title = await page.title();
    return title.length > MAX_TITLE_CHARS ? `${title.slice(0, MAX_TITLE_CHARS)}…` : title;
  } catch {
    return null;
  }
}

async function bodySample(page: Page): Promise<string | undefined> {
  try {
    const text = await page.evaluate<unknown>('document.body ? document.body.innerText : ""');
    return typeof text === 'string' ? truncateUtf8(text, MAX_BODY_SAMPLE_BYTES) : undefined;
  } catch {
    return undefined;
  }
}

/** At most `maxBytes` of UTF-8, cut at a character boundary. */
function truncateUtf8(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  // A cut inside a multi-byte character decodes to U+FFFD at the end; drop it.
  return bytes
    .subarray(0, maxBytes)
    .toString('utf8')
    .replace(/\uFFFD$/, '');
}
