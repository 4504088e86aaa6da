import { STEP_KINDS, type StepKind } from '@ganzhi/contracts';
import { createSilentLogger, systemClock, type Logger, type Secret } from '@ganzhi/runtime';
import { createChromiumLauncher, isChromiumAvailable } from '../browser/chromium-launcher.js';
import { createAddressPolicy, type AddressPolicy } from '../safety/address-policy.js';
import type { FlowRunner } from '../worker/flow-job.js';
import { FlowWorkerPool, defaultFlowWorkers } from '../worker/flow-worker-pool.js';
import { InProcessFlowRunner } from '../worker/in-process-flow-runner.js';

/** Everything an agent (built-in or remote) needs to run flows safely at its location. */
export interface ProbingSetup {
  readonly addressPolicy: AddressPolicy;
  /** Values of `{{secrets.NAME}}`; revealed only to the flow engine, which masks them in results. */
  readonly secrets: Readonly<Record<string, string>>;
  /** Whether browser steps can run here (Chromium is installed). */
  readonly browserAvailable: boolean;
  /** Step kinds this location can run (browser only where Chromium is installed). */
  readonly supportedKinds: ReadonlySet<StepKind>;
  /**
   * Runs flows with this setup's policy, secrets and browser, off the main thread (a pool of worker threads), so
   * the process's own load never enters a measurement.
   */
  readonly flows: FlowRunner;
  close(): Promise<void>;
}

export interface ProbingSettings {
  /** When non-empty, the only ranges probes may reach. */
  readonly probeAllowRanges: readonly string[];
  /** Denied in addition to DEFAULT_DENIED_RANGES, which always apply (GANZHI_PROBE_DENY adds, never replaces). */
  readonly probeDenyRanges: readonly string[];
  readonly probeSecrets: ReadonlyMap<string, Secret>;
  readonly chromiumPath: string;
  /**
   * Worker threads that run flows (default min(2, cores)); 0 runs them on the calling thread, still judged for
   * its lag, which only tests and tools that drive flows themselves should want.
   */
  readonly probeWorkers?: number;
}

export async function createProbingSetup(
  settings: ProbingSettings,
  options: { readonly logger?: Logger } = {},
): Promise<ProbingSetup> {
  const hasChromium = await isChromiumAvailable(settings.chromiumPath);
  const addressPolicy = { allow: settings.probeAllowRanges, deny: settings.probeDenyRanges };
  const secrets = Object.fromEntries(
    [...settings.probeSecrets].map(([name, secret]) => [name, secret.reveal()]),
  );
  const workers = settings.probeWorkers ?? defaultFlowWorkers();
  const flows: FlowRunner =
    workers > 0
      ? new FlowWorkerPool({
          settings: {
            addressPolicy,
            secrets,
            ...(hasChromium ? { chromiumPath: settings.chromiumPath } : {}),
          },
          logger: options.logger ?? createSilentLogger(),
          size: workers,
        })
      : new InProcessFlowRunner({
          clock: systemClock,
          addressPolicy: createAddressPolicy(addressPolicy),
          secrets,
          ...(hasChromium
            ? { browsers: createChromiumLauncher({ executablePath: settings.chromiumPath }) }
            : {}),
        });
  return {
    addressPolicy: createAddressPolicy(addressPolicy),
    secrets,
    browserAvailable: hasChromium,
    supportedKinds: new Set(STEP_KINDS.filter((kind) => kind !== 'browser' || hasChromium)),
    flows,
    close: () => flows.stop(),
  };
}
