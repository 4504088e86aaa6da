import type { Agent } from '@ganzhi/contracts';
import { Button, Popconfirm, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Translate } from '../../../lib/i18n';
import { filterableColumn, sortableColumn } from '../../../lib/list-columns';
import type { ListParams } from '../../../lib/list-params';
import { isRevocable } from '../agent-summary';
import {
  BacklogCell,
  BrowserCell,
  ClockCell,
  HealthTag,
  LocationCell,
  NameCell,
  RelativeTime,
  UnsupportedCell,
} from './agent-cells';

export interface AgentColumnsContext {
  readonly t: Translate;
  /** The time relative texts ("3 minutes ago") are measured from; the page renders again on each refetch. */
  readonly nowMs: number;
  readonly onRevoke: (agent: Agent) => void;
  /** The agent whose revocation is in flight, to show a spinner on its button. */
  readonly revokingId: string | null;
  /** A location code's name for the reader (see the locations feature's `locationDisplayName`). */
  readonly locationName: (code: string) => string;
  /** The table's sort and filters: the server sorts (health attention first, name, location, last seen). */
  readonly params: ListParams;
}

/** The server's order when the URL names none. */
export const AGENT_DEFAULT_SORT = 'name:asc';

export function agentColumns(context: AgentColumnsContext): ColumnsType<Agent> {
  const { t, nowMs, onRevoke, revokingId, locationName, params } = context;
  const sortable = (field: string) => sortableColumn(field, { params, fallback: AGENT_DEFAULT_SORT });
  return [
    {
      key: 'status',
      title: t('agents.col.health'),
      width: 110,
      ...sortable('status'),
      ...filterableColumn('status', {
        params,
        multiple: false,
        choices: [
          { text: t('agents.status.online'), value: 'online' },
          { text: t('agents.status.offline'), value: 'offline' },
        ],
      }),
      render: (_, agent) => <HealthTag health={agent.health} />,
    },
    {
      key: 'name',
      title: t('agents.col.name'),
      ...sortable('name'),
      render: (_, agent) => <NameCell agent={agent} />,
    },
    {
      key: 'location',
      title: t('agents.col.location'),
      ...sortable('location'),
      render: (_, agent) => <LocationCell code={agent.location} name={locationName(agent.location)} />,
    },
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
      ...sortable('lastSeen'),
      render: (_, agent) => <RelativeTime iso={agent.lastSeen} nowMs={nowMs} />,
    },
    {
      key: 'backlog',
      title: t('agents.col.backlog'),
      align: 'right',
      render: (_, agent) => <BacklogCell agent={agent} nowMs={nowMs} />,
    },
    { key: 'clock', title: t('agents.col.clock'), render: (_, agent) => <ClockCell agent={agent} /> },
    {
      key: 'browser',
      title: t('agents.col.browser'),
      render: (_, agent) => <BrowserCell available={agent.browserAvailable} />,
    },
    { key: 'checks', title: t('agents.col.checks'), dataIndex: 'checksAssigned', align: 'right' },
    {
      key: 'unsupported',
      title: t('agents.col.unsupported'),
      align: 'right',
      render: (_, agent) => <UnsupportedCell agent={agent} />,
    },
    {
      key: 'actions',
      title: t('agents.col.actions'),
      fixed: 'right',
      render: (_, agent) =>
        isRevocable(agent) && (
          <Popconfirm
            title={t('agents.revokeConfirm', { name: agent.name, location: agent.location })}
            okText={t('agents.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => onRevoke(agent)}
          >
            <Button size="small" danger loading={revokingId === agent.id} data-testid="agent-revoke">
              {t('agents.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];
}
