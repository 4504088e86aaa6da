import type { Role } from '@ganzhi/contracts';
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { LoadError } from '../../../components/load-error';
import { PageHeader } from '../../../components/page-header';
import { useI18n } from '../../../lib/i18n';
import { filterableColumn } from '../../../lib/list-columns';
import type { ListParamOptions } from '../../../lib/list-params';
import { useListParams } from '../../../lib/use-list-params';
import { useServerTable } from '../../../lib/use-server-table';
import { usePermissions } from '../../auth';
import { useDeleteRole, useRolePage, useRoles } from '../api/role-api';
import { PermissionSummary } from './permission-summary';
import { RoleFormDrawer } from './role-form-drawer';
import { RoleMatrix } from './role-matrix';
import { describeError } from '../../../lib/server-text';

/** The roles list's URL parameters. */
const LIST_OPTIONS: ListParamOptions = {
  filterNames: ['builtin'],
  defaultPageSize: 20,
  pageSizes: [20, 50, 100],
};

/** `/admin/roles`: built-in and custom roles, what each may do, and the custom ones to add, edit and delete. */
export function RoleListPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { can } = usePermissions();
  // Every role for the permission matrix; the table shows the server's page.
  const roles = useRoles();
  const table = useServerTable<Role>({
    list: useListParams(LIST_OPTIONS),
    pageSizes: LIST_OPTIONS.pageSizes,
    columnFilters: ['builtin'],
  });
  const { params } = table;
  const page = useRolePage(table.query);
  const remove = useDeleteRole();
  const [editing, setEditing] = useState<Role | null | undefined>(undefined);
  const canManage = can('roles:manage');

  const onDelete = (role: Role) =>
    remove.mutate(role.name, {
      onSuccess: () => void message.success(t('roles.deleted', { name: role.name })),
      onError: (error) => void message.error(t('roles.deleteFailed', { message: describeError(error, t) })),
    });

  return (
    <>
      <PageHeader
        title={t('roles.title')}
        subTitle={t('roles.subtitle')}
        extra={
          canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing(null)}
              data-testid="new-role-button"
            >
              {t('roles.new')}
            </Button>
          )
        }
      />
      {roles.error && <LoadError error={roles.error} onRetry={() => void roles.refetch()} />}
      {page.error && <LoadError error={page.error} onRetry={() => void page.refetch()} />}
      <Card size="small" className="section-card">
        <Table<Role>
          rowKey="name"
          size="middle"
          {...table.tableProps(page)}
          expandable={{ expandedRowRender: (role) => <PermissionSummary permissions={role.permissions} /> }}
          locale={{ emptyText: <Empty description={t('roles.empty')} /> }}
          data-testid="roles-table"
          columns={[
            {
              // Keyed by its filter: built-in or custom (the table keeps the server's order).
              key: 'builtin',
              title: t('roles.name'),
              ...filterableColumn('builtin', {
                params,
                multiple: false,
                choices: [
                  { text: t('roles.builtin'), value: 'true' },
                  { text: t('roles.custom'), value: 'false' },
                ],
              }),
              render: (_, role) => (
                <Space>
                  <Typography.Text strong>{role.name}</Typography.Text>
                  {role.builtin ? (
                    <Tag>{t('roles.builtin')}</Tag>
                  ) : (
                    <Tag color="purple">{t('roles.custom')}</Tag>
                  )}
                </Space>
              ),
            },
            {
              key: 'description',
              title: t('roles.description'),
              render: (_, role) => role.description || t('common.none'),
            },
            {
              key: 'count',
              title: t('roles.permissionCount'),
              render: (_, role) => t('roles.permissionCountValue', { count: role.permissions.length }),
            },
            {
              key: 'actions',
              title: t('common.actions'),
              render: (_, role) =>
                role.builtin || !canManage ? (
                  <Typography.Text type="secondary">
                    {role.builtin ? t('roles.builtinHint') : ''}
                  </Typography.Text>
                ) : (
                  <Space size={0}>
                    <Button type="link" size="small" onClick={() => setEditing(role)}>
                      {t('common.edit')}
                    </Button>
                    <Popconfirm
                      title={t('roles.deleteConfirm', { name: role.name })}
                      description={t('roles.deleteHint')}
                      okText={t('common.delete')}
                      okButtonProps={{ danger: true }}
                      cancelText={t('common.cancel')}
                      onConfirm={() => onDelete(role)}
                    >
                      <Button type="link" size="small" danger>
                        {t('common.delete')}
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <Card size="small" className="section-card" title={t('roles.matrix')}>
        <RoleMatrix roles={roles.data ?? []} loading={roles.isPending} />
      </Card>
      <RoleFormDrawer editing={editing} onClose={() => setEditing(undefined)} />
    </>
  );
}
