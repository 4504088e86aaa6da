import type { Role } from '@ganzhi/contracts';
import { Table, Tag, Typography } from 'antd';
import { useI18n } from '../../../lib/i18n';
import { groupPermissions, verbOf, type PermissionGroup } from '../permission-groups';

/** Resources down, roles across; each cell names what the role may do with the resource. */
export function RoleMatrix({ roles, loading }: { roles: readonly Role[]; loading: boolean }) {
  const { t } = useI18n();
  return (
    <Table<PermissionGroup>
      size="small"
      rowKey="resource"
      loading={loading}
      dataSource={groupPermissions()}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="role-matrix"
      columns={[
        {
          key: 'resource',
          title: t('roles.resource'),
          fixed: 'left',
          render: (_, group) => (
            <Typography.Text strong>{t(`perm.resource.${group.resource}`)}</Typography.Text>
          ),
        },
        ...roles.map((role) => ({
          key: role.name,
          title: role.name,
          render: (_: unknown, group: PermissionGroup) => {
            const held = group.permissions.filter((permission) => role.permissions.includes(permission));
            return held.length === 0 ? (
              <Typography.Text type="secondary">·</Typography.Text>
            ) : (
              held.map((permission) => (
                <Tag key={permission} title={permission} color="processing" bordered={false}>
                  {t(`perm.verb.${verbOf(permission)}`)}
                </Tag>
              ))
            );
          },
        })),
      ]}
    />
  );
}
