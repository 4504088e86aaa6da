import type {
  DemoAssertion,
  DemoCheckDefinition,
  DemoComparison,
  DemoExtraction,
  DemoHttpStep,
} from './demo-check-types.js';

// Targets from the seeds: transactions (payment, plan change, recharge) have a 3 s SLA; queries get 2 s here
// (their SLA is 30 s) so injected latency shows up as failed runs within a demo session instead of never.
export const QUERY_MAX_LATENCY_MS = 2000;
export const TRANSACTION_MAX_LATENCY_MS = 3000;
export const STEP_TIMEOUT_MS = 10_000;

/** What each channel's check list provides; `demoCheckDefinitions` adds tags and locations. */
export type DemoCheckSpec = Omit<DemoCheckDefinition, 'tags' | 'locations'>;

/** Where the demo answers: `base` ends with `/`. */
export interface DemoTargets {
  readonly base: string;
  readonly httpsUrl?: string;
}

export type HttpStepSpec = Omit<
  DemoHttpStep,
  'kind' | 'url' | 'timeoutMs' | 'expectStatus' | 'maxLatencyMs'
> & {
  /** Below the base, without a leading slash: `api/webhall/bill?month={{$month}}`. */
  readonly path: string;
  readonly expectStatus?: number;
  readonly maxLatencyMs?: number;
};

/**
 * An http step against the demo, expecting 200 within the query target unless told otherwise. The URL is joined
 * as text, not resolved with `URL`, which would percent-encode the braces of `{{placeholders}}` in a path.
 *
 * @example httpStep('http://127.0.0.1:8081/', { name: 'query balance', method: 'GET', path: 'api/webhall/balance' })
 */
export function httpStep(base: string, spec: HttpStepSpec): DemoHttpStep {
  const { path, expectStatus = 200, maxLatencyMs = QUERY_MAX_LATENCY_MS, ...rest } = spec;
  return {
    kind: 'http',
    ...rest,
    url: `${base}${path}`,
    timeoutMs: STEP_TIMEOUT_MS,
    expectStatus,
    maxLatencyMs,
  };
}

/** @example assertJson('$.status', 'equals', 'paid') */
export function assertJson(
  expression: string,
  comparison: DemoComparison,
  value?: string | number | boolean,
): DemoAssertion {
  return { subject: 'jsonPath', expression, comparison, ...(value === undefined ? {} : { value }) };
}

/** Tokens are extracted as secrets, so run results show them masked. @example extractJson('token', '$.token', { secret: true }) */
export function extractJson(
  variable: string,
  expression: string,
  options: { readonly secret?: boolean } = {},
): DemoExtraction {
  return { variable, from: 'jsonPath', expression, ...(options.secret ? { secret: true } : {}) };
}

/** A bearer `auth` for an extracted token variable. @example bearer('token') // { type: 'bearer', token: '{{token}}' } */
export function bearer(variable: string): { readonly type: 'bearer'; readonly token: string } {
  return { type: 'bearer', token: `{{${variable}}}` };
}
