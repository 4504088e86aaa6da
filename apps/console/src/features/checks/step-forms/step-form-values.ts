import type { CheckInputRaw, Step, StepKind } from '@ganzhi/contracts';
import type { BrowserStepFormValues } from './browser-step-form';
import type { DnsStepFormValues } from './dns-step-form';
import type { HttpStepFormValues } from './http-step-form';
import type { AssertRow, ExtractRow } from './step-rule-rows';
import type { TcpStepFormValues } from './tcp-step-form';
import type { TlsStepFormValues } from './tls-step-form';
import type { WaitStepFormValues } from './wait-step-form';

/** Fields every kind but `wait` has: its own time budget and the Extract and Assertions tables. */
export interface StepRuleValues {
  readonly timeoutMs: number | null;
  readonly extract: ExtractRow[];
  readonly assert: AssertRow[];
}

/**
 * What the flow editor edits for one step. Field names follow the API's wherever the shape allows, so an API
 * issue path (`steps.1.assert.0.expression`) names the form field directly; the exceptions (records shown as
 * rows, JSON shown as text) are translated in `check-form-issues.ts`.
 */
export type StepFormValues =
  | HttpStepFormValues
  | TcpStepFormValues
  | DnsStepFormValues
  | TlsStepFormValues
  | BrowserStepFormValues
  | WaitStepFormValues;

export type StepFormOf<K extends StepKind> = Extract<StepFormValues, { kind: K }>;
export type StepOf<K extends StepKind> = Extract<Step, { kind: K }>;
export type StepInputRaw = CheckInputRaw['steps'][number];
export type StepInputOf<K extends StepKind> = Extract<StepInputRaw, { kind: K }>;

/** One kind's conversions between the API's step and the editor's values; all pure. */
export interface StepFormCodec<K extends StepKind> {
  /** A new step of this kind, with the schema's defaults filled in. */
  create(): StepFormOf<K>;
  toForm(step: StepOf<K>): StepFormOf<K>;
  toInput(values: StepFormOf<K>): StepInputOf<K>;
  /** One line saying what the step does, for headers and lists (`POST https://…/login`). */
  summarize(step: StepOf<K>): string;
}
