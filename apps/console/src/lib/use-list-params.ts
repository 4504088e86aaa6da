import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { readListParams, writeListParams, type ListParamOptions, type ListParams } from './list-params';

export interface ListParamsControl {
  readonly params: ListParams;
  setPage(page: number, pageSize: number): void;
  /** A new sort starts again from the first page. */
  setSort(sort: string | null): void;
  /** Sets or clears (null) filters; a new selection starts again from the first page. */
  setFilters(changes: Readonly<Record<string, string | null>>): void;
}

/** The changes a list's page, sort and filters go through, wherever the state is kept. */
function controlOf(params: ListParams, update: (next: ListParams) => void): ListParamsControl {
  return {
    params,
    setPage: (page, pageSize) =>
      update({ ...params, page: pageSize === params.pageSize ? page : 1, pageSize }),
    setSort: (sort) => update({ ...params, sort, page: 1 }),
    setFilters: (changes) => {
      const filters: Record<string, string> = { ...params.filters };
      for (const [name, value] of Object.entries(changes)) {
        if (value === null || value === '') delete filters[name];
        else filters[name] = value;
      }
      update({ ...params, filters, page: 1 });
    },
  };
}

/**
 * A server-paginated table's page, sort and filters, kept in the URL (so a reload keeps them); changes replace the
 * history entry rather than piling one up per click.
 * @example const { params, setPage } = useListParams({ filterNames: ['status'], defaultPageSize: 50, pageSizes: [20, 50, 100] });
 */
export function useListParams(options: ListParamOptions): ListParamsControl {
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => readListParams(search, options), [search, options]);
  return controlOf(params, (next) =>
    setSearch((current) => writeListParams(current, { params: next, options }), { replace: true }),
  );
}

/**
 * The same state kept in the component instead: for a secondary table on a page whose URL belongs to another list
 * (the events under the agents, the runs on a check's page).
 * @example const list = useListState({ defaultPageSize: 10 });
 */
export function useListState(options: { defaultPageSize: number }): ListParamsControl {
  const [params, setParams] = useState<ListParams>({
    page: 1,
    pageSize: options.defaultPageSize,
    sort: null,
    filters: {},
  });
  return controlOf(params, setParams);
}
