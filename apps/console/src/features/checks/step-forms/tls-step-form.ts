import { numberOrUndefined, textOrUndefined } from './key-value-rows';
import type { StepFormCodec, StepRuleValues } from './step-form-values';
import { DEFAULT_TIMEOUT_MS, newRuleValues, toRuleInput, toRuleValues } from './step-rule-values';

export interface TlsStepFormValues extends StepRuleValues {
  readonly kind: 'tls';
  readonly name?: string;
  readonly host: string;
  readonly port: number | null;
  readonly servername?: string;
  readonly minDaysToExpiry: number | null;
  readonly requireTrustedChain: boolean;
}

export const tlsStepForm: StepFormCodec<'tls'> = {
  create: () => ({
    kind: 'tls',
    host: '',
    port: 443,
    minDaysToExpiry: 14,
    requireTrustedChain: true,
    ...newRuleValues(DEFAULT_TIMEOUT_MS.tls),
  }),
  toForm: (step) => ({
    kind: 'tls',
    name: step.name,
    host: step.host,
    port: step.port,
    servername: step.servername,
    minDaysToExpiry: step.minDaysToExpiry,
    requireTrustedChain: step.requireTrustedChain,
    ...toRuleValues(step),
  }),
  summarize: (step) => `${step.servername ?? step.host}:${step.port}`,
  toInput: (values) => ({
    kind: 'tls',
    name: textOrUndefined(values.name),
    host: (values.host ?? '').trim(),
    port: numberOrUndefined(values.port),
    servername: textOrUndefined(values.servername),
    minDaysToExpiry: numberOrUndefined(values.minDaysToExpiry),
    requireTrustedChain: values.requireTrustedChain ?? true,
    ...toRuleInput(values),
  }),
};
