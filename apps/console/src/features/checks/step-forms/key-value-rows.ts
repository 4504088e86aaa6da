/**
 * One row of a name/value list (headers, form fields, variables). Both cells are optional: antd's Form.List adds
 * rows before the user types, so a half-filled row is a normal state.
 */
export interface KeyValueRow {
  readonly name?: string;
  readonly value?: string;
}

/**
 * Rows with a name become entries; a later duplicate replaces an earlier one, as in a record.
 * @example toRecord([{ name: 'X-Trace', value: '1' }, { name: ' ' }]) // { 'X-Trace': '1' }
 */
export function toRecord(rows: readonly KeyValueRow[] | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  for (const row of rows ?? []) {
    const name = row.name?.trim();
    if (name) record[name] = row.value ?? '';
  }
  return record;
}

export function toRows(record: Readonly<Record<string, string>> | undefined): KeyValueRow[] {
  return Object.entries(record ?? {}).map(([name, value]) => ({ name, value }));
}

/** The index of the row named `name` (as the API reports record keys), or -1. */
export function indexOfRow(rows: readonly KeyValueRow[] | undefined, name: string): number {
  return (rows ?? []).findIndex((row) => row.name?.trim() === name);
}

/** Trimmed text, or undefined when nothing is left: optional API fields must be absent, not empty. */
export function textOrUndefined(value: string | undefined | null): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** antd's InputNumber holds null when empty; the API wants the field absent so its default applies. */
export function numberOrUndefined(value: number | null | undefined): number | undefined {
  return value ?? undefined;
}
