import type { BrowserAction } from '@ganzhi/contracts';
import { numberOrUndefined, textOrUndefined } from './key-value-rows';
import type { StepFormCodec, StepRuleValues } from './step-form-values';
import { DEFAULT_TIMEOUT_MS, newRuleValues, toRuleInput, toRuleValues } from './step-rule-values';

export type BrowserActionType = BrowserAction['action'];
export type WaitState = 'attached' | 'visible' | 'hidden';
export const WAIT_STATES: readonly WaitState[] = ['visible', 'attached', 'hidden'];

/** One action row: every field any action has, so changing the action keeps what was typed. */
export interface BrowserActionRow {
  readonly action: BrowserActionType;
  readonly url?: string;
  readonly selector?: string;
  readonly value?: string;
  readonly key?: string;
  readonly state?: WaitState;
  readonly text?: string;
}

export type BrowserActionField = Exclude<keyof BrowserActionRow, 'action'>;

/** The fields each action takes, in the order the editor shows them; `optional` ones may stay empty. */
export const BROWSER_ACTION_FIELDS: Readonly<
  Record<BrowserActionType, readonly { field: BrowserActionField; optional?: boolean }[]>
> = {
  goto: [{ field: 'url' }],
  click: [{ field: 'selector' }],
  fill: [{ field: 'selector' }, { field: 'value' }],
  select: [{ field: 'selector' }, { field: 'value' }],
  press: [{ field: 'selector', optional: true }, { field: 'key' }],
  waitForSelector: [{ field: 'selector' }, { field: 'state' }],
  waitForText: [{ field: 'text' }],
  waitForNavigation: [],
  assertText: [{ field: 'selector', optional: true }, { field: 'text' }],
  assertVisible: [{ field: 'selector' }],
};

export const BROWSER_ACTION_TYPES = Object.keys(BROWSER_ACTION_FIELDS) as BrowserActionType[];

export interface BrowserStepFormValues extends StepRuleValues {
  readonly kind: 'browser';
  readonly name?: string;
  readonly actions: BrowserActionRow[];
  readonly viewport: { readonly width: number | null; readonly height: number | null };
  readonly screenshotOnSuccess: boolean;
}

/**
 * The action with only the fields its type takes. Required text is sent trimmed even when empty, so the schema
 * reports it under its cell; optional text is left out when empty; `fill` values are sent as typed.
 */
export function toBrowserAction(row: BrowserActionRow): BrowserAction {
  const fields: Record<string, string> = {};
  for (const { field, optional } of BROWSER_ACTION_FIELDS[row.action]) {
    const raw = row[field] ?? '';
    const text = field === 'value' ? raw : raw.trim();
    if (!(optional && text === '')) fields[field] = field === 'state' && text === '' ? 'visible' : text;
  }
  // The shape is the discriminated union's by construction of BROWSER_ACTION_FIELDS; the schema re-checks it.
  return { action: row.action, ...fields } as BrowserAction;
}

function toActionRow(action: BrowserAction): BrowserActionRow {
  return { ...action };
}

export const browserStepForm: StepFormCodec<'browser'> = {
  create: () => ({
    kind: 'browser',
    actions: [{ action: 'goto', url: '' }],
    viewport: { width: 1280, height: 800 },
    screenshotOnSuccess: false,
    ...newRuleValues(DEFAULT_TIMEOUT_MS.browser),
  }),
  toForm: (step) => ({
    kind: 'browser',
    name: step.name,
    actions: step.actions.map(toActionRow),
    viewport: { ...step.viewport },
    screenshotOnSuccess: step.screenshotOnSuccess,
    ...toRuleValues(step),
  }),
  summarize: (step) => {
    const first = step.actions.find((action) => action.action === 'goto');
    return first?.action === 'goto' ? first.url : step.actions.map((action) => action.action).join(' → ');
  },
  toInput: (values) => {
    const width = numberOrUndefined(values.viewport?.width);
    const height = numberOrUndefined(values.viewport?.height);
    return {
      kind: 'browser',
      name: textOrUndefined(values.name),
      actions: (values.actions ?? []).map(toBrowserAction),
      // Both or neither: the schema's viewport is one object with two required sizes.
      viewport:
        width === undefined && height === undefined ? undefined : { width: width ?? 0, height: height ?? 0 },
      screenshotOnSuccess: values.screenshotOnSuccess ?? false,
      ...toRuleInput(values),
    };
  },
};
