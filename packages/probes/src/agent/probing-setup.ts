import { STEP_KINDS, type StepKind } from '@ganzhi/contracts';
import type { BrowserLauncher } from '../browser-launcher.js';
import { createChromiumLauncher, isChromiumAvailable } from '../browser/chromium-launcher.js';
import { createAddressPolicy, type AddressPolicy } from '../safety/address-policy.js';
import type { Secret } from '@ganzhi/runtime';

/** Everything an agent (built-in or remote) needs to run flows safely at its location. */
export interface ProbingSetup {
  readonly addressPolicy: AddressPolicy;
  /** Values of `{{secrets.NAME}}`; revealed only to the flow engine, which masks them in results. */
  readonly secrets: Readonly<Record<string, string>>;
  readonly browsers: BrowserLauncher | undefined;
  /** Step kinds this location can run (browser only where Chromium is installed). */
  readonly supportedKinds: ReadonlySet<StepKind>;
  close(): Promise<void>;
}

export interface ProbingSettings {
  /** When non-empty, the only ranges probes may reach. */
  readonly probeAllowRanges: readonly string[];
  /** Denied in addition to DEFAULT_DENIED_RANGES, which always apply (GANZHI_PROBE_DENY adds, never replaces). */
  readonly probeDenyRanges: readonly string[];
  readonly probeSecrets: ReadonlyMap<string, Secret>;
  readonly chromiumPath: string;
}

export async function createProbingSetup(settings: ProbingSettings): Promise<ProbingSetup> {
  const hasChromium = await isChromiumAvailable(settings.chromiumPath);
  const browsers = hasChromium
    ? createChromiumLauncher({ executablePath: settings.chromiumPath })
    : undefined;
  return {
    addressPolicy: createAddressPolicy({ allow: settings.probeAllowRanges, deny: settings.probeDenyRanges }),
    secrets: Object.fromEntries([...settings.probeSecrets].map(([name, secret]) => [name, secret.reveal()])),
    browsers,
    supportedKinds: new Set(STEP_KINDS.filter((kind) => kind !== 'browser' || hasChromium)),
    close: async () => {
      await browsers?.close();
    },
  };
}
