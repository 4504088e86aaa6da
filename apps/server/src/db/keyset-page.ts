import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { SortDirection } from '@ganzhi/contracts';
import { ValidationError } from '@ganzhi/runtime';

/** A value of a sort key as a cursor carries it. */
export type KeyValue = string | number;

/**
 * One key of a list's order. The expression must never be NULL (coalesce it to a value past the ends) and the last
 * key must be unique (the row id), so the order is total and a position in it is exact.
 */
export interface SortKey {
  readonly expression: RawBuilder<KeyValue>;
  readonly direction: SortDirection;
}

/**
 * The rows after a position in the order `keys` define: `(k1 > v1) OR (k1 = v1 AND k2 > v2) OR …`, with `<` for
 * descending keys. Rows inserted or deleted elsewhere in the order do not move the position, unlike an offset.
 *
 * @example query.where(rowsAfter(keys, decodeCursor(cursor, { sort, keys: keys.length })))
 */
export function rowsAfter(keys: readonly SortKey[], values: readonly KeyValue[]): RawBuilder<SqlBool> {
  const branches = keys.map((key, index) => {
    const equal = keys
      .slice(0, index)
      .map((previous, at) => sql<SqlBool>`${previous.expression} = ${values[at] ?? null}`);
    const beyond = key.direction === 'asc' ? sql.raw('>') : sql.raw('<');
    const strict = sql<SqlBool>`${key.expression} ${beyond} ${values[index] ?? null}`;
    return sql<SqlBool>`(${sql.join([...equal, strict], sql` and `)})`;
  });
  return sql<SqlBool>`(${sql.join(branches, sql` or `)})`;
}

interface CursorBody {
  /** The sort the position belongs to (`name:asc`). */
  readonly s: string;
  /** The sort keys' values of the last row served. */
  readonly v: KeyValue[];
}

/** An opaque cursor: base64url JSON of the sort and the last row's key values. */
export function encodeCursor(position: { sort: string; values: readonly KeyValue[] }): string {
  const body: CursorBody = { s: position.sort, v: [...position.values] };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

function isKeyValue(value: unknown): value is KeyValue {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

/**
 * The key values a cursor carries; refused (400, field `cursor`) when it was not written by `encodeCursor` for this
 * sort with this many keys — a cursor of another sort would continue from a meaningless position.
 */
export function decodeCursor(cursor: string, expected: { sort: string; keys: number }): KeyValue[] {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    body = undefined;
  }
  const candidate = body as Partial<CursorBody> | undefined;
  const values = candidate?.v;
  if (!Array.isArray(values) || values.length !== expected.keys || !values.every(isKeyValue))
    throw new ValidationError('invalid cursor', [{ path: 'cursor', message: 'not a cursor of this list' }]);
  if (candidate?.s !== expected.sort)
    throw new ValidationError('invalid cursor', [
      { path: 'cursor', message: `the cursor belongs to sort ${String(candidate?.s)}, not ${expected.sort}` },
    ]);
  return values;
}

/**
 * The key values to continue after: none for the first page or an offset page. `cursor` and `offset` are two ways of
 * saying where a page starts, so both at once is refused (400, field `offset`).
 */
export function positionOf(
  page: { cursor?: string | undefined; offset?: number | undefined },
  expected: { sort: string; keys: number },
): KeyValue[] {
  if (page.cursor === undefined) return [];
  if (page.offset !== undefined)
    throw new ValidationError('cursor and offset together', [
      { path: 'offset', message: 'give either a cursor or an offset' },
    ]);
  return decodeCursor(page.cursor, expected);
}

/**
 * Cuts a page from rows fetched with `limit + 1`: the extra row only says there is a next page, whose cursor is made
 * from the last row served.
 */
export function cutPage<R>(
  rows: readonly R[],
  page: { limit: number; sort: string; keysOf: (row: R) => KeyValue[] },
): { rows: R[]; nextCursor: string | null } {
  const served = rows.slice(0, page.limit);
  const last = served.at(-1);
  const hasMore = rows.length > page.limit && last !== undefined;
  return {
    rows: served,
    nextCursor: hasMore ? encodeCursor({ sort: page.sort, values: page.keysOf(last) }) : null,
  };
}
