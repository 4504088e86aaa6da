import type { Step, StepKind } from '@ganzhi/contracts';
import type { StepExecutor } from './step-executor.js';
import { lazyBrowserStepExecutor } from './browser/lazy-browser-step-executor.js';
import { dnsStepExecutor } from './dns/dns-step-executor.js';
import { httpStepExecutor } from './http/http-step-executor.js';
import { tcpStepExecutor } from './tcp/tcp-step-executor.js';
import { tlsStepExecutor } from './tls/tls-step-executor.js';
import { waitStepExecutor } from './wait/wait-step-executor.js';

type ExecutorMap = { readonly [K in StepKind]: StepExecutor<Extract<Step, { kind: K }>> };

/** The only place that maps a step kind to its executor. Adding a kind = a folder + a line here. */
export const stepExecutors: ExecutorMap = {
  http: httpStepExecutor,
  tcp: tcpStepExecutor,
  dns: dnsStepExecutor,
  tls: tlsStepExecutor,
  browser: lazyBrowserStepExecutor,
  wait: waitStepExecutor,
};

export function executorFor<S extends Step>(step: S): StepExecutor<S> {
  return stepExecutors[step.kind] as unknown as StepExecutor<S>;
}
