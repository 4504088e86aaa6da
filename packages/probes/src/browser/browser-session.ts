import type { BrowserStep, ErrorClass } from '@ganzhi/contracts';
import type { BrowserContext, Page } from 'playwright-core';
import type { ConfinedContext } from '../browser-launcher.js';
import type { StepContext } from '../step-executor.js';
import { guardBrowserRequests, type BrowserRequestGuard } from './guard-browser-requests.js';
import { recordPageEvidence, type PageEvidence } from './page-evidence.js';
import { watchNavigations, type NavigationWatch } from './run-browser-action.js';

export const NO_BROWSER_MESSAGE = 'no browser available at this location';

/** Why a browser step failed, as its result records it. */
export interface BrowserFailure {
  readonly errorClass: ErrorClass;
  readonly errorMessage: string;
}

/** One step's page in its own context, with the guard and recorders attached before anything loads. */
export interface BrowserSession {
  readonly browserContext: BrowserContext;
  readonly page: Page;
  readonly guard: BrowserRequestGuard;
  readonly evidence: PageEvidence;
  readonly navigations: NavigationWatch;
}

/**
 * Opens a fresh context (empty profile) and page for `step` in the location's browser. Failing to get one is the
 * probe's problem, not the target's: `internal`.
 */
export async function openBrowserSession(
  step: BrowserStep,
  context: StepContext,
): Promise<{ session: BrowserSession } | { failure: BrowserFailure }> {
  if (context.signal.aborted) {
    return { failure: { errorClass: 'timeout', errorMessage: "the flow's time budget ran out" } };
  }
  if (!context.browsers) return { failure: { errorClass: 'internal', errorMessage: NO_BROWSER_MESSAGE } };
  let confined: ConfinedContext;
  try {
    confined = await context.browsers.openContext({
      addressPolicy: context.addressPolicy,
      viewport: step.viewport,
    });
  } catch (error) {
    return {
      failure: { errorClass: 'internal', errorMessage: `could not start the browser: ${firstLine(error)}` },
    };
  }
  const { browserContext, refusalFor, lookup } = confined;
  try {
    const guard = await guardBrowserRequests(browserContext, {
      policy: context.addressPolicy,
      refusalFor,
      lookup,
    });
    // Popups (window.open, target=_blank) get the redirect check too; the route already covers their requests.
    browserContext.on('page', (popup) => void guard.guardPage(popup).catch(() => undefined));
    const page = await browserContext.newPage();
    await guard.guardPage(page);
    const session = {
      browserContext,
      page,
      guard,
      evidence: recordPageEvidence(page),
      navigations: watchNavigations(page),
    };
    return { session };
  } catch (error) {
    await browserContext.close().catch(() => undefined);
    return {
      failure: { errorClass: 'internal', errorMessage: `could not open a page: ${firstLine(error)}` },
    };
  }
}

/** Closes the context at most once: when the flow's budget runs out (ending any pending action), or when called. */
export function closeWhenAborted(browserContext: BrowserContext, signal: AbortSignal): () => Promise<void> {
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    signal.removeEventListener('abort', onAbort);
    closing ??= browserContext.close().catch(() => undefined);
    return closing;
  };
  const onAbort = (): void => void close();
  // The budget may have run out while the context was being opened; then no 'abort' event is coming.
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  return close;
}

/**
 * A navigation that timed out keeps loading, and Playwright holds evaluations and screenshots until it commits (the
 * slow server's full answer time): stopping it lets the scene show the page the customer was left looking at.
 */
export async function stopLoading(session: BrowserSession): Promise<void> {
  try {
    const cdp = await session.browserContext.newCDPSession(session.page);
    await cdp.send('Page.stopLoading');
    await cdp.detach();
  } catch {
    // The page is already gone; nothing is loading.
  }
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? '').trim();
}
