import type { DnsRecordType } from '@ganzhi/contracts';
import { textOrUndefined } from './key-value-rows';
import type { StepFormCodec, StepRuleValues } from './step-form-values';
import { DEFAULT_TIMEOUT_MS, newRuleValues, toRuleInput, toRuleValues } from './step-rule-values';

export interface DnsStepFormValues extends StepRuleValues {
  readonly kind: 'dns';
  readonly name?: string;
  /** The name to resolve. */
  readonly query: string;
  readonly recordType: DnsRecordType;
  readonly resolver?: string;
  readonly expectAnswers: string[];
}

export const dnsStepForm: StepFormCodec<'dns'> = {
  create: () => ({
    kind: 'dns',
    query: '',
    recordType: 'A',
    expectAnswers: [],
    ...newRuleValues(DEFAULT_TIMEOUT_MS.dns),
  }),
  toForm: (step) => ({
    kind: 'dns',
    name: step.name,
    query: step.query,
    recordType: step.recordType,
    resolver: step.resolver,
    expectAnswers: [...step.expectAnswers],
    ...toRuleValues(step),
  }),
  summarize: (step) => `${step.recordType} ${step.query}`,
  toInput: (values) => ({
    kind: 'dns',
    name: textOrUndefined(values.name),
    query: (values.query ?? '').trim(),
    recordType: values.recordType,
    resolver: textOrUndefined(values.resolver),
    expectAnswers: (values.expectAnswers ?? [])
      .map((answer) => answer.trim())
      .filter((answer) => answer !== ''),
    ...toRuleInput(values),
  }),
};
