import { clerkChecks } from './clerk-checks.js';
import type { DemoCheckDefinition } from './demo-check-types.js';
import type { DemoTargets } from './demo-check-steps.js';
import { selfServiceChecks } from './self-service-checks.js';
import { webHallChecks } from './web-hall-checks.js';

export interface DemoCheckOptions {
  /** The demo's `httpsUrl`; adds the HTTPS certificate check. */
  readonly httpsUrl?: string | undefined;
  /**
   * Include the browser journey (default true). Leave it out where the agent has no Chromium: the server refuses
   * checks with steps their location cannot run.
   */
  readonly includeBrowserJourney?: boolean;
  /** Where the checks run (default: the built-in agent's `local`). */
  readonly locations?: readonly string[];
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/**
 * The demo checks, one or more per channel (web hall, business and partner halls, SMS hall, IVR, app), as
 * multi-step flows pointed at a running demo back end. Names are stable, so applying them again refreshes the same
 * checks with new URLs.
 *
 * @example demoCheckDefinitions(demo.url, { httpsUrl: demo.httpsUrl }).map((check) => checkInputSchema.parse(check))
 */
export function demoCheckDefinitions(baseUrl: string, options: DemoCheckOptions = {}): DemoCheckDefinition[] {
  // Paths are joined below the base, so it needs its trailing slash even when given as `http://host/prefix`.
  const targets: DemoTargets = {
    base: withTrailingSlash(baseUrl),
    ...(options.httpsUrl === undefined ? {} : { httpsUrl: withTrailingSlash(options.httpsUrl) }),
  };
  const specs = [
    ...webHallChecks(targets, { includeBrowserJourney: options.includeBrowserJourney ?? true }),
    ...clerkChecks(targets),
    ...selfServiceChecks(targets),
  ];
  const locations = [...(options.locations ?? ['local'])];
  return specs.map((spec) => ({ ...spec, tags: ['demo', spec.channel], locations }));
}
