import { numberOrUndefined, textOrUndefined } from './key-value-rows';
import type { StepFormCodec, StepRuleValues } from './step-form-values';
import { DEFAULT_TIMEOUT_MS, newRuleValues, toRuleInput, toRuleValues } from './step-rule-values';

export interface TcpStepFormValues extends StepRuleValues {
  readonly kind: 'tcp';
  readonly name?: string;
  readonly host: string;
  readonly port: number | null;
  readonly send?: string;
  readonly expect?: string;
}

export const tcpStepForm: StepFormCodec<'tcp'> = {
  create: () => ({ kind: 'tcp', host: '', port: null, ...newRuleValues(DEFAULT_TIMEOUT_MS.tcp) }),
  toForm: (step) => ({
    kind: 'tcp',
    name: step.name,
    host: step.host,
    port: step.port,
    send: step.send,
    expect: step.expect,
    ...toRuleValues(step),
  }),
  summarize: (step) => `${step.host}:${step.port}`,
  toInput: (values) => ({
    kind: 'tcp',
    name: textOrUndefined(values.name),
    host: (values.host ?? '').trim(),
    // The port has no default: an empty field is sent as absent and reported as required.
    port: numberOrUndefined(values.port) as number,
    // Sent as typed: a protocol line may need its trailing space or "\r\n".
    send: values.send || undefined,
    expect: values.expect || undefined,
    ...toRuleInput(values),
  }),
};
