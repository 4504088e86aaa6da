import type { CheckListItem } from '@ganzhi/contracts';
import { Button, Empty, Table } from 'antd';
import type { TableProps } from 'antd/es/table';
import { useNavigate } from 'react-router-dom';
import { LoadError } from '../../../components/load-error';
import { PageHeader } from '../../../components/page-header';
import { apiQueryOf, sortParamOf, type ListParamOptions } from '../../../lib/list-params';
import { useListParams } from '../../../lib/use-list-params';
import { useI18n } from '../../../lib/i18n';
import { usePermissions } from '../../auth';
import { useDimensions } from '../../dimensions';
import { useCheckPage } from '../api/check-api';
import { checkColumns, checkPath } from './check-list-columns';
import { CheckListFilters } from './check-list-filters';

/** The checks list's URL parameters; a link may open it filtered (`/checks?location=changsha`). */
const LIST_OPTIONS: ListParamOptions = {
  filterNames: ['status', 'channel', 'business', 'region', 'tag', 'text', 'location'],
  defaultPageSize: 50,
  pageSizes: [20, 50, 100],
};
type TableChange = Parameters<NonNullable<TableProps<CheckListItem>['onChange']>>;

/** Column filters written back to the URL as they come from the table (the others live in the toolbar). */
const COLUMN_FILTERS = ['status', 'channel', 'business'] as const;

export function CheckListPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const list = useListParams(LIST_OPTIONS);
  const { params } = list;
  const page = useCheckPage(apiQueryOf(params));
  const dimensions = useDimensions();
  const navigate = useNavigate();
  const { can } = usePermissions();

  // Ant Design's callback takes four arguments; they arrive as one tuple here.
  const onChange = (...[pagination, filters, sorter, extra]: TableChange) => {
    if (extra.action === 'filter')
      list.setFilters(
        Object.fromEntries(
          COLUMN_FILTERS.map((name) => [name, filters[name]?.map(String).join(',') ?? null]),
        ),
      );
    else if (extra.action === 'sort') list.setSort(Array.isArray(sorter) ? null : sortParamOf(sorter));
    else list.setPage(pagination.current ?? 1, pagination.pageSize ?? params.pageSize);
  };

  return (
    <>
      <PageHeader
        title={t('checks.title')}
        subTitle={t('common.autoRefresh')}
        extra={
          can('checks:write') && (
            <Button
              type="primary"
              onClick={() => void navigate('/checks/new')}
              data-testid="new-check-button"
            >
              {t('checks.new')}
            </Button>
          )
        }
      />
      {page.error && <LoadError error={page.error} onRetry={() => void page.refetch()} />}
      <CheckListFilters list={list} />
      <div data-testid="checks-table">
        <Table<CheckListItem>
          className="clickable-rows"
          rowKey="id"
          size="middle"
          dataSource={page.data?.items}
          loading={page.isPending || (page.isPlaceholderData && page.isFetching)}
          columns={checkColumns({ i18n, dimensions: dimensions.data, params, nowMs: Date.now() })}
          onRow={(check) => ({ onClick: () => void navigate(checkPath(check.id)) })}
          onChange={onChange}
          pagination={{
            current: params.page,
            pageSize: params.pageSize,
            total: page.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: LIST_OPTIONS.pageSizes.map(String),
            showTotal: (total) => t('list.total', { total }),
            hideOnSinglePage: false,
          }}
          locale={{ emptyText: <Empty description={t('checks.empty')} /> }}
          scroll={{ x: 'max-content' }}
        />
      </div>
    </>
  );
}
