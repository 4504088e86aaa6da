import type { CreatedToken, TokenDetail } from '@ganzhi/contracts';
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Input, Popconfirm, Table, Tag, Tooltip, Typography } from 'antd';
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
import { useSession } from '../../auth';
import { useRevokeToken, useTokenPage } from '../api/token-api';
import { PermissionSummary } from './permission-summary';
import { RegionScopeTags } from './region-scope-tags';
import { TokenCreateModal } from './token-create-modal';
import { TokenCreatedModal } from './token-created-modal';
import { describeError } from '../../../lib/server-text';

type TokenState = 'active' | 'revoked' | 'expired';

function stateOf(token: TokenDetail, nowMs: number): TokenState {
  if (token.revokedAt !== null) return 'revoked';
  if (token.expiresAt !== null && Date.parse(token.expiresAt) <= nowMs) return 'expired';
  return 'active';
}

const STATE_COLOR: Readonly<Record<TokenState, string>> = {
  active: 'success',
  revoked: 'default',
  expired: 'warning',
};

/** The tokens list's URL parameters. */
const LIST_OPTIONS: ListParamOptions = {
  filterNames: ['text', 'status'],
  defaultPageSize: 20,
  pageSizes: [20, 50, 100],
};
const DEFAULT_SORT = 'createdAt:desc';
const STATES: readonly TokenState[] = ['active', 'expired', 'revoked'];

function tokenColumns(
  t: Translate,
  context: { onRevoke: (token: TokenDetail) => void; params: ListParams },
): ColumnsType<TokenDetail> {
  const { onRevoke, params } = context;
  const nowMs = Date.now();
  const dash = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return [
    {
      key: 'name',
      title: t('tokens.name'),
      ...sortableColumn('name', { params, fallback: DEFAULT_SORT }),
      render: (_, token) => <Typography.Text strong>{token.name}</Typography.Text>,
    },
    { key: 'owner', title: t('tokens.owner'), dataIndex: 'owner' },
    {
      key: 'scopes',
      title: t('tokens.scopes'),
      render: (_, token) => (
        <Tooltip title={<PermissionSummary permissions={token.scopes} />} color="#fff">
          <Tag>{t('roles.permissionCountValue', { count: token.scopes.length })}</Tag>
        </Tooltip>
      ),
    },
    {
      key: 'regions',
      title: t('tokens.regions'),
      render: (_, token) => <RegionScopeTags regions={token.regions} />,
    },
    {
      key: 'createdAt',
      title: t('tokens.createdAt'),
      ...sortableColumn('createdAt', { params, fallback: DEFAULT_SORT }),
      render: (_, token) => formatDateTime(token.createdAt),
    },
    {
      key: 'expiresAt',
      title: t('tokens.expiresAt'),
      render: (_, token) => (token.expiresAt ? formatDateTime(token.expiresAt) : t('tokens.noExpiry')),
    },
    {
      key: 'lastUsedAt',
      title: t('tokens.lastUsed'),
      ...sortableColumn('lastUsedAt', { params, fallback: DEFAULT_SORT }),
      render: (_, token) =>
        token.lastUsedAt ? `${formatDateTime(token.lastUsedAt)} · ${token.lastUsedAddress ?? ''}` : dash,
    },
    {
      key: 'status',
      title: t('tokens.state'),
      ...filterableColumn('status', {
        params,
        multiple: false,
        choices: STATES.map((state) => ({ text: t(`tokens.state.${state}`), value: state })),
      }),
      render: (_, token) => {
        const state = stateOf(token, nowMs);
        return <Tag color={STATE_COLOR[state]}>{t(`tokens.state.${state}`)}</Tag>;
      },
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, token) =>
        token.revokedAt === null ? (
          <Popconfirm
            title={t('tokens.revokeConfirm', { name: token.name })}
            description={t('tokens.revokeHint')}
            okText={t('tokens.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => onRevoke(token)}
          >
            <Button type="link" size="small" danger data-testid="token-revoke">
              {t('tokens.revoke')}
            </Button>
          </Popconfirm>
        ) : (
          dash
        ),
    },
  ];
}

/** `/admin/tokens`: API tokens for scripts and data feeds; create (the text is shown once), revoke. */
export function TokenListPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const table = useServerTable<TokenDetail>({
    list: useListParams(LIST_OPTIONS),
    pageSizes: LIST_OPTIONS.pageSizes,
    columnFilters: ['status'],
  });
  const { list, params } = table;
  const tokens = useTokenPage(table.query);
  const revoke = useRevokeToken();
  const [isCreating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);

  const onRevoke = (token: TokenDetail) =>
    revoke.mutate(token.id, {
      onSuccess: () => void message.success(t('tokens.revoked', { name: token.name })),
      onError: (error) => void message.error(t('tokens.revokeFailed', { message: describeError(error, t) })),
    });

  return (
    <>
      <PageHeader
        title={t('tokens.title')}
        subTitle={t('tokens.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="new-token-button"
          >
            {t('tokens.new')}
          </Button>
        }
      />
      {tokens.error && <LoadError error={tokens.error} onRetry={() => void tokens.refetch()} />}
      <Card
        size="small"
        className="section-card"
        title={
          <Input.Search
            allowClear
            placeholder={t('tokens.filter.text')}
            defaultValue={params.filters.text}
            // Remounted when the URL changes elsewhere (back button), so the box shows what is applied.
            key={`text-${params.filters.text ?? ''}`}
            onSearch={(value) => list.setFilters({ text: value.trim() })}
            style={{ width: 240 }}
            data-testid="tokens-filter-text"
          />
        }
      >
        <Table<TokenDetail>
          rowKey="id"
          size="middle"
          columns={tokenColumns(t, { onRevoke, params })}
          {...table.tableProps(tokens)}
          rowClassName={(token) => (token.revokedAt === null ? '' : 'row-inactive')}
          locale={{ emptyText: <Empty description={t('tokens.empty')} /> }}
          scroll={{ x: 'max-content' }}
          data-testid="tokens-table"
        />
      </Card>
      <TokenCreateModal
        open={isCreating}
        user={session.data}
        onClose={() => setCreating(false)}
        onCreated={setCreated}
      />
      <TokenCreatedModal token={created} onClose={() => setCreated(null)} />
    </>
  );
}
