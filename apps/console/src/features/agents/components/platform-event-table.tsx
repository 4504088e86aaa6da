import { platformEventKindSchema, type PlatformEvent } from '@ganzhi/contracts';
import { Empty, Table, Tag } from 'antd';
import type { ColumnsType, TableProps } from 'antd/es/table';
import { LoadError } from '../../../components/load-error';
import { useI18n, type Translate } from '../../../lib/i18n';
import { filterableColumn, sortableColumn } from '../../../lib/list-columns';
import { apiQueryOf, sortParamOf, type ListParams } from '../../../lib/list-params';
import { useListState } from '../../../lib/use-list-params';
import { formatDateTime } from '../../../lib/relative-time';
import { useLocationName } from '../../locations';
import { useAgents, usePlatformEventPage } from '../api/agent-api';
import { platformEventText, type EventTextContext } from '../event-text';

const SEVERITY_COLOR: Readonly<Record<PlatformEvent['severity'], string>> = {
  info: 'blue',
  warning: 'warning',
  critical: 'error',
};

type TableChange = Parameters<NonNullable<TableProps<PlatformEvent>['onChange']>>;

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
  const list = useListState({ defaultPageSize: 10 });
  const { params } = list;
  const filters = location === null ? params.filters : { ...params.filters, location };
  const events = usePlatformEventPage(apiQueryOf({ ...params, filters }));
  const agents = useAgents();
  const locationName = useLocationName();
  // Ant Design's callback takes four arguments; they arrive as one tuple here.
  const onChange = (...[pagination, tableFilters, sorter, extra]: TableChange) => {
    if (extra.action === 'filter')
      list.setFilters({ kind: tableFilters.kind?.map(String).join(',') ?? null });
    else if (extra.action === 'sort') list.setSort(Array.isArray(sorter) ? null : sortParamOf(sorter));
    else list.setPage(pagination.current ?? 1, pagination.pageSize ?? params.pageSize);
  };
  return (
    <div data-testid="platform-events-table">
      {events.error && <LoadError error={events.error} onRetry={() => void events.refetch()} />}
      <Table<PlatformEvent>
        size="small"
        rowKey="id"
        className="nowrap-table"
        loading={events.isPending || (events.isPlaceholderData && events.isFetching)}
        dataSource={events.data?.items}
        columns={eventColumns(t, { t, agents: agents.data, locationName, params })}
        onChange={onChange}
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: events.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: ['10', '20', '50'],
          showTotal: (total) => t('list.total', { total }),
          hideOnSinglePage: true,
        }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('events.empty')} /> }}
      />
    </div>
  );
}
