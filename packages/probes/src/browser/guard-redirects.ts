import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import type { TargetJudge } from './judge-request-target.js';

/** The fields of CDP's `Fetch.requestPaused` used here (playwright-core does not export its protocol types). */
interface PausedRequest {
  readonly requestId: string;
  readonly request: { readonly url: string };
  readonly frameId: string;
  readonly resourceType: string;
  readonly responseStatusCode?: number;
  readonly responseErrorReason?: string;
  readonly responseHeaders?: readonly { readonly name: string; readonly value: string }[];
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface RedirectGuardOptions {
  readonly context: BrowserContext;
  readonly judge: TargetJudge;
  /** Called with the reason when a redirect of `page`'s main frame is refused. */
  readonly onBlockedNavigation: (reason: string) => void;
}

/**
 * Checks where `page`'s redirects lead before Chromium follows them. Playwright's routes see only the first URL of
 * a request, so without this an allowed host could redirect the browser into a denied range (the cloud metadata
 * service). Every response is paused at the Chrome DevTools Protocol's response stage, which costs a round trip to
 * the agent per response, and a redirect whose target the judge refuses fails as "blocked by client".
 *
 * Covers the page's own target: its main frame, same-process frames and their subresources. Frames that Chromium
 * puts in another process (cross-site iframes) are separate targets whose redirects are not seen here.
 */
export async function guardRedirects(page: Page, options: RedirectGuardOptions): Promise<void> {
  const session = await options.context.newCDPSession(page);
  const mainFrameId = (await session.send('Page.getFrameTree')).frameTree.frame.id;
  session.on('Fetch.requestPaused', (event) => {
    void settlePausedResponse(session, { event, options, mainFrameId });
  });
  await session.send('Fetch.enable', { patterns: [{ urlPattern: '*', requestStage: 'Response' }] });
}

async function settlePausedResponse(
  session: CDPSession,
  paused: { event: PausedRequest; options: RedirectGuardOptions; mainFrameId: string },
): Promise<void> {
  const { event, options } = paused;
  const { requestId } = event;
  try {
    const target = redirectTarget(event);
    // A response that failed before its headers (responseErrorReason) is let through to fail as it would anyway.
    if (target === undefined) {
      await (event.responseErrorReason === undefined
        ? session.send('Fetch.continueResponse', { requestId })
        : session.send('Fetch.continueRequest', { requestId }));
      return;
    }
    const verdict = await options.judge(target);
    if (verdict.kind === 'allow') {
      await session.send('Fetch.continueResponse', { requestId });
      return;
    }
    if (
      verdict.kind === 'block' &&
      event.resourceType === 'Document' &&
      event.frameId === paused.mainFrameId
    ) {
      options.onBlockedNavigation(verdict.reason);
    }
    const errorReason = verdict.kind === 'block' ? 'BlockedByClient' : 'NameNotResolved';
    await session.send('Fetch.failRequest', { requestId, errorReason });
  } catch {
    // The page closed while the response waited: nothing is left to settle.
  }
}

/** Where a paused redirect response leads, resolved against its request's URL; undefined for other responses. */
function redirectTarget(event: PausedRequest): string | undefined {
  if (event.responseStatusCode === undefined || !REDIRECT_STATUSES.has(event.responseStatusCode))
    return undefined;
  const location = event.responseHeaders?.find((header) => header.name.toLowerCase() === 'location')?.value;
  if (location === undefined || !URL.canParse(location, event.request.url)) return undefined;
  return new URL(location, event.request.url).href;
}
