import type { AuditEvent } from '@ganzhi/contracts';
import { Descriptions, Table, Typography } from 'antd';
import { useI18n } from '../../../lib/i18n';
import { formatAuditValue } from '../audit-filter';

interface ChangeRow {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** One event opened: its changes as a before/after table (secrets arrive masked), and where the request came from. */
export function AuditEventDetails({ event }: { event: AuditEvent }) {
  const { t } = useI18n();
  const rows: ChangeRow[] = Object.entries(event.changes ?? {}).map(([path, [before, after]]) => ({
    path,
    before,
    after,
  }));
  return (
    <div className="audit-details" data-testid="audit-details">
      <Descriptions
        size="small"
        column={3}
        items={[
          { key: 'requestId', label: t('audit.requestId'), children: event.requestId ?? t('common.none') },
          {
            key: 'client',
            label: t('audit.clientAddress'),
            children: event.clientAddress ?? t('common.none'),
          },
          { key: 'actorKind', label: t('audit.actorKind'), children: event.actorKind },
        ]}
      />
      {rows.length > 0 ? (
        <Table<ChangeRow>
          size="small"
          rowKey="path"
          dataSource={rows}
          pagination={false}
          data-testid="audit-changes"
          columns={[
            { key: 'path', title: t('audit.field'), render: (_, row) => <code>{row.path}</code>, width: 200 },
            {
              key: 'before',
              title: t('audit.before'),
              render: (_, row) => (
                <Typography.Text delete={row.before !== undefined}>
                  {formatAuditValue(row.before)}
                </Typography.Text>
              ),
            },
            {
              key: 'after',
              title: t('audit.after'),
              render: (_, row) => (
                <Typography.Text type="success">{formatAuditValue(row.after)}</Typography.Text>
              ),
            },
          ]}
        />
      ) : (
        <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>
      )}
    </div>
  );
}
