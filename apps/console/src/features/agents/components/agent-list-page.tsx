import type { Agent } from '@ganzhi/contracts';
import { Empty, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { LoadError } from '../../../components/load-error';
import { PageHeader } from '../../../components/page-header';
import { useI18n, type MessageKey, type Translate } from '../../../lib/i18n';
import { useAgents } from '../api/agent-api';

const HEALTH_STYLE: Readonly<Record<Agent['health'], { color: string; label: MessageKey }>> = {
  healthy: { color: 'success', label: 'health.healthy' },
  stale: { color: 'warning', label: 'health.stale' },
  down: { color: 'error', label: 'health.down' },
  revoked: { color: 'default', label: 'health.revoked' },
};

function agentColumns(t: Translate): ColumnsType<Agent> {
  return [
    {
      key: 'health',
      title: t('agents.col.health'),
      width: 120,
      render: (_, agent) => (
        <Tag color={HEALTH_STYLE[agent.health].color} data-testid="agent-health">
          {t(HEALTH_STYLE[agent.health].label)}
        </Tag>
      ),
    },
    { key: 'name', title: t('agents.col.name'), dataIndex: 'name' },
    { key: 'location', title: t('agents.col.location'), dataIndex: 'location' },
    {
      key: 'kind',
      title: t('agents.col.kind'),
      render: (_, agent) =>
        agent.builtin ? <Tag color="blue">{t('agents.builtin')}</Tag> : <Tag>{t('agents.remote')}</Tag>,
    },
    { key: 'version', title: t('agents.col.version'), dataIndex: 'version' },
    {
      key: 'lastSeen',
      title: t('agents.col.lastSeen'),
      render: (_, agent) =>
        agent.lastSeen ? (
          dayjs(agent.lastSeen).format('YYYY-MM-DD HH:mm:ss')
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    { key: 'backlog', title: t('agents.col.backlog'), dataIndex: 'backlog', align: 'right' },
  ];
}

export function AgentListPage() {
  const { t } = useI18n();
  const agents = useAgents();
  return (
    <>
      <PageHeader title={t('agents.title')} subTitle={t('common.autoRefresh')} />
      {agents.error && <LoadError error={agents.error} onRetry={() => void agents.refetch()} />}
      <div data-testid="agents-table">
        <Table<Agent>
          rowKey="id"
          size="middle"
          loading={agents.isPending}
          dataSource={agents.data}
          columns={agentColumns(t)}
          pagination={false}
          locale={{ emptyText: <Empty description={t('agents.empty')} /> }}
        />
      </div>
    </>
  );
}
