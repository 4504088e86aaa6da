import { platformEventKindSchema, type PlatformEvent } from '@ganzhi/contracts';
import { Empty, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { LoadError } from '../../../components/load-error';
import { useI18n, type Translate } from '../../../lib/i18n';
import { filterableColumn, sortableColumn } from '../../../lib/list-columns';
import type { ListParams } from '../../../lib/list-params';
import { useListState } from '../../../lib/use-list-params';
import { useServerTable } from '../../../lib/use-server-table';
import { formatDateTime } from '../../../lib/relative-time';
import { useLocationName } from '../../locations';
import { useAgents, usePlatformEventPage } from '../api/agent-api';
import { platformEventText, type EventTextContext } from '../event-text';

const SEVERITY_COLOR: Readonly<Record<PlatformEvent['severity'], string>> = {
  info: 'blue',
  warning: 'warning',
  critical: 'error',
};

function eventColumns(
  t: Translate,
  context: EventTextContext & { params: ListParams },
): ColumnsType<PlatformEvent> {
  const { params } = context;
  return [
    {
      key: 'at',
      title: t('events.col.at'),
      width: 180,
      ...sortableColumn('at', { params, fallback: 'at:desc' }),
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
      ...filterableColumn('kind', {
        params,
        multiple: false,
        choices: platformEventKindSchema.options.map((kind) => ({
          text: t(`events.kind.${kind}`),
          value: kind,
        })),
      }),
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

/**
 * What the platform noticed about its agents, newest first, said in the reader's language; a page at a time from
 * the server, of one location's agents when the agents page is filtered by one.
 */
export function PlatformEventTable({ location }: { location: string | null }) {
  const { t } = useI18n();
  const table = useServerTable<PlatformEvent>({
    list: useListState({ defaultPageSize: 10 }),
    pageSizes: [10, 20, 50],
    columnFilters: ['kind'],
    ...(location === null ? {} : { fixedFilters: { location } }),
  });
  const { params } = table;
  const events = usePlatformEventPage(table.query);
  const agents = useAgents();
  const locationName = useLocationName();
  return (
    <div data-testid="platform-events-table">
      {events.error && <LoadError error={events.error} onRetry={() => void events.refetch()} />}
      <Table<PlatformEvent>
        size="small"
        rowKey="id"
        className="nowrap-table"
        columns={eventColumns(t, { t, agents: agents.data, locationName, params })}
        {...table.tableProps(events)}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('events.empty')} /> }}
      />
    </div>
  );
}
