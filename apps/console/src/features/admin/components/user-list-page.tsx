import type { UserDetail } from '@ganzhi/contracts';
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
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
import { useRoles } from '../api/role-api';
import { useResetTotp, useUpdateUser, useUserPage } from '../api/user-api';
import { RegionScopeTags } from './region-scope-tags';
import { ResetPasswordModal } from './reset-password-modal';
import { UserFormDrawer } from './user-form-drawer';
import { describeError } from '../../../lib/server-text';

interface UserActions {
  readonly onEdit: (user: UserDetail) => void;
  readonly onResetPassword: (user: UserDetail) => void;
  readonly onToggle: (user: UserDetail) => void;
  readonly onResetTotp: (user: UserDetail) => void;
}

function UserActionCell({ user, actions, t }: { user: UserDetail; actions: UserActions; t: Translate }) {
  return (
    <Space size={0}>
      <Button type="link" size="small" onClick={() => actions.onEdit(user)} data-testid="user-edit">
        {t('common.edit')}
      </Button>
      <Button type="link" size="small" onClick={() => actions.onResetPassword(user)}>
        {t('users.resetPassword')}
      </Button>
      {user.totpEnabled && (
        <Popconfirm
          title={t('users.resetTotpConfirm', { username: user.username })}
          description={t('users.resetTotpHint')}
          okText={t('users.resetTotp')}
          okButtonProps={{ danger: true }}
          cancelText={t('common.cancel')}
          onConfirm={() => actions.onResetTotp(user)}
        >
          <Button type="link" size="small" data-testid="user-reset-totp">
            {t('users.resetTotp')}
          </Button>
        </Popconfirm>
      )}
      <Popconfirm
        title={
          user.disabled
            ? t('users.enableConfirm', { username: user.username })
            : t('users.disableConfirm', { username: user.username })
        }
        description={user.disabled ? undefined : t('users.disableHint')}
        okText={user.disabled ? t('users.enable') : t('users.disable')}
        okButtonProps={{ danger: !user.disabled }}
        cancelText={t('common.cancel')}
        onConfirm={() => actions.onToggle(user)}
      >
        <Button type="link" size="small" danger={!user.disabled} data-testid="user-toggle">
          {user.disabled ? t('users.enable') : t('users.disable')}
        </Button>
      </Popconfirm>
    </Space>
  );
}

/** The users list's URL parameters. */
const LIST_OPTIONS: ListParamOptions = {
  filterNames: ['text', 'status', 'role'],
  defaultPageSize: 20,
  pageSizes: [20, 50, 100],
};
const DEFAULT_SORT = 'username:asc';

function userColumns(
  t: Translate,
  context: { actions: UserActions | null; params: ListParams; roleNames: readonly string[] },
): ColumnsType<UserDetail> {
  const { actions, params } = context;
  return [
    {
      key: 'username',
      title: t('users.username'),
      ...sortableColumn('username', { params, fallback: DEFAULT_SORT }),
      render: (_, user) => <Typography.Text strong>{user.username}</Typography.Text>,
    },
    {
      key: 'displayName',
      title: t('users.displayName'),
      ...sortableColumn('displayName', { params, fallback: DEFAULT_SORT }),
      render: (_, user) => user.displayName || t('common.none'),
    },
    {
      key: 'role',
      title: t('users.roles'),
      ...filterableColumn('role', {
        params,
        multiple: false,
        choices: context.roleNames.map((name) => ({ text: name, value: name })),
      }),
      render: (_, user) =>
        user.roles.map((role) => (
          <Tag key={role} color={role === 'admin' ? 'volcano' : 'default'}>
            {role}
          </Tag>
        )),
    },
    {
      key: 'regions',
      title: t('users.regions'),
      render: (_, user) => <RegionScopeTags regions={user.regions} />,
    },
    {
      key: 'status',
      title: t('users.status'),
      ...filterableColumn('status', {
        params,
        multiple: false,
        choices: [
          { text: t('users.enabled'), value: 'enabled' },
          { text: t('users.disabled'), value: 'disabled' },
        ],
      }),
      render: (_, user) =>
        user.disabled ? <Tag>{t('users.disabled')}</Tag> : <Tag color="success">{t('users.enabled')}</Tag>,
    },
    {
      key: 'totp',
      title: t('users.totp'),
      render: (_, user) =>
        user.totpEnabled ? (
          <Tag color="success" data-testid="user-totp-on">
            {t('totp.on')}
          </Tag>
        ) : (
          <Typography.Text type="secondary">{t('totp.off')}</Typography.Text>
        ),
    },
    {
      key: 'lastLoginAt',
      title: t('users.lastLogin'),
      ...sortableColumn('lastLoginAt', { params, fallback: DEFAULT_SORT }),
      render: (_, user) =>
        user.lastLoginAt ? (
          formatDateTime(user.lastLoginAt)
        ) : (
          <Typography.Text type="secondary">{t('users.neverLoggedIn')}</Typography.Text>
        ),
    },
    ...(actions
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_: unknown, user: UserDetail) => <UserActionCell user={user} actions={actions} t={t} />,
          },
        ]
      : []),
  ];
}

