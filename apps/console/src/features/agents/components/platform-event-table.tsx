import type { PlatformEvent } from '@ganzhi/contracts';
import { Empty, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { LoadError } from '../../../components/load-error';
import { useI18n, type Translate } from '../../../lib/i18n';
import { formatDateTime } from '../../../lib/relative-time';
import { useLocationName } from '../../locations';
import { useAgents, usePlatformEvents } from '../api/agent-api';
import { platformEventText, type EventTextContext } from '../event-text';

const SEVERITY_COLOR: Readonly<Record<PlatformEvent['severity'], string>> = {
  info: 'blue',
  warning: 'warning',
  critical: 'error',
};

function eventColumns(t: Translate, context: EventTextContext): ColumnsType<PlatformEvent> {
  return [
    {
      key: 'at',
      title: t('events.col.at'),
      width: 180,
      render: (_, event) => <span className="nowrap">{formatDateTime(event.at)}</span>,
    },
    {
      key: 'severity',
      title: t('events.col.severity'),
      width: 100,
      render: (_, event) => (
        <Tag color={SEVERITY_COLOR[event.severity]}>{t(`events.severity.${event.severity}`)}</Tag>
      ),
    },
    {
      key: 'kind',
      title: t('events.col.kind'),
      width: 140,
      render: (_, event) => <span className="nowrap">{t(`events.kind.${event.kind}`)}</span>,
    },
    {
      key: 'message',
      title: t('events.col.message'),
      className: 'cell-wrap',
      render: (_, event) => (
        <span title={event.message} data-testid="platform-event-text">
          {platformEventText(event, context)}
        </span>
      ),
    },
  ];
}

/** What the platform noticed about its agents, newest first, said in the reader's language. */
export function PlatformEventTable() {
  const { t } = useI18n();
  const events = usePlatformEvents();
  const agents = useAgents();
  const locationName = useLocationName();
  return (
    <div data-testid="platform-events-table">
      {events.error && <LoadError error={events.error} onRetry={() => void events.refetch()} />}
      <Table<PlatformEvent>
        size="small"
        rowKey="id"
        className="nowrap-table"
        loading={events.isPending}
        dataSource={events.data}
        columns={eventColumns(t, { t, agents: agents.data, locationName })}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('events.empty')} /> }}
      />
    </div>
  );
}
