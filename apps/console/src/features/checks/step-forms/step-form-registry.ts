import type { Step, StepKind } from '@ganzhi/contracts';
import { browserStepForm } from './browser-step-form';
import { dnsStepForm } from './dns-step-form';
import { httpStepForm } from './http-step-form';
import type { StepFormCodec, StepFormValues, StepInputRaw } from './step-form-values';
import { tcpStepForm } from './tcp-step-form';
import { tlsStepForm } from './tls-step-form';
import { waitStepForm } from './wait-step-form';

type CodecMap = { readonly [K in StepKind]: StepFormCodec<K> };

/** The only place that maps a step kind to its form conversions. Adding a kind = a file + a line here. */
const stepForms: CodecMap = {
  http: httpStepForm,
  tcp: tcpStepForm,
  dns: dnsStepForm,
  tls: tlsStepForm,
  browser: browserStepForm,
  wait: waitStepForm,
};

/**
 * The codec for a kind, typed for the whole union. TypeScript cannot relate a value's `kind` to the mapped codec
 * (correlated unions), so the narrowing is asserted here once instead of at each call.
 */
function codecOf(kind: StepKind): StepFormCodec<StepKind> {
  return stepForms[kind] as unknown as StepFormCodec<StepKind>;
}

/** A new step of `kind` with the schema's defaults. */
export function newStepValues(kind: StepKind): StepFormValues {
  return codecOf(kind).create();
}

export function toStepFormValues(step: Step): StepFormValues {
  return codecOf(step.kind).toForm(step);
}

/** One line saying what the step does, e.g. `POST https://…/login`. */
export function summarizeStep(step: Step): string {
  return codecOf(step.kind).summarize(step);
}

export function toStepInput(values: StepFormValues): StepInputRaw {
  return codecOf(values.kind).toInput(values);
}
