import type { AuditEvent } from '@ganzhi/contracts';
import { Button, Empty, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { LoadError } from '../../../components/load-error';
import { PageHeader } from '../../../components/page-header';
import { useI18n, type Translate } from '../../../lib/i18n';
import { formatDateTime } from '../../../lib/relative-time';
import { useAuditEvents } from '../api/audit-api';
import type { AuditFilter } from '../audit-filter';
import { AuditEventDetails } from './audit-event-details';
import { AuditFilters } from './audit-filters';

const OUTCOME_COLOR: Readonly<Record<AuditEvent['outcome'], string>> = {
  ok: 'success',
  denied: 'red',
  failed: 'orange',
};

function auditColumns(t: Translate): ColumnsType<AuditEvent> {
  return [
    { key: 'at', title: t('audit.at'), width: 170, render: (_, event) => formatDateTime(event.at) },
    {
      key: 'actor',
      title: t('audit.actor'),
      render: (_, event) => (
        <span>
          {event.actor} {event.actorKind !== 'user' && <Tag bordered={false}>{event.actorKind}</Tag>}
        </span>
      ),
    },
    { key: 'action', title: t('audit.action'), render: (_, event) => <code>{event.action}</code> },
    {
      key: 'resource',
      title: t('audit.resource'),
      render: (_, event) => (
        <span>
          {event.resource}
          {event.resourceId && <Typography.Text type="secondary"> · {event.resourceId}</Typography.Text>}
        </span>
      ),
    },
    {
      key: 'outcome',
      title: t('audit.outcome'),
      render: (_, event) => (
        <Tag color={OUTCOME_COLOR[event.outcome]} data-testid={`audit-outcome-${event.outcome}`}>
          {t(`audit.outcome.${event.outcome}`)}
        </Tag>
      ),
    },
    {
      key: 'detail',
      title: t('audit.detail'),
      render: (_, event) =>
        event.detail ?? <Typography.Text type="secondary">{t('common.none')}</Typography.Text>,
    },
    {
      key: 'client',
      title: t('audit.clientAddress'),
      render: (_, event) => event.clientAddress ?? t('common.none'),
    },
  ];
}

/** `/admin/audit`: every change, refusal and sign-in, newest first, filtered, a page at a time. */
export function AuditLogPage() {
  const { t } = useI18n();
  const [filter, setFilter] = useState<AuditFilter>({});
  const events = useAuditEvents(filter);
  const items = events.data?.pages.flatMap((page) => page.items);
  const total = events.data?.pages[0]?.total;

  return (
    <>
      <PageHeader title={t('audit.title')} subTitle={t('audit.subtitle')} />
      <AuditFilters onChange={setFilter} />
      {events.error && <LoadError error={events.error} onRetry={() => void events.refetch()} />}
      <Table<AuditEvent>
        rowKey="id"
        size="middle"
        dataSource={items}
        loading={events.isPending}
        columns={auditColumns(t)}
        expandable={{ expandedRowRender: (event) => <AuditEventDetails event={event} /> }}
        pagination={false}
        locale={{ emptyText: <Empty description={t('audit.empty')} /> }}
        // No `scroll.x: max-content` here: the expanded row's full-width content would widen the columns without end.
        data-testid="audit-table"
      />
      <Flex justify="center" align="center" gap="middle" className="load-more">
        {total !== undefined && total > 0 && (
          <Typography.Text type="secondary" data-testid="audit-total">
            {t('list.total', { total })}
          </Typography.Text>
        )}
        {events.hasNextPage ? (
          <Button
            onClick={() => void events.fetchNextPage()}
            loading={events.isFetchingNextPage}
            data-testid="audit-load-more"
          >
            {t('audit.loadMore')}
          </Button>
        ) : (
          items && items.length > 0 && <Typography.Text type="secondary">{t('audit.end')}</Typography.Text>
        )}
      </Flex>
    </>
  );
}
