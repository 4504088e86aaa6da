import type { Clock } from '@ganzhi/runtime';
import type { BrowserLauncher } from '../browser-launcher.js';
import { runFlow } from '../run-flow.js';
import type { AddressPolicy } from '../safety/address-policy.js';
import type { LagProbe } from './event-loop-lag.js';
import type { FlowJob, MeasuredFlow } from './flow-job.js';
import { runMeasuredFlow } from './measured-flow.js';

/** What the thread that runs flows holds for all of them: the rules, the agent's secrets, the browser, its lag. */
export interface FlowHost {
  readonly clock: Clock;
  readonly addressPolicy: AddressPolicy;
  /** The agent's own secrets (its environment); they win over a job's stored ones. */
  readonly secrets: Readonly<Record<string, string>>;
  readonly browsers?: BrowserLauncher;
  /** The event loop of the thread where the flow is timed. */
  readonly lag: LagProbe;
}

/** Runs a job's flow on `host` exactly as the flow engine always has, judged for our own lag. */
export function runFlowJob(job: FlowJob, host: FlowHost): Promise<MeasuredFlow> {
  const secrets = job.secrets ? { ...job.secrets, ...host.secrets } : host.secrets;
  return runMeasuredFlow(
    () =>
      runFlow(job.steps, {
        clock: host.clock,
        addressPolicy: host.addressPolicy,
        secrets,
        ...(job.variables ? { variables: job.variables } : {}),
        ...(job.flowTimeoutMs === undefined ? {} : { flowTimeoutMs: job.flowTimeoutMs }),
        ...(job.screenshotEveryRun === undefined ? {} : { screenshotEveryRun: job.screenshotEveryRun }),
        ...(host.browsers ? { browsers: host.browsers } : {}),
      }),
    host.lag,
  );
}
