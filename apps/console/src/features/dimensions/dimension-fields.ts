import type { Dimensions, DimensionsInput } from '@ganzhi/contracts';

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

/**
 * Where a server issue about a saved item belongs in its form: `businesses.0.slaMs` → `slaMs`; issues about another
 * list (or the whole input) have no field and go to the form's summary.
 */
export function fieldOfIssue(list: DimensionList | 'aliases', path: string): string | null {
  const [first, index, ...rest] = path.split('.');
  if (first !== list || index === undefined || !/^\d+$/.test(index) || rest.length === 0) return null;
  return rest.join('.');
}

/** The input that saves one item of one list (every other list empty, so nothing else changes). */
export function inputFor(list: DimensionList, item: DimensionItem): Partial<DimensionsInput> {
  return { [list]: [item] };
}
