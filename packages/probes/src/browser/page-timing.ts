import { isIP } from 'node:net';
import type { PhaseTimings } from '@ganzhi/contracts';
import type { Page } from 'playwright-core';

export interface PageTiming {
  /** The last navigation's phases, from the browser's Navigation Timing entry. */
  readonly phases: Omit<PhaseTimings, 'totalMs'>;
  /** From navigation start to the end of the load event. */
  readonly pageLoadMs: number | null;
  readonly domContentLoadedMs: number | null;
  readonly firstContentfulPaintMs: number | null;
}

const NAVIGATION_FIELDS = [
  'startTime',
  'domainLookupStart',
  'domainLookupEnd',
  'connectStart',
  'secureConnectionStart',
  'connectEnd',
  'requestStart',
  'responseStart',
  'responseEnd',
  'domContentLoadedEventEnd',
  'loadEventEnd',
] as const;

type NavigationEntry = Record<(typeof NAVIGATION_FIELDS)[number], number>;

/**
 * Page-side source (see white-screen.ts for why text): the navigation entry's fields and first contentful paint.
 * Chromium reports the paint a frame or two after it happens, so when it is missing the script waits up to
 * `waitMs` for it.
 */
function timingScript(waitMs: number): string {
  return `new Promise((resolve) => {
    const read = () => {
      const nav = performance.getEntriesByType('navigation')[0];
      const paint = performance.getEntriesByName('first-contentful-paint')[0];
      const fields = ${JSON.stringify(NAVIGATION_FIELDS)};
      return {
        navigation: nav ? Object.fromEntries(fields.map((field) => [field, nav[field]])) : null,
        fcp: paint ? paint.startTime : null,
      };
    };
    const first = read();
    if (first.fcp !== null || ${waitMs} < 1) return resolve(first);
    let observer = null;
    const done = () => { clearTimeout(timer); if (observer) observer.disconnect(); resolve(read()); };
    const timer = setTimeout(done, ${waitMs});
    try {
      observer = new PerformanceObserver((list) => { if (list.getEntriesByName('first-contentful-paint').length > 0) done(); });
      observer.observe({ type: 'paint', buffered: true });
    } catch { /* no paint timing in this browser: the timer resolves */ }
  })`;
}

/** For a step that never got a document: every phase unknown. */
export const NO_PAGE_TIMING: PageTiming = {
  phases: { dnsMs: null, connectMs: null, tlsMs: null, firstByteMs: null, downloadMs: null },
  pageLoadMs: null,
  domContentLoadedMs: null,
  firstContentfulPaintMs: null,
};

/**
 * Reads the timings of the page's last navigation; all null when there was none or the page cannot be read.
 * Values come from the target's page, whose scripts may overwrite `performance`, so each is checked to be a
 * plausible duration.
 *
 * @example const { phases, firstContentfulPaintMs } = await readPageTiming(page, 1000);
 */
export async function readPageTiming(page: Page, fcpWaitMs: number): Promise<PageTiming> {
  let raw: unknown;
  try {
    raw = await page.evaluate<unknown>(timingScript(Math.max(0, Math.round(fcpWaitMs))));
  } catch {
    return NO_PAGE_TIMING;
  }
  if (typeof raw !== 'object' || raw === null) return NO_PAGE_TIMING;
  const navigation = 'navigation' in raw ? toNavigationEntry(raw.navigation) : null;
  const fcp = 'fcp' in raw ? duration(raw.fcp, 0) : null;
  if (navigation === null) return { ...NO_PAGE_TIMING, firstContentfulPaintMs: fcp };
  return { ...timingOf(navigation, isIP(hostOf(page.url())) !== 0), firstContentfulPaintMs: fcp };
}

function timingOf(nav: NavigationEntry, isIpLiteral: boolean): Omit<PageTiming, 'firstContentfulPaintMs'> {
  const hasTls = nav.secureConnectionStart > 0;
  return {
    phases: {
      // Chromium reports a zero-length lookup for IP literals; the contract says the phase did not happen.
      dnsMs: isIpLiteral ? null : duration(nav.domainLookupEnd, nav.domainLookupStart),
      // connectEnd includes the TLS handshake; split like the http executor does, TCP here and TLS below.
      connectMs: duration(hasTls ? nav.secureConnectionStart : nav.connectEnd, nav.connectStart),
      tlsMs: hasTls ? duration(nav.connectEnd, nav.secureConnectionStart) : null,
      firstByteMs: duration(nav.responseStart, nav.requestStart),
      downloadMs: duration(nav.responseEnd, nav.responseStart),
    },
    // Zero until the event has finished, e.g. when the step failed while the page was still loading.
    pageLoadMs: nav.loadEventEnd > 0 ? duration(nav.loadEventEnd, nav.startTime) : null,
    domContentLoadedMs:
      nav.domContentLoadedEventEnd > 0 ? duration(nav.domContentLoadedEventEnd, nav.startTime) : null,
  };
}

function toNavigationEntry(value: unknown): NavigationEntry | null {
  if (typeof value !== 'object' || value === null) return null;
  const fields = value as Record<string, unknown>;
  const entry: Partial<NavigationEntry> = {};
  for (const field of NAVIGATION_FIELDS) {
    const number = fields[field];
    if (typeof number !== 'number' || !Number.isFinite(number)) return null;
    entry[field] = number;
  }
  return entry as NavigationEntry;
}

/** `end - start` in ms to 0.1 ms, or null when it is not a plausible duration. */
function duration(end: unknown, start: number): number | null {
  if (typeof end !== 'number' || !Number.isFinite(end) || end < start) return null;
  return Math.round((end - start) * 10) / 10;
}

function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).hostname.replace(/^\[|\]$/g, '') : '';
}
