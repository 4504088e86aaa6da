import type { Permission, Role } from '@ganzhi/contracts';
import { Alert, App, Form, Input } from 'antd';
import { useEffect } from 'react';
import { isApiError } from '../../../lib/api-error';
import { FormDrawer } from '../../../components/form-drawer';
import { errorWithoutFieldDetails, placeFieldIssues } from '../../../lib/field-errors';
import { useI18n } from '../../../lib/i18n';
import { useSaveRole } from '../api/role-api';
import { PermissionPicker } from './permission-picker';
import { describeError } from '../../../lib/server-text';

interface RoleFormValues {
  readonly name: string;
  readonly description: string;
  readonly permissions: Permission[];
}

const ROLE_NAME = /^[a-z][a-z0-9_]{1,39}$/;

export interface RoleFormDrawerProps {
  /** The custom role to edit, `null` for a new one, `undefined` when closed. */
  readonly editing: Role | null | undefined;
  readonly onClose: () => void;
}

/** Adds or edits a custom role: a name, what it is for, and its permissions grouped by resource. */
export function RoleFormDrawer({ editing, onClose }: RoleFormDrawerProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<RoleFormValues>();
  const save = useSaveRole();
  const resetSave = save.reset;
  const isNew = editing === null;

  useEffect(() => {
    if (editing !== undefined) resetSave();
  }, [editing, resetSave]);

  const onSubmit = async () => {
    const values = await form.validateFields();
    save.mutate(
      { name: values.name, description: values.description.trim(), permissions: values.permissions },
      {
        onSuccess: () => {
          void message.success(t('roles.saved'));
          onClose();
        },
        onError: (error) => {
          if (!isApiError(error)) return;
          const { placed } = placeFieldIssues(error.details, {
            fields: ['name', 'description', 'permissions'],
            t,
          });
          form.setFields(placed);
        },
      },
    );
  };

  const generalError = errorWithoutFieldDetails(save.error);

  return (
    <FormDrawer
      open={editing !== undefined}
      onClose={onClose}
      width={640}
      title={isNew ? t('roles.new') : t('roles.edit', { name: editing?.name ?? '' })}
      onSubmit={() => void onSubmit()}
      submitting={save.isPending}
      submitLabel={t('common.save')}
      submitTestId="role-submit"
    >
      {generalError && (
        <Alert
          type="error"
          showIcon
          message={t('roles.saveFailed', { message: describeError(generalError, t) })}
          className="form-alert"
        />
      )}
      <Form
        key={editing?.name ?? 'new'}
        form={form}
        layout="vertical"
        initialValues={{
          name: editing?.name ?? '',
          description: editing?.description ?? '',
          permissions: editing?.permissions ?? [],
        }}
        data-testid="role-form"
      >
        <Form.Item
          name="name"
          label={t('roles.name')}
          extra={isNew ? t('roles.nameHint') : undefined}
          rules={[
            { required: true, message: t('roles.nameRequired') },
            { pattern: ROLE_NAME, message: t('roles.nameHint') },
          ]}
        >
          <Input disabled={!isNew} autoComplete="off" data-testid="role-name" />
        </Form.Item>
        <Form.Item name="description" label={t('roles.description')}>
          <Input maxLength={200} data-testid="role-description" />
        </Form.Item>
        <Form.Item
          name="permissions"
          label={t('roles.permissions')}
          rules={[{ required: true, type: 'array', min: 1, message: t('roles.permissionsRequired') }]}
        >
          <PermissionPicker testId="role-permissions" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
