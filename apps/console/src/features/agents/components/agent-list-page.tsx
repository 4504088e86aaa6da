import type { Agent } from '@ganzhi/contracts';
import { App, Button, Card, Empty, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { LoadError } from '../../../components/load-error';
import { PageHeader } from '../../../components/page-header';
import { useSearchParamFilter } from '../../../lib/use-search-param-filter';
import { useI18n } from '../../../lib/i18n';
import { usePermissions } from '../../auth';
import { useLocationName } from '../../locations';
import { useAgents, useRevokeAgent } from '../api/agent-api';
import { AddAgentModal } from './add-agent-modal';
import { agentColumns } from './agent-columns';
import { AgentGapTable } from './agent-gap-table';
import { AgentSummaryCards } from './agent-summary-cards';
import { PlatformEventTable } from './platform-event-table';
import { describeError } from '../../../lib/server-text';

export function AgentListPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const agents = useAgents();
  const revoke = useRevokeAgent();
  const [isAdding, setIsAdding] = useState(false);
  const [location, clearLocation] = useSearchParamFilter('location');
  const shown = location === null ? agents.data : agents.data?.filter((agent) => agent.location === location);

  const onRevoke = (agent: Agent) =>
    revoke.mutate(agent.id, {
      onSuccess: () => void message.success(t('agents.revokeDone')),
      onError: (error) => void message.error(t('agents.revokeFailed', { message: describeError(error, t) })),
    });
  const locationName = useLocationName();
  const columns = agentColumns({
    t,
    nowMs: Date.now(),
    onRevoke,
    revokingId: revoke.isPending ? (revoke.variables ?? null) : null,
    locationName,
  });

  const { can } = usePermissions();

  return (
    <>
      <PageHeader
        title={t('agents.title')}
        subTitle={t('common.autoRefresh')}
        extra={
          can('agents:manage') && (
            <Button type="primary" onClick={() => setIsAdding(true)} data-testid="add-agent-button">
              {t('agents.add')}
            </Button>
          )
        }
      />
      {agents.error && <LoadError error={agents.error} onRetry={() => void agents.refetch()} />}
      <AgentSummaryCards agents={agents.data} />
      <Card
        size="small"
        className="section-card"
        title={
          location !== null && (
            <Tag closable onClose={clearLocation} color="blue" data-testid="agents-location-filter">
              {t('agents.filteredBy', { location: locationName(location) })}
            </Tag>
          )
        }
      >
        <div data-testid="agents-table">
          <Table<Agent>
            rowKey="id"
            size="middle"
            className="nowrap-table"
            loading={agents.isPending}
            dataSource={shown}
            columns={columns}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty description={t('agents.empty')} /> }}
          />
        </div>
      </Card>
      <Card size="small" className="section-card">
        <Tabs
          items={[
            { key: 'events', label: t('agents.tab.events'), children: <PlatformEventTable /> },
            { key: 'gaps', label: t('agents.tab.gaps'), children: <AgentGapTable /> },
          ]}
        />
      </Card>
      <AddAgentModal open={isAdding} onClose={() => setIsAdding(false)} />
    </>
  );
}
