/**
 * The state of a server-paginated table as it lives in the URL (`?page=3&size=50&sort=name:desc&channel=app`), so a
 * reload or a shared link shows the same page, sort and filters; and the API query that state asks for.
 */
export interface ListParams {
  /** 1-based page number. */
  readonly page: number;
  readonly pageSize: number;
  /** `field:asc|desc`, or null for the list's default order. */
  readonly sort: string | null;
  /** The filters that are set, by name. */
  readonly filters: Readonly<Record<string, string>>;
}

export interface ListParamOptions {
  /** The URL parameters that are filters of this list (anything else is ignored). */
  readonly filterNames: readonly string[];
  readonly defaultPageSize: number;
  readonly pageSizes: readonly number[];
}

const SORT_PATTERN = /^[A-Za-z0-9]+:(asc|desc)$/;

function positiveInt(value: string | null): number | undefined {
  if (value === null || !/^\d{1,6}$/.test(value)) return undefined;
  const number = Number(value);
  return number >= 1 ? number : undefined;
}

/**
 * Reads a list state from URL parameters; values that could not have come from this console (a page of 0, a size
 * not offered, a malformed sort) fall back to the defaults rather than asking the server something it refuses.
 * @example readListParams(new URLSearchParams('page=2&status=down'), options) // { page: 2, …, filters: { status: 'down' } }
 */
export function readListParams(search: URLSearchParams, options: ListParamOptions): ListParams {
  const size = positiveInt(search.get('size'));
  const sort = search.get('sort');
  const filters: Record<string, string> = {};
  for (const name of options.filterNames) {
    const value = search.get(name);
    if (value !== null && value !== '') filters[name] = value;
  }
  return {
    page: positiveInt(search.get('page')) ?? 1,
    pageSize: size !== undefined && options.pageSizes.includes(size) ? size : options.defaultPageSize,
    sort: sort !== null && SORT_PATTERN.test(sort) ? sort : null,
    filters,
  };
}

/**
 * Writes a list state into URL parameters, leaving other parameters alone; defaults are left out so plain links stay
 * plain.
 */
export function writeListParams(
  search: URLSearchParams,
  change: { params: ListParams; options: ListParamOptions },
): URLSearchParams {
  const { params, options } = change;
  const next = new URLSearchParams(search);
  const set = (name: string, value: string | null) =>
    value === null ? next.delete(name) : next.set(name, value);
  set('page', params.page > 1 ? String(params.page) : null);
  set('size', params.pageSize !== options.defaultPageSize ? String(params.pageSize) : null);
  set('sort', params.sort);
  for (const name of options.filterNames) set(name, params.filters[name] ?? null);
  return next;
}

/**
 * The API query of a list state: a numbered page as `limit` and `offset`, the sort and the filters.
 * @example apiQueryOf({ page: 3, pageSize: 50, sort: null, filters: { channel: 'app' } }) // 'limit=50&offset=100&channel=app'
 */
export function apiQueryOf(params: ListParams): string {
  const query = new URLSearchParams({ limit: String(params.pageSize) });
  if (params.page > 1) query.set('offset', String((params.page - 1) * params.pageSize));
  if (params.sort !== null) query.set('sort', params.sort);
  for (const [name, value] of Object.entries(params.filters)) query.set(name, value);
  return query.toString();
}

/** Ant Design's sort order of a column under a list's sort. */
export function sortOrderOf(sort: string | null, field: string): 'ascend' | 'descend' | null {
  if (sort === `${field}:asc`) return 'ascend';
  if (sort === `${field}:desc`) return 'descend';
  return null;
}

/** The list sort for an Ant Design sorter change (none when the column's sort was cleared). */
export function sortParamOf(sorter: {
  columnKey?: unknown;
  order?: 'ascend' | 'descend' | null;
}): string | null {
  if (typeof sorter.columnKey !== 'string' || !sorter.order) return null;
  return `${sorter.columnKey}:${sorter.order === 'ascend' ? 'asc' : 'desc'}`;
}
