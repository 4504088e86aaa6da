import type { StepKind } from '@ganzhi/contracts';
import { numberOrUndefined } from './key-value-rows';
import type { StepRuleValues } from './step-form-values';
import { toAssertRows, toAssertions, toExtractRows, toExtractions } from './step-rule-rows';

interface StepRules {
  readonly timeoutMs: number;
  readonly extract: Parameters<typeof toExtractRows>[0];
  readonly assert: Parameters<typeof toAssertRows>[0];
}

/** New steps start with the kind's timeout and empty tables. */
export function newRuleValues(timeoutMs: number): StepRuleValues {
  return { timeoutMs, extract: [], assert: [] };
}

export function toRuleValues(step: StepRules): StepRuleValues {
  return {
    timeoutMs: step.timeoutMs,
    extract: toExtractRows(step.extract),
    assert: toAssertRows(step.assert),
  };
}

export function toRuleInput(values: Partial<StepRuleValues>) {
  return {
    timeoutMs: numberOrUndefined(values.timeoutMs),
    extract: toExtractions(values.extract),
    assert: toAssertions(values.assert),
  };
}

/** Default step timeouts from the schemas (browser pages get longer). */
export const DEFAULT_TIMEOUT_MS: Readonly<Record<Exclude<StepKind, 'wait'>, number>> = {
  http: 10_000,
  tcp: 10_000,
  dns: 10_000,
  tls: 10_000,
  browser: 30_000,
};
