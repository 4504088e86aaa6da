import type { Permission } from '@ganzhi/contracts';
import { Checkbox, Empty, Flex, Typography } from 'antd';
import { useI18n } from '../../../lib/i18n';
import { groupPermissions, orderedPermissions, verbOf } from '../permission-groups';

export interface PermissionPickerProps {
  readonly value?: Permission[];
  readonly onChange?: (value: Permission[]) => void;
  /** The permissions that may be chosen (a token's creator's own); all by default. */
  readonly within?: readonly Permission[];
  readonly testId: string;
}

/** Permissions as checkboxes grouped by resource: one row per resource, a box per verb, and a box for the row. */
export function PermissionPicker({ value = [], onChange, within, testId }: PermissionPickerProps) {
  const { t } = useI18n();
  const groups = groupPermissions(within);
  const chosen = new Set(value);
  const set = (permissions: readonly Permission[], isOn: boolean) => {
    const next = new Set(chosen);
    for (const permission of permissions) {
      if (isOn) next.add(permission);
      else next.delete(permission);
    }
    onChange?.(orderedPermissions([...next]));
  };

  if (groups.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <div className="permission-picker" data-testid={testId}>
      {groups.map((group) => {
        const count = group.permissions.filter((permission) => chosen.has(permission)).length;
        return (
          <Flex key={group.resource} className="permission-row" align="center" gap={12} wrap>
            <Checkbox
              className="permission-resource"
              checked={count === group.permissions.length}
              indeterminate={count > 0 && count < group.permissions.length}
              onChange={(event) => set(group.permissions, event.target.checked)}
            >
              <Typography.Text strong>{t(`perm.resource.${group.resource}`)}</Typography.Text>
            </Checkbox>
            {group.permissions.map((permission) => (
              <Checkbox
                key={permission}
                checked={chosen.has(permission)}
                onChange={(event) => set([permission], event.target.checked)}
                title={permission}
                data-testid={`permission-${permission}`}
              >
                {t(`perm.verb.${verbOf(permission)}`)}
              </Checkbox>
            ))}
          </Flex>
        );
      })}
    </div>
  );
}
