import type { SortOrder } from 'antd/es/table/interface';
import { sortOrderOf, type ListParams } from './list-params';

/** No third "unsorted" click: the server always sorts, by the list's default order when nothing else is chosen. */
const SORT_DIRECTIONS: SortOrder[] = ['ascend', 'descend'];

/**
 * The props of a column the server sorts: Ant Design shows the order the list state holds (`fallback` when none).
 * @example { key: 'name', ...sortableColumn('name', { params, fallback: 'name:asc' }) }
 */
export function sortableColumn(field: string, list: { params: ListParams; fallback: string }) {
  return {
    sorter: true,
    sortOrder: sortOrderOf(list.params.sort ?? list.fallback, field),
    sortDirections: SORT_DIRECTIONS,
  };
}

/** The props of a column filter the server applies; its selection is the list state's (comma-separated when several). */
export function filterableColumn(
  name: string,
  list: { params: ListParams; choices: { text: string; value: string }[]; multiple?: boolean },
) {
  const value = list.params.filters[name];
  return {
    filters: list.choices,
    filterMultiple: list.multiple ?? true,
    filteredValue: value === undefined ? null : value.split(','),
  };
}
