import type { BrowserContext, Page, Request, Route, WebSocketRoute } from 'playwright-core';
import type { AddressPolicy } from '../safety/address-policy.js';
import { guardRedirects } from './guard-redirects.js';
import { createTargetJudge, type TargetVerdict } from './judge-request-target.js';

export interface BrowserRequestGuard {
  /** The reason the first blocked main-frame navigation was refused, if one was. */
  readonly blockedNavigation: () => string | undefined;
  /** Also checks `page`'s redirects; call before the page loads anything (repeat calls share the first). */
  readonly guardPage: (page: Page) => Promise<void>;
}

/**
 * Routes every request and WebSocket of `context` through `policy` before Chromium may connect: refused requests
 * are aborted as "blocked by client", names that do not resolve here as "name not resolved" (Chromium might
 * resolve them differently, unchecked). Redirects need `guardPage` for each page, as routes never see them.
 * Service workers must be blocked on the context: their requests would bypass the route.
 *
 * @example const guard = await guardBrowserRequests(context, policy); await guard.guardPage(await context.newPage());
 */
export async function guardBrowserRequests(
  context: BrowserContext,
  policy: AddressPolicy,
): Promise<BrowserRequestGuard> {
  const judge = createTargetJudge(policy);
  let blockedNavigation: string | undefined;
  const onBlockedNavigation = (reason: string): void => {
    blockedNavigation ??= reason;
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
      guarding = guardRedirects(page, { context, judge, onBlockedNavigation });
      guardedPages.set(page, guarding);
    }
    return guarding;
  };
  return { blockedNavigation: () => blockedNavigation, guardPage };
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
