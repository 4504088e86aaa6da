import type { Agent } from '@ganzhi/contracts';
import { App, Button, Card, Empty, Flex, Input, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { LoadError } from '../../../components/load-error';
import { PageHeader } from '../../../components/page-header';
import type { ListParamOptions } from '../../../lib/list-params';
import { useListParams } from '../../../lib/use-list-params';
import { useServerTable } from '../../../lib/use-server-table';
import { useI18n } from '../../../lib/i18n';
import { usePermissions } from '../../auth';
import { useLocationName } from '../../locations';
import { useAgentPage, useAgents, useRevokeAgent } from '../api/agent-api';
import { AddAgentModal } from './add-agent-modal';
import { agentColumns } from './agent-columns';
import { AgentGapTable } from './agent-gap-table';
import { AgentSummaryCards } from './agent-summary-cards';
import { PlatformEventTable } from './platform-event-table';
import { describeError } from '../../../lib/server-text';

/** The agents list's URL parameters; a link may open it filtered (`/agents?location=changsha`). */
const LIST_OPTIONS: ListParamOptions = {
  filterNames: ['location', 'status', 'text'],
  defaultPageSize: 20,
  pageSizes: [20, 50, 100],
};

export function AgentListPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  // Every agent for the summary cards; the table shows the server's page.
  const agents = useAgents();
  const table = useServerTable<Agent>({
    list: useListParams(LIST_OPTIONS),
    pageSizes: LIST_OPTIONS.pageSizes,
    columnFilters: ['status'],
  });
  const { list, params } = table;
  const page = useAgentPage(table.query);
  const revoke = useRevokeAgent();
  const [isAdding, setIsAdding] = useState(false);
  const location = params.filters.location ?? null;

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
    params,
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
      {page.error && <LoadError error={page.error} onRetry={() => void page.refetch()} />}
      {agents.error && <LoadError error={agents.error} onRetry={() => void agents.refetch()} />}
      <AgentSummaryCards agents={agents.data} />
      <Card
        size="small"
        className="section-card"
        title={
          <Flex gap="small" wrap align="center" className="list-filter" data-testid="agents-filters">
            <Input.Search
              allowClear
              placeholder={t('agents.filter.text')}
              defaultValue={params.filters.text}
              // Remounted when the URL changes elsewhere (clear filters, back button), so the box shows what is applied.
              key={`text-${params.filters.text ?? ''}`}
              onSearch={(value) => list.setFilters({ text: value.trim() })}
              style={{ width: 240 }}
              data-testid="agents-filter-text"
            />
            {location !== null && (
              <Tag
                closable
                onClose={() => list.setFilters({ location: null })}
                color="blue"
                data-testid="agents-location-filter"
              >
                {t('agents.filteredBy', { location: locationName(location) })}
              </Tag>
            )}
          </Flex>
        }
      >
        <div data-testid="agents-table">
          <Table<Agent>
            rowKey="id"
            size="middle"
            className="nowrap-table"
            columns={columns}
            {...table.tableProps(page)}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty description={t('agents.empty')} /> }}
          />
        </div>
      </Card>
      <Card size="small" className="section-card">
        <Tabs
          items={[
            {
              key: 'events',
              label: t('agents.tab.events'),
              children: <PlatformEventTable key={location ?? ''} location={location} />,
            },
            { key: 'gaps', label: t('agents.tab.gaps'), children: <AgentGapTable /> },
          ]}
        />
      </Card>
      <AddAgentModal open={isAdding} onClose={() => setIsAdding(false)} />
    </>
  );
}
