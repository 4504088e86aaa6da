import type { StoredSecret } from '@ganzhi/contracts';
import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Input,
  Popconfirm,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { LoadError } from '../../../components/load-error';
import { PageHeader } from '../../../components/page-header';
import { useI18n, type Translate } from '../../../lib/i18n';
import { filterableColumn, sortableColumn } from '../../../lib/list-columns';
import type { ListParamOptions, ListParams } from '../../../lib/list-params';
import { useListParams } from '../../../lib/use-list-params';
import { useServerTable } from '../../../lib/use-server-table';
import { formatDateTime } from '../../../lib/relative-time';
import { usePermissions } from '../../auth';
import { useDeleteSecret, useSecretPage } from '../api/secret-api';
import { secretReference } from '../secret-form';
import { SecretFormModal } from './secret-form-modal';
import { describeError } from '../../../lib/server-text';

interface SecretActions {
  readonly onReplace: (secret: StoredSecret) => void;
  readonly onDelete: (secret: StoredSecret) => void;
}

function SourceTag({ secret, t }: { secret: StoredSecret; t: Translate }) {
  if (secret.source === 'stored') return <Tag color="blue">{t('secrets.sourceStored')}</Tag>;
  return (
    <Tooltip title={t('secrets.environmentHint', { name: secret.name })}>
      <Tag color="gold">{t('secrets.sourceEnvironment')}</Tag>
    </Tooltip>
  );
}

function SecretActionCell({
  secret,
  actions,
  t,
}: {
  secret: StoredSecret;
  actions: SecretActions;
  t: Translate;
}) {
  return (
    <Space size={0}>
      <Button type="link" size="small" onClick={() => actions.onReplace(secret)} data-testid="secret-replace">
        {t('secrets.replace')}
      </Button>
      {/* An environment variable is the built-in agent's to change; there is nothing stored to delete. */}
      {secret.source === 'stored' && (
        <Popconfirm
          title={t('secrets.deleteConfirm', { name: secret.name })}
          description={t('secrets.deleteHint')}
          okText={t('common.delete')}
          okButtonProps={{ danger: true }}
          cancelText={t('common.cancel')}
          onConfirm={() => actions.onDelete(secret)}
        >
          <Button type="link" size="small" danger data-testid="secret-delete">
            {t('common.delete')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}

/** The secrets list's URL parameters. */
const LIST_OPTIONS: ListParamOptions = {
  filterNames: ['text', 'source'],
  defaultPageSize: 20,
  pageSizes: [20, 50, 100],
};
const DEFAULT_SORT = 'name:asc';

function secretColumns(
  t: Translate,
  context: { actions: SecretActions | null; params: ListParams },
): ColumnsType<StoredSecret> {
  const { actions, params } = context;
  const dash = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return [
    {
      key: 'name',
      title: t('secrets.name'),
      ...sortableColumn('name', { params, fallback: DEFAULT_SORT }),
      render: (_, secret) => (
        <Typography.Text strong data-testid="secret-row-name">
          {secret.name}
        </Typography.Text>
      ),
    },
    {
      key: 'usage',
      title: t('secrets.usage'),
      render: (_, secret) => (
        <Typography.Text code copyable={{ text: secretReference(secret.name) }}>
          {secretReference(secret.name)}
        </Typography.Text>
      ),
    },
    {
      key: 'description',
      title: t('secrets.description'),
      render: (_, secret) => secret.description || dash,
    },
    {
      key: 'source',
      title: t('secrets.source'),
      ...filterableColumn('source', {
        params,
        multiple: false,
        choices: [
          { text: t('secrets.sourceStored'), value: 'stored' },
          { text: t('secrets.sourceEnvironment'), value: 'environment' },
        ],
      }),
      render: (_, secret) => <SourceTag secret={secret} t={t} />,
    },
    {
      key: 'updatedAt',
      title: t('secrets.updated'),
      ...sortableColumn('updatedAt', { params, fallback: DEFAULT_SORT }),
      render: (_, secret) =>
        secret.updatedAt ? (
          <Space size={4}>
            {formatDateTime(secret.updatedAt)}
            {secret.updatedBy && <Typography.Text type="secondary">{secret.updatedBy}</Typography.Text>}
          </Space>
        ) : (
          dash
        ),
    },
    ...(actions
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_: unknown, secret: StoredSecret) => (
              <SecretActionCell secret={secret} actions={actions} t={t} />
            ),
          },
        ]
      : []),
  ];
}

/** `/admin/secrets`: the probe secrets by name; those who may manage them add, replace and delete values. */
export function SecretListPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { can } = usePermissions();
  const table = useServerTable<StoredSecret>({
    list: useListParams(LIST_OPTIONS),
    pageSizes: LIST_OPTIONS.pageSizes,
    columnFilters: ['source'],
  });
  const { list, params } = table;
  const secrets = useSecretPage(table.query);
  const remove = useDeleteSecret();
  const [editing, setEditing] = useState<StoredSecret | null | undefined>(undefined);
  const canManage = can('secrets:manage');

  const onDelete = (secret: StoredSecret) =>
    remove.mutate(secret.name, {
      onSuccess: () => void message.success(t('secrets.deleted', { name: secret.name })),
      onError: (error) => void message.error(t('secrets.deleteFailed', { message: describeError(error, t) })),
    });
  const actions = canManage ? { onReplace: setEditing, onDelete } : null;

  return (
    <>
      <PageHeader
        title={t('secrets.title')}
        subTitle={t('secrets.subtitle')}
        extra={
          canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing(null)}
              data-testid="new-secret-button"
            >
              {t('secrets.new')}
            </Button>
          )
        }
      />
      <Alert
        type="info"
        showIcon
        className="page-note"
        message={t('secrets.note', { reference: secretReference('NAME') })}
        data-testid="secrets-note"
      />
      {secrets.error && <LoadError error={secrets.error} onRetry={() => void secrets.refetch()} />}
      <Card
        size="small"
        className="section-card"
        title={
          <Input.Search
            allowClear
            placeholder={t('secrets.filter.text')}
            defaultValue={params.filters.text}
            // Remounted when the URL changes elsewhere (back button), so the box shows what is applied.
            key={`text-${params.filters.text ?? ''}`}
            onSearch={(value) => list.setFilters({ text: value.trim() })}
            style={{ width: 240 }}
            data-testid="secrets-filter-text"
          />
        }
      >
        <Table<StoredSecret>
          rowKey="name"
          size="middle"
          columns={secretColumns(t, { actions, params })}
          {...table.tableProps(secrets)}
          locale={{ emptyText: <Empty description={t('secrets.empty')} /> }}
          scroll={{ x: 'max-content' }}
          data-testid="secrets-table"
        />
      </Card>
      <SecretFormModal editing={editing} onClose={() => setEditing(undefined)} />
    </>
  );
}
