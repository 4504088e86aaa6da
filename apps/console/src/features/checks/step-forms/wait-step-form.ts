import type { StepFormCodec } from './step-form-values';
import { numberOrUndefined, textOrUndefined } from './key-value-rows';

export interface WaitStepFormValues {
  readonly kind: 'wait';
  readonly name?: string;
  readonly durationMs: number | null;
}

export const waitStepForm: StepFormCodec<'wait'> = {
  create: () => ({ kind: 'wait', durationMs: 1000 }),
  toForm: (step) => ({ kind: 'wait', name: step.name, durationMs: step.durationMs }),
  // durationMs has no default: an empty field is sent as absent and reported as required.
  summarize: (step) => `${step.durationMs} ms`,
  toInput: (values) => ({
    kind: 'wait',
    name: textOrUndefined(values.name),
    durationMs: numberOrUndefined(values.durationMs) as number,
  }),
};
