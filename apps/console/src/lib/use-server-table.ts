import type { Page } from '@ganzhi/contracts';
import type { TableProps } from 'antd/es/table';
import { useI18n } from './i18n';
import { apiQueryOf, sortParamOf, type ListParams } from './list-params';
import type { ListParamsControl } from './use-list-params';

export interface ServerTableOptions {
  /** The table's page, sort and filters: `useListParams` (kept in the URL) or `useListState` (kept in the component). */
  readonly list: ListParamsControl;
  /** The page sizes the table offers. */
  readonly pageSizes: readonly number[];
  /** The filters the table's column headers set, each named as its column's key (the others live in a toolbar). */
  readonly columnFilters?: readonly string[];
  /** Filters the page adds that are not the table's own (the location a page shows), sent with every query. */
  readonly fixedFilters?: Readonly<Record<string, string>>;
  /** Hide the pager while everything fits on one page (default true). */
  readonly hideOnSinglePage?: boolean;
}

/** What a table needs of a page query (a TanStack `useQuery` result of a list endpoint). */
export interface ServerPageQuery<T> {
  readonly data?: Page<T> | undefined;
  readonly isPending: boolean;
  readonly isPlaceholderData: boolean;
  readonly isFetching: boolean;
}

/** The props of an Ant Design table that the server pages, sorts and filters. */
export type ServerTableProps<T> = Pick<TableProps<T>, 'loading' | 'dataSource' | 'onChange' | 'pagination'>;

export interface ServerTable<T> {
  readonly list: ListParamsControl;
  readonly params: ListParams;
  /** The API query of the table's state and the fixed filters (`limit=…&offset=…&sort=…&…`). */
  readonly query: string;
  /** The table's loading, rows, change handler and pager, from the query's answer. */
  tableProps(page: ServerPageQuery<T>): ServerTableProps<T>;
}

type TableChange<T> = Parameters<NonNullable<TableProps<T>['onChange']>>;

/**
 * A table the server pages, sorts and filters: its API query, and the props that show the server's page and turn the
 * table's page, sort and column-filter changes into list changes.
 *
 * @example
 * const table = useServerTable<Agent>({ list: useListParams(OPTIONS), pageSizes: OPTIONS.pageSizes, columnFilters: ['status'] });
 * const page = useAgentPage(table.query);
 * return <Table<Agent> rowKey="id" columns={columns} {...table.tableProps(page)} />;
 */
export function useServerTable<T>(options: ServerTableOptions): ServerTable<T> {
  const { t } = useI18n();
  const { list, pageSizes, columnFilters = [], fixedFilters, hideOnSinglePage = true } = options;
  const { params } = list;
  const query = apiQueryOf(
    fixedFilters === undefined ? params : { ...params, filters: { ...params.filters, ...fixedFilters } },
  );
  // Ant Design's callback takes four arguments; they arrive as one tuple here.
  const onChange = (...[pagination, filters, sorter, extra]: TableChange<T>) => {
    if (extra.action === 'filter')
      list.setFilters(
        Object.fromEntries(columnFilters.map((name) => [name, filters[name]?.map(String).join(',') ?? null])),
      );
    else if (extra.action === 'sort') list.setSort(Array.isArray(sorter) ? null : sortParamOf(sorter));
    else list.setPage(pagination.current ?? 1, pagination.pageSize ?? params.pageSize);
  };
  return {
    list,
    params,
    query,
    tableProps: (page) => ({
      loading: page.isPending || (page.isPlaceholderData && page.isFetching),
      dataSource: page.data?.items,
      onChange,
      pagination: {
        current: params.page,
        pageSize: params.pageSize,
        total: page.data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: pageSizes.map(String),
        showTotal: (total) => t('list.total', { total }),
        hideOnSinglePage,
      },
    }),
  };
}
