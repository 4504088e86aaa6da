import { randomBytes } from 'node:crypto';
import type { ProbingSettings } from '@ganzhi/probes';
import { createSecretBox, type SecretBox } from './modules/secrets/index.js';

/** Probing for tests of the server: the built-in address policy, no secrets, no browser. */
export const NO_BROWSER_PROBING: ProbingSettings = {
  probeAllowRanges: [],
  probeDenyRanges: [],
  probeSecrets: new Map(),
  chromiumPath: '/nonexistent/chromium',
};

/** A secret box under a random key, for tests that never restart the process. */
export function createTestSecretBox(): SecretBox {
  return createSecretBox(randomBytes(32));
}
