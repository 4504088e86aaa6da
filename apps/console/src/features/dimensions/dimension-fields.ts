import type { Dimensions, DimensionsInput, Region } from '@ganzhi/contracts';
import type { MessageKey, Translate } from '../../lib/i18n';

/** The editable lists of the service model, as the API names them. */
export type DimensionList = Exclude<keyof DimensionsInput, 'aliases'>;
export const DIMENSION_LISTS: readonly DimensionList[] = [
  'channels',
  'businesses',
  'regions',
  'systems',
  'segments',
];

export type DimensionItem = Dimensions[DimensionList][number];

/** What the item form holds: the item's fields, with the SLA in seconds and utilisation in percent for people. */
export type DimensionFormValues = Partial<Record<string, FormValue>>;
type FormValue = string | number | boolean | null | readonly string[];

/** API fields the form shows in other units, and the form field that shows each. */
const FORM_FIELD_OF: Readonly<Record<string, string>> = {
  slaMs: 'slaSeconds',
  plannedUtilisation: 'plannedPercent',
};

/**
 * Where a server issue about a saved item belongs in its form: `businesses.0.slaMs` → `slaSeconds`,
 * `businesses.0.systems.2` → `systems`; issues about another list (or the whole input) have no field and go to the
 * form's summary.
 */
export function fieldOfIssue(list: DimensionList | 'aliases', path: string): string | null {
  const [first, index, ...rest] = path.split('.');
  const [field] = rest;
  if (first !== list || index === undefined || !/^\d+$/.test(index) || field === undefined) return null;
  return FORM_FIELD_OF[field] ?? field;
}

/** Fields whose every problem has one clear explanation in the user's language. */
const FIELD_MESSAGES: Readonly<Record<string, MessageKey>> = {
  code: 'dimensions.codeInvalid',
  parentCode: 'dimensions.codeInvalid',
  slaSeconds: 'dimensions.slaInvalid',
  plannedPercent: 'dimensions.plannedInvalid',
};

/** A server issue's text under its field: a translated explanation where there is one, else the server's own. */
export function messageOfIssue(field: string, serverMessage: string, t: Translate): string {
  const key = FIELD_MESSAGES[field];
  return key ? t(key) : serverMessage;
}

const isBlank = (value: unknown) => value === undefined || value === null || value === '';

/** Rounds away binary noise (0.29 * 100 = 28.999999999999996) without hiding a real fraction. */
const tidy = (value: number) => Math.round(value * 1e6) / 1e6;

/** The form values of an item, or a new item's starting point for its list. */
export function formValuesOf(
  list: DimensionList,
  context: { readonly item: DimensionItem | null; readonly regions: readonly Region[] },
): DimensionFormValues {
  const { item } = context;
  if (item) {
    const values: DimensionFormValues = { ...item };
    if ('slaMs' in item) values.slaSeconds = item.slaMs === null ? null : tidy(item.slaMs / 1000);
    if ('plannedUtilisation' in item) values.plannedPercent = tidy(item.plannedUtilisation * 100);
    delete values.slaMs;
    delete values.plannedUtilisation;
    return values;
  }
  if (list === 'businesses') return { type: 'query', slaSeconds: 30, systems: [] };
  if (list === 'regions') {
    const province = context.regions.find((region) => region.level === 'province');
    return { level: 'city', parentCode: province?.code ?? null };
  }
  if (list === 'systems') return { plannedPercent: 60 };
  return {};
}

/**
 * The API item of the form values, converted back (seconds → ms, percent → 0–1). Nothing is checked here: the
 * server's schema decides, and its problems come back onto the fields.
 */
export function itemOfFormValues(list: DimensionList, values: DimensionFormValues): DimensionItem {
  const { slaSeconds, plannedPercent, ...rest } = values;
  const item: DimensionFormValues = { ...rest };
  if (list === 'businesses') item.slaMs = isBlank(slaSeconds) ? null : Math.round(Number(slaSeconds) * 1000);
  if (list === 'systems')
    item.plannedUtilisation = isBlank(plannedPercent) ? null : Number(plannedPercent) / 100;
  if (list === 'regions' && isBlank(item.parentCode)) item.parentCode = null;
  return item as unknown as DimensionItem;
}

/** The input that saves one item of one list (every other list empty, so nothing else changes). */
export function inputFor(list: DimensionList, item: DimensionItem): Partial<DimensionsInput> {
  return { [list]: [item] };
}
