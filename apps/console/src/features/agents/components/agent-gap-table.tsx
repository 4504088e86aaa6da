import type { AgentGapRecord } from '@ganzhi/contracts';
import { Empty, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { LoadError } from '../../../components/load-error';
import { useI18n, type Translate } from '../../../lib/i18n';
import { filterableColumn, sortableColumn } from '../../../lib/list-columns';
import type { ListParams } from '../../../lib/list-params';
import { useListState } from '../../../lib/use-list-params';
import { formatDateTime } from '../../../lib/relative-time';
import { useServerTable } from '../../../lib/use-server-table';
import { useAgentGapPage } from '../api/agent-api';

const DEFAULT_SORT = 'fromTime:desc';
const REASONS = ['buffer_full', 'too_old'] as const;

function gapColumns(t: Translate, params: ListParams): ColumnsType<AgentGapRecord> {
  return [
    {
      key: 'fromTime',
      title: t('gaps.col.period'),
      ...sortableColumn('fromTime', { params, fallback: DEFAULT_SORT }),
      render: (_, gap) => `${formatDateTime(gap.fromTime)} – ${formatDateTime(gap.toTime)}`,
    },
    { key: 'agent', title: t('gaps.col.agent'), dataIndex: 'agentName' },
    { key: 'location', title: t('gaps.col.location'), dataIndex: 'location' },
    {
      key: 'droppedRuns',
      title: t('gaps.col.droppedRuns'),
      dataIndex: 'droppedRuns',
      align: 'right',
      ...sortableColumn('droppedRuns', { params, fallback: DEFAULT_SORT }),
    },
    {
      key: 'reason',
      title: t('gaps.col.reason'),
      ...filterableColumn('reason', {
        params,
        multiple: false,
        choices: REASONS.map((reason) => ({ text: t(`gaps.reason.${reason}`), value: reason })),
      }),
      render: (_, gap) => <Tag color="warning">{t(`gaps.reason.${gap.reason}`)}</Tag>,
    },
    {
      key: 'receivedAt',
      title: t('gaps.col.receivedAt'),
      render: (_, gap) => formatDateTime(gap.receivedAt),
    },
  ];
}

/** Runs agents had to drop instead of uploading: the holes in the data, said out loud, a page at a time. */
export function AgentGapTable() {
  const { t } = useI18n();
  // Kept in the component: the agents page's URL belongs to the agents table.
  const table = useServerTable<AgentGapRecord>({
    list: useListState({ defaultPageSize: 10 }),
    pageSizes: [10, 20, 50],
    columnFilters: ['reason'],
  });
  const gaps = useAgentGapPage(table.query);
  return (
    <div data-testid="agent-gaps-table">
      {gaps.error && <LoadError error={gaps.error} onRetry={() => void gaps.refetch()} />}
      <Table<AgentGapRecord>
        size="small"
        rowKey={(gap) => `${gap.agentId}/${gap.id}`}
        columns={gapColumns(t, table.params)}
        {...table.tableProps(gaps)}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('gaps.empty')} /> }}
      />
    </div>
  );
}
