import type { BrowserContext, Page, Request, Route, WebSocketRoute } from 'playwright-core';
import type { ConfinedContext } from '../browser-launcher.js';
import type { AddressPolicy } from '../safety/address-policy.js';
import { isEgressAnswer } from './egress-answer.js';
import type { EgressRefusal } from './egress-target.js';
import { guardRedirects } from './guard-redirects.js';
import { createTargetJudge, type TargetVerdict } from './judge-request-target.js';

export interface BrowserRequestGuard {
  /** The reason the first blocked main-frame navigation was refused, if one was. */
  readonly blockedNavigation: () => string | undefined;
  /**
   * Why the egress proxy could not carry the latest main-frame navigation (the target refused the connection, its
   * name did not resolve), in Chromium's terms; cleared by reading. Chromium itself only sees the proxy's answer.
   */
  readonly takeEgressFailure: () => EgressRefusal | undefined;
  /** Also checks `page`'s redirects; call before the page loads anything (repeat calls share the first). */
  readonly guardPage: (page: Page) => Promise<void>;
}

/**
 * The step's view of its confinement. The egress proxy is the authority: every connection of the context goes
 * through it, so what is refused here is also refused there. This layer remains for clear step errors: it refuses
 * the page's own requests and redirects before they leave Chromium (aborted as "blocked by client", or "name not
 * resolved" for names that do not resolve here), and maps the proxy's answers to main-frame navigations back to
 * the error the step reports. Redirects need `guardPage` for each page, as routes never see them.
 *
 * @example const guard = await guardBrowserRequests(context, { policy, refusalFor, lookup }); await guard.guardPage(page);
 */
export async function guardBrowserRequests(
  context: BrowserContext,
  egress: { readonly policy: AddressPolicy } & Pick<ConfinedContext, 'refusalFor' | 'lookup'>,
): Promise<BrowserRequestGuard> {
  const judge = createTargetJudge(egress.policy, egress.lookup);
  let blockedNavigation: string | undefined;
  let egressFailure: EgressRefusal | undefined;
  const onBlockedNavigation = (reason: string): void => {
    blockedNavigation ??= reason;
  };
  const onEgressRefusal = (refusal: EgressRefusal): void => {
    if (refusal.errorClass === 'blocked') onBlockedNavigation(refusal.reason);
    else egressFailure = refusal;
  };
  await context.route('**/*', async (route) => {
    const verdict = await judge(route.request().url());
    if (verdict.kind === 'block' && isMainFrameNavigation(route.request()))
      onBlockedNavigation(verdict.reason);
    await settleRoute(route, verdict);
  });
  await context.routeWebSocket(/.*/, async (socket) => {
    await settleWebSocket(socket, await judge(socket.url()));
  });
  // Once per page: a second DevTools session intercepting the same responses would pause each one twice.
  const guardedPages = new WeakMap<Page, Promise<void>>();
  const guardPage = (page: Page): Promise<void> => {
    let guarding = guardedPages.get(page);
    if (!guarding) {
      watchEgressAnswers(page, { refusalFor: egress.refusalFor, onEgressRefusal });
      guarding = guardRedirects(page, { context, judge, onBlockedNavigation });
      guardedPages.set(page, guarding);
    }
    return guarding;
  };
  const takeEgressFailure = (): EgressRefusal | undefined => {
    const failure = egressFailure;
    egressFailure = undefined;
    return failure;
  };
  return { blockedNavigation: () => blockedNavigation, takeEgressFailure, guardPage };
}

/**
 * Chromium reports a refused tunnel (https) as ERR_TUNNEL_CONNECTION_FAILED and shows a refused plain request as
 * the proxy's 403 or 502 page: for main-frame navigations, the proxy's record says what really happened.
 */
function watchEgressAnswers(
  page: Page,
  watch: {
    readonly refusalFor: ConfinedContext['refusalFor'];
    readonly onEgressRefusal: (refusal: EgressRefusal) => void;
  },
): void {
  const check = (request: Request): void => {
    if (!isMainFrameNavigation(request)) return;
    const refusal = watch.refusalFor(request.url());
    if (refusal !== undefined) watch.onEgressRefusal(refusal);
  };
  page.on('requestfailed', (request) => {
    if (/TUNNEL_CONNECTION_FAILED|PROXY/.test(request.failure()?.errorText ?? '')) check(request);
  });
  page.on('response', (response) => {
    if (isEgressAnswer(response)) check(response.request());
  });
}

async function settleRoute(route: Route, verdict: TargetVerdict): Promise<void> {
  try {
    if (verdict.kind === 'allow') await route.continue();
    else await route.abort(verdict.kind === 'block' ? 'blockedbyclient' : 'namenotresolved');
  } catch {
    // The page or context closed while the request waited for its verdict: nothing is left to settle.
  }
}

async function settleWebSocket(socket: WebSocketRoute, verdict: TargetVerdict): Promise<void> {
  try {
    if (verdict.kind === 'allow') socket.connectToServer();
    // 1008: policy violation.
    else
      await socket.close({ code: 1008, reason: verdict.kind === 'block' ? 'blocked' : 'name not resolved' });
  } catch {
    // As above: the page went away first.
  }
}

function isMainFrameNavigation(request: Request): boolean {
  try {
    return request.isNavigationRequest() && request.frame().parentFrame() === null;
  } catch {
    // Requests of service workers have no frame; they are never a page's navigation.
    return false;
  }
}
