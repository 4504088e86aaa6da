import type { CheckListItem } from '@ganzhi/contracts';
import { Button, Empty, Table } from 'antd';
import { useNavigate } from 'react-router-dom';
import { LoadError } from '../../../components/load-error';
import { PageHeader } from '../../../components/page-header';
import type { ListParamOptions } from '../../../lib/list-params';
import { useListParams } from '../../../lib/use-list-params';
import { useServerTable } from '../../../lib/use-server-table';
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
/** Column filters written back to the URL as they come from the table (the others live in the toolbar). */
const COLUMN_FILTERS = ['status', 'channel', 'business'] as const;

export function CheckListPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const table = useServerTable<CheckListItem>({
    list: useListParams(LIST_OPTIONS),
    pageSizes: LIST_OPTIONS.pageSizes,
    columnFilters: COLUMN_FILTERS,
    hideOnSinglePage: false,
  });
  const { list, params } = table;
  const page = useCheckPage(table.query);
  const dimensions = useDimensions();
  const navigate = useNavigate();
  const { can } = usePermissions();

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
          columns={checkColumns({ i18n, dimensions: dimensions.data, params, nowMs: Date.now() })}
          onRow={(check) => ({ onClick: () => void navigate(checkPath(check.id)) })}
          {...table.tableProps(page)}
          locale={{ emptyText: <Empty description={t('checks.empty')} /> }}
          scroll={{ x: 'max-content' }}
        />
      </div>
    </>
  );
}
