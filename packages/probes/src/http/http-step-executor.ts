import type { HttpStep, StepResult } from '@ganzhi/contracts';
import type { StepContext, StepExecutor } from '../step-executor.js';
import { checkHttpAssertions } from './check-http-assertions.js';
import { exchangeHttp } from './http-exchange.js';

export interface HttpStepExecutorOptions {
  /** PEM certificates to trust besides Node's bundled roots, e.g. an operator's private CA. */
  readonly trustedCaPem?: readonly string[];
  /** How much of the body `bodyContains` can search; the default 1 MiB bounds memory per probe. */
  readonly maxBodySampleBytes?: number;
}

const DEFAULT_MAX_BODY_SAMPLE_BYTES = 1024 * 1024;

/**
 * Builds the executor for `http` steps: one request over a fresh connection, per-phase timings from the real
 * socket, then the step's assertions (status, body, latency). Transport failures become classified results.
 *
 * @example
 * const executor = createHttpStepExecutor({ trustedCaPem: [privateCaPem] });
 * const result = await executor.execute(step, { index: 0, signal, clock: systemClock });
 */
export function createHttpStepExecutor(options: HttpStepExecutorOptions = {}): StepExecutor<HttpStep> {
  const settings = Object.freeze({
    trustedCaPem: options.trustedCaPem ?? [],
    maxBodySampleBytes: options.maxBodySampleBytes ?? DEFAULT_MAX_BODY_SAMPLE_BYTES,
  });
  return {
    kind: 'http',
    async execute(step: HttpStep, context: StepContext): Promise<StepResult> {
      const startedAt = new Date(context.clock.now()).toISOString();
      const { timings, detail, outcome } = await exchangeHttp({ step, signal: context.signal, settings });
      const base = { index: context.index, kind: 'http', name: stepName(step), startedAt, timings, detail };
      if (!outcome.ok) {
        return {
          ...base,
          ok: false,
          errorClass: outcome.errorClass,
          errorMessage: outcome.errorMessage,
          assertions: [],
        };
      }
      const checked = checkHttpAssertions(step, { ...outcome, totalMs: timings.totalMs });
      return { ...base, ok: checked.errorClass === null, ...checked };
    },
  };
}

/** The executor the registry uses: Node's bundled roots only, 1 MiB body sample. */
export const httpStepExecutor: StepExecutor<HttpStep> = createHttpStepExecutor();

/** A step without a name is shown as method and URL; the query string is left out as it may carry tokens. */
function stepName(step: HttpStep): string {
  if (step.name !== undefined) return step.name;
  const url = new URL(step.url);
  return `${step.method} ${url.origin}${url.pathname}`;
}
