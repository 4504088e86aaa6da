import type { Permission } from '@ganzhi/contracts';
import { Tag, Typography } from 'antd';
import { useI18n } from '../../../lib/i18n';
import { groupPermissions, verbOf } from '../permission-groups';

/** Granted permissions grouped by resource, read-only: "检查 查看 编辑 运行". */
export function PermissionSummary({ permissions }: { permissions: readonly Permission[] }) {
  const { t } = useI18n();
  const groups = groupPermissions(permissions);
  if (groups.length === 0) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return (
    <div className="permission-summary">
      {groups.map((group) => (
        <div key={group.resource} className="permission-summary-row">
          <Typography.Text className="permission-summary-resource">
            {t(`perm.resource.${group.resource}`)}
          </Typography.Text>
          {group.permissions.map((permission) => (
            <Tag key={permission} title={permission} color="processing" bordered={false}>
              {t(`perm.verb.${verbOf(permission)}`)}
            </Tag>
          ))}
        </div>
      ))}
    </div>
  );
}
