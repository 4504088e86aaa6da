import type { CreatedToken, TokenDetail } from '@ganzhi/contracts';
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Popconfirm, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { LoadError } from '../../../components/load-error';
import { PageHeader } from '../../../components/page-header';
import { useI18n, type Translate } from '../../../lib/i18n';
import { formatDateTime } from '../../../lib/relative-time';
import { useSession } from '../../auth';
import { useRevokeToken, useTokens } from '../api/token-api';
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

function tokenColumns(t: Translate, onRevoke: (token: TokenDetail) => void): ColumnsType<TokenDetail> {
  const nowMs = Date.now();
  const dash = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return [
    {
      key: 'name',
      title: t('tokens.name'),
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
    { key: 'createdAt', title: t('tokens.createdAt'), render: (_, token) => formatDateTime(token.createdAt) },
    {
      key: 'expiresAt',
      title: t('tokens.expiresAt'),
      render: (_, token) => (token.expiresAt ? formatDateTime(token.expiresAt) : t('tokens.noExpiry')),
    },
    {
      key: 'lastUsed',
      title: t('tokens.lastUsed'),
      render: (_, token) =>
        token.lastUsedAt ? `${formatDateTime(token.lastUsedAt)} · ${token.lastUsedAddress ?? ''}` : dash,
    },
    {
      key: 'state',
      title: t('tokens.state'),
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
  const tokens = useTokens();
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
      <Table<TokenDetail>
        rowKey="id"
        size="middle"
        dataSource={tokens.data}
        loading={tokens.isPending}
        columns={tokenColumns(t, onRevoke)}
        rowClassName={(token) => (token.revokedAt === null ? '' : 'row-inactive')}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('tokens.empty')} /> }}
        scroll={{ x: 'max-content' }}
        data-testid="tokens-table"
      />
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
