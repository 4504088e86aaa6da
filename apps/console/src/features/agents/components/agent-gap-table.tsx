import type { AgentGapRecord } from '@ganzhi/contracts';
import { Empty, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { LoadError } from '../../../components/load-error';
import { useI18n, type Translate } from '../../../lib/i18n';
import { formatDateTime } from '../../../lib/relative-time';
import { useAgentGaps } from '../api/agent-api';

function gapColumns(t: Translate): ColumnsType<AgentGapRecord> {
  return [
    {
      key: 'period',
      title: t('gaps.col.period'),
      render: (_, gap) => `${formatDateTime(gap.fromTime)} – ${formatDateTime(gap.toTime)}`,
    },
    { key: 'agent', title: t('gaps.col.agent'), dataIndex: 'agentName' },
    { key: 'location', title: t('gaps.col.location'), dataIndex: 'location' },
    {
      key: 'droppedRuns',
      title: t('gaps.col.droppedRuns'),
      dataIndex: 'droppedRuns',
      align: 'right',
    },
    {
      key: 'reason',
      title: t('gaps.col.reason'),
      render: (_, gap) => <Tag color="warning">{t(`gaps.reason.${gap.reason}`)}</Tag>,
    },
    {
      key: 'receivedAt',
      title: t('gaps.col.receivedAt'),
      render: (_, gap) => formatDateTime(gap.receivedAt),
    },
  ];
}

/** Runs agents had to drop instead of uploading: the holes in the data, said out loud. */
export function AgentGapTable() {
  const { t } = useI18n();
  const gaps = useAgentGaps();
  return (
    <div data-testid="agent-gaps-table">
      {gaps.error && <LoadError error={gaps.error} onRetry={() => void gaps.refetch()} />}
      <Table<AgentGapRecord>
        size="small"
        rowKey={(gap) => `${gap.agentId}/${gap.id}`}
        loading={gaps.isPending}
        dataSource={gaps.data}
        columns={gapColumns(t)}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('gaps.empty')} /> }}
      />
    </div>
  );
}
