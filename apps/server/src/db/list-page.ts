import { sql, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { parseSortParam, type Page, type SortDirection } from '@ganzhi/contracts';
import { cutPage, positionOf, rowsAfter, type KeyValue, type SortKey } from './keyset-page.js';
import type { DatabaseSchema } from './schema.js';

/** Where a page starts and how long it is: the list query's `limit`, `cursor` or `offset`, and its `sort`. */
export interface PageRequest {
  readonly sort: string;
  readonly limit: number;
  readonly cursor?: string | undefined;
  readonly offset?: number | undefined;
}

/** Every condition at once (AND); true when there are none. */
export function allOf(conditions: readonly RawBuilder<SqlBool>[]): RawBuilder<SqlBool> {
  return conditions.length === 0 ? sql<SqlBool>`1 = 1` : sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;
}

/**
 * The sort keys of a list sorted by one field and then by a unique column (the tie-breaker), both in the sort's
 * direction; `text` fields compare case-folded.
 *
 * @example sortKeysOf('name:desc', { columns: { name: 'users.username' }, text: ['name'], unique: 'users.id' })
 */
export function sortKeysOf(
  sort: string,
  columns: {
    readonly columns: Readonly<Record<string, RawBuilder<KeyValue>>>;
    readonly unique: RawBuilder<KeyValue>;
  },
): SortKey[] {
  const { field, direction } = parseSortParam(sort as `${string}:${SortDirection}`);
  const primary = columns.columns[field];
  const unique: SortKey = { expression: columns.unique, direction };
  return primary === undefined ? [unique] : [{ expression: primary, direction }, unique];
}

/**
 * One page of a filtered query in the order `keys` define (the last key unique), continuing after `cursor`
 * (keyset) or skipping `offset` rows; the rows carry their key values as `k0`, `k1` … besides their columns.
 */
export async function selectPage<TB extends keyof DatabaseSchema, R>(
  query: SelectQueryBuilder<DatabaseSchema, TB, R>,
  page: PageRequest & { readonly keys: readonly SortKey[] },
): Promise<{ rows: R[]; nextCursor: string | null }> {
  const { keys } = page;
  const after = positionOf(page, { sort: page.sort, keys: keys.length });
  let keyed = query.select(keys.map((key, index) => key.expression.as(`k${index}`)));
  if (after.length > 0) keyed = keyed.where(rowsAfter(keys, after));
  for (const key of keys) keyed = keyed.orderBy(key.expression, key.direction);
  if (page.offset) keyed = keyed.offset(page.offset);
  const rows = (await keyed.limit(page.limit + 1).execute()) as (R & Record<string, unknown>)[];
  return cutPage(rows, {
    limit: page.limit,
    sort: page.sort,
    keysOf: (row) => keys.map((_, index) => row[`k${index}`] as KeyValue),
  });
}

/** How many rows a filtered query selects (the `total` of its pages). */
export async function countRows<TB extends keyof DatabaseSchema, R>(
  query: SelectQueryBuilder<DatabaseSchema, TB, R>,
): Promise<number> {
  const row = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** A page of rows, with the total the filtered query selects. */
export async function pageOfQuery<TB extends keyof DatabaseSchema, R, T>(
  query: SelectQueryBuilder<DatabaseSchema, TB, R>,
  page: PageRequest & { readonly keys: readonly SortKey[]; readonly toItem: (row: R) => T },
): Promise<Page<T>> {
  const [rows, total] = await Promise.all([selectPage(query, page), countRows(query)]);
  return { items: rows.rows.map(page.toItem), total, nextCursor: rows.nextCursor };
}

function compareKeys(a: readonly KeyValue[], b: readonly KeyValue[], directions: readonly SortDirection[]) {
  for (const [index, direction] of directions.entries()) {
    const left = a[index] ?? '';
    const right = b[index] ?? '';
    if (left === right) continue;
    const order = left < right ? -1 : 1;
    return direction === 'asc' ? order : -order;
  }
  return 0;
}

/**
 * The same contract over items already in memory (a list merged from code and storage, such as the built-in and
 * custom roles): the items `keysOf` orders (the last key unique), a page after `cursor` or `offset`.
 */
export function pageOfItems<T>(
  items: readonly T[],
  page: PageRequest & {
    readonly keysOf: (item: T) => KeyValue[];
    readonly directions: readonly SortDirection[];
  },
): Page<T> {
  const { directions } = page;
  const after = positionOf(page, { sort: page.sort, keys: directions.length });
  const keyed = items
    .map((item) => ({ item, keys: page.keysOf(item) }))
    .sort((a, b) => compareKeys(a.keys, b.keys, directions));
  const rest =
    after.length > 0
      ? keyed.filter((entry) => compareKeys(entry.keys, after, directions) > 0)
      : keyed.slice(page.offset ?? 0);
  const cut = cutPage(rest.slice(0, page.limit + 1), {
    limit: page.limit,
    sort: page.sort,
    keysOf: (entry) => entry.keys,
  });
  return { items: cut.rows.map((entry) => entry.item), total: items.length, nextCursor: cut.nextCursor };
}