/**
 * `/admin/users`: who may sign in, with their roles, region scope and second factor; create, edit, disable, reset
 * a password or a lost second factor.
 */
export function UserListPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { can } = usePermissions();
  const table = useServerTable<UserDetail>({
    list: useListParams(LIST_OPTIONS),
    pageSizes: LIST_OPTIONS.pageSizes,
    columnFilters: ['status', 'role'],
  });
  const { list, params } = table;
  const users = useUserPage(table.query);
  const roles = useRoles();
  const update = useUpdateUser();
  const resetTotp = useResetTotp();
  const [editing, setEditing] = useState<UserDetail | null | undefined>(undefined);
  const [resetting, setResetting] = useState<UserDetail | null>(null);
  const canManage = can('users:manage');

  const onToggle = (user: UserDetail) =>
    update.mutate(
      { id: user.id, input: { disabled: !user.disabled } },
      {
        onSuccess: () =>
          void message.success(user.disabled ? t('users.enabledDone') : t('users.disabledDone')),
        onError: (error) => void message.error(t('users.saveFailed', { message: describeError(error, t) })),
      },
    );
  const onResetTotp = (user: UserDetail) =>
    resetTotp.mutate(user.id, {
      onSuccess: () => void message.success(t('users.resetTotpDone')),
      onError: (error) =>
        void message.error(t('users.resetTotpFailed', { message: describeError(error, t) })),
    });
  const actions = canManage
    ? { onEdit: setEditing, onResetPassword: setResetting, onToggle, onResetTotp }
    : null;

  return (
    <>
      <PageHeader
        title={t('users.title')}
        subTitle={t('users.subtitle')}
        extra={
          canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing(null)}
              data-testid="new-user-button"
            >
              {t('users.new')}
            </Button>
          )
        }
      />
      {users.error && <LoadError error={users.error} onRetry={() => void users.refetch()} />}
      <Card
        size="small"
        className="section-card"
        title={
          <Input.Search
            allowClear
            placeholder={t('users.filter.text')}
            defaultValue={params.filters.text}
            // Remounted when the URL changes elsewhere (back button), so the box shows what is applied.
            key={`text-${params.filters.text ?? ''}`}
            onSearch={(value) => list.setFilters({ text: value.trim() })}
            style={{ width: 240 }}
            data-testid="users-filter-text"
          />
        }
      >
        <Table<UserDetail>
          rowKey="id"
          size="middle"
          columns={userColumns(t, {
            actions,
            params,
            roleNames: roles.data?.map((role) => role.name) ?? [],
          })}
          {...table.tableProps(users)}
          rowClassName={(user) => (user.disabled ? 'row-inactive' : '')}
          locale={{ emptyText: <Empty description={t('users.empty')} /> }}
          scroll={{ x: 'max-content' }}
          data-testid="users-table"
        />
      </Card>
      <UserFormDrawer editing={editing} onClose={() => setEditing(undefined)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
