import type { CheckInput, CheckInputRaw, StepKind } from '@ganzhi/contracts';
import {
  newStepValues,
  numberOrUndefined,
  textOrUndefined,
  toRecord,
  toRows,
  toStepFormValues,
  toStepInput,
  type KeyValueRow,
  type StepFormValues,
} from './step-forms';

/**
 * What the flow editor edits: the check's own fields, its initial variables and its steps. Number inputs hold
 * null when empty (antd's InputNumber); optional selects hold null or undefined when cleared.
 */
export interface CheckFormValues {
  readonly name: string;
  readonly description?: string;
  readonly enabled: boolean;
  readonly intervalSeconds: number | null;
  readonly tags: string[];
  readonly business?: string | null;
  readonly channel?: string | null;
  readonly region?: string | null;
  /** Location codes whose agents run the check. */
  readonly locations: string[];
  /** Initial flow variables as rows; `{{name}}` in any step reads them. */
  readonly variables: KeyValueRow[];
  readonly flowTimeoutMs: number | null;
  readonly steps: StepFormValues[];
}

/** The kind a new check starts with: one HTTP request, the most common check. */
const FIRST_STEP_KIND: StepKind = 'http';

/** Where a new check runs until the user chooses: the server's built-in agent, as the schema's default says. */
export const DEFAULT_LOCATIONS: readonly string[] = ['local'];

/** Defaults match checkInputSchema's, so an untouched field means what the server would assume. */
export function newCheckValues(): CheckFormValues {
  return {
    name: '',
    enabled: true,
    intervalSeconds: 60,
    tags: [],
    business: null,
    channel: null,
    region: null,
    locations: [...DEFAULT_LOCATIONS],
    variables: [],
    flowTimeoutMs: 120_000,
    steps: [newStepValues(FIRST_STEP_KIND)],
  };
}

/** The editor's view of a check: an existing one, or one read from the YAML view. */
export function toFormValues(check: CheckInput): CheckFormValues {
  return {
    name: check.name,
    description: check.description,
    enabled: check.enabled,
    intervalSeconds: check.intervalSeconds,
    tags: [...check.tags],
    business: check.business,
    channel: check.channel,
    region: check.region,
    locations: [...check.locations],
    variables: toRows(check.variables),
    flowTimeoutMs: check.flowTimeoutMs,
    steps: check.steps.map(toStepFormValues),
  };
}

/** The API input for the editor's values: the whole check, as PUT replaces it. */
export function toCheckInput(values: CheckFormValues): CheckInputRaw {
  return {
    name: values.name ?? '',
    description: textOrUndefined(values.description),
    enabled: values.enabled ?? true,
    intervalSeconds: numberOrUndefined(values.intervalSeconds),
    tags: (values.tags ?? []).map((tag) => tag.trim()).filter((tag) => tag !== ''),
    business: values.business ?? null,
    channel: values.channel ?? null,
    region: values.region ?? null,
    locations: [...(values.locations ?? [])],
    variables: toRecord(values.variables),
    flowTimeoutMs: numberOrUndefined(values.flowTimeoutMs),
    steps: (values.steps ?? []).map(toStepInput),
  };
}
