import type { ProbingSettings } from '@ganzhi/probes';

/** Probing for tests of the server: default address policy, no secrets, no browser. */
export const NO_BROWSER_PROBING: ProbingSettings = {
  probeAllowRanges: [],
  probeDenyRanges: ['169.254.0.0/16'],
  probeSecrets: new Map(),
  chromiumPath: '/nonexistent/chromium',
};
