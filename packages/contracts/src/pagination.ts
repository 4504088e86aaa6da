import { z } from 'zod';

/**
 * One contract for every list endpoint: `?limit=&cursor=&sort=field:asc|desc` plus the list's own filters, answered
 * with `{ items, total, nextCursor }`. `total` counts every item the filters (and the caller's region scope) select,
 * not just the page; `nextCursor` is null on the last page. Cursors are opaque keyset positions: a cursor continues
 * after the last item it was made from, so items added or removed meanwhile never shift the following pages
 * (no duplicates, no gaps among the items that stay). A cursor belongs to the sort it was made with.
 * `offset` instead of `cursor` serves numbered pages (a table's page 7); it shifts when items are added before it.
 *
 * @example GET /api/v1/checks?limit=50&sort=lastRunAt:desc&channel=web_hall → { items, total: 812, nextCursor: 'eyJ…' }
 */
export const PAGE_SIZE_DEFAULT = 50;
/** The largest page any list serves in one request. */
export const PAGE_SIZE_MAX = 500;

export type SortDirection = 'asc' | 'desc';
/** `field:asc` or `field:desc`. */
export type SortParam<F extends string> = `${F}:${SortDirection}`;

export interface Sort<F extends string> {
  readonly field: F;
  readonly direction: SortDirection;
}

/** The page size: 1 … `max`, `fallback` when absent. */
export function pageLimitSchema(options: { fallback?: number; max?: number } = {}) {
  return z.coerce
    .number()
    .int()
    .min(1)
    .max(options.max ?? PAGE_SIZE_MAX)
    .default(options.fallback ?? PAGE_SIZE_DEFAULT);
}

/** Items to skip: numbered pages. Not together with `cursor`. */
export const pageOffsetSchema = z.coerce.number().int().min(0).max(1_000_000);

/** An opaque cursor as the server wrote it (base64url). */
export const pageCursorSchema = z
  .string()
  .min(1)
  .max(1000)
  .regex(/^[A-Za-z0-9_-]+$/, 'not a cursor of this list');

/**
 * `?sort=` over the given fields, each ascending or descending.
 *
 * @example sortParamSchema(['name', 'status'], 'name:asc') // accepts 'status:desc', refuses 'status:up'
 */
export function sortParamSchema<const F extends string>(
  fields: readonly [F, ...F[]],
  fallback: SortParam<F>,
) {
  const values = fields.flatMap((field) => [`${field}:asc`, `${field}:desc`]) as [string, ...string[]];
  // An enum (so OpenAPI lists every value), typed as the template literal it is: zod cannot map generic literals.
  const schema = z.enum(values) as unknown as z.ZodType<SortParam<F>, SortParam<F>>;
  return schema.default(fallback);
}

/** `'name:desc'` → `{ field: 'name', direction: 'desc' }`. */
export function parseSortParam<F extends string>(value: SortParam<F>): Sort<F> {
  const at = value.lastIndexOf(':');
  return { field: value.slice(0, at) as F, direction: value.slice(at + 1) === 'desc' ? 'desc' : 'asc' };
}

/** The query every list accepts; a list adds its filters with `.extend({ … })`. */
export function pageQuerySchema<const F extends string>(sort: {
  fields: readonly [F, ...F[]];
  fallback: SortParam<F>;
  limit?: { fallback?: number; max?: number };
}) {
  return z.object({
    limit: pageLimitSchema(sort.limit),
    cursor: pageCursorSchema.optional(),
    offset: pageOffsetSchema.optional(),
    sort: sortParamSchema(sort.fields, sort.fallback),
  });
}

/** A value of a comma-separated list parameter (`?status=down,pending`), each one checked by `item`. */
export function commaListSchema<T extends z.ZodType>(item: T, max = 20) {
  return z.preprocess(
    (value) => (typeof value === 'string' ? value.split(',').filter((part) => part !== '') : value),
    z.array(item).min(1).max(max),
  );
}

/** The answer of every list endpoint. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    /** Every item the filters select, across all pages. */
    total: z.number().int().min(0),
    /** Pass as `cursor` for the next page; null on the last one. */
    nextCursor: z.string().nullable(),
  });
}

export interface Page<T> {
  readonly items: T[];
  readonly total: number;
  readonly nextCursor: string | null;
}
