import type { UserDetail } from '@ganzhi/contracts';
import { Alert, App, Form, Input, Select } from 'antd';
import { useEffect } from 'react';
import { FormDrawer } from '../../../components/form-drawer';
import { isApiError } from '../../../lib/api-error';
import { errorWithoutFieldDetails } from '../../../lib/field-errors';
import { useI18n } from '../../../lib/i18n';
import { useCreateUser, useUpdateUser } from '../api/user-api';
import { useRoles } from '../api/role-api';
import {
  placeUserIssues,
  toUserCreate,
  toUserUpdate,
  userFormValuesOf,
  type UserFormValues,
} from '../user-form';
import { RegionScopeSelect } from './region-scope-select';
import { describeError } from '../../../lib/server-text';

export interface UserFormDrawerProps {
  /** The user to edit, `null` for a new one, `undefined` when closed. */
  readonly editing: UserDetail | null | undefined;
  readonly onClose: () => void;
}

/** Creates a user (with a password) or edits one (names, roles, region scope); server problems show on the fields. */
export function UserFormDrawer({ editing, onClose }: UserFormDrawerProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<UserFormValues>();
  const roles = useRoles();
  const create = useCreateUser();
  const update = useUpdateUser();
  const isNew = editing === null;
  const saving = isNew ? create : update;

  const resetCreate = create.reset;
  const resetUpdate = update.reset;
  // Each opening starts without the errors of the previous one; the form itself is remounted (keyed below).
  useEffect(() => {
    if (editing === undefined) return;
    resetCreate();
    resetUpdate();
  }, [editing, resetCreate, resetUpdate]);

  const onError = (error: Error) => {
    if (!isApiError(error) || error.details.length === 0) return;
    const { placed } = placeUserIssues(error.details, t);
    form.setFields(placed);
  };

  const onSubmit = async () => {
    const values = await form.validateFields();
    const onSuccess = () => {
      void message.success(isNew ? t('users.created') : t('users.saved'));
      onClose();
    };
    if (editing === null) create.mutate(toUserCreate(values), { onSuccess, onError });
    else if (editing) update.mutate({ id: editing.id, input: toUserUpdate(values) }, { onSuccess, onError });
  };

  const generalError = errorWithoutFieldDetails(saving.error);

  return (
    <FormDrawer
      open={editing !== undefined}
      onClose={onClose}
      width={520}
      title={isNew ? t('users.new') : t('users.edit', { username: editing?.username ?? '' })}
      onSubmit={() => void onSubmit()}
      submitting={saving.isPending}
      submitLabel={isNew ? t('users.create') : t('common.save')}
      submitTestId="user-submit"
    >
      {generalError && (
        <Alert
          type="error"
          showIcon
          message={t('users.saveFailed', { message: describeError(generalError, t) })}
          className="form-alert"
          data-testid="user-form-error"
        />
      )}
      <Form
        key={editing?.id ?? 'new'}
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={userFormValuesOf(editing ?? null)}
        data-testid="user-form"
      >
        {isNew && (
          <Form.Item
            name="username"
            label={t('users.username')}
            extra={t('users.usernameHint')}
            rules={[{ required: true, message: t('users.usernameRequired') }]}
          >
            <Input autoComplete="off" data-testid="user-username" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t('users.displayName')}>
          <Input data-testid="user-display-name" />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('users.email')}
          rules={[{ type: 'email', message: t('users.emailInvalid') }]}
        >
          <Input type="email" data-testid="user-email" />
        </Form.Item>
        {isNew && (
          <Form.Item
            name="password"
            label={t('users.password')}
            extra={t('password.policy')}
            rules={[{ required: true, message: t('password.required') }]}
          >
            <Input.Password autoComplete="new-password" data-testid="user-password" />
          </Form.Item>
        )}
        <Form.Item
          name="roles"
          label={t('users.roles')}
          rules={[{ required: true, message: t('users.rolesRequired') }]}
        >
          <Select
            mode="multiple"
            loading={roles.isPending}
            options={(roles.data ?? []).map((role) => ({
              value: role.name,
              label: role.name,
              title: role.name,
            }))}
            optionRender={(option) => {
              const role = roles.data?.find((candidate) => candidate.name === option.value);
              return (
                <span>
                  {option.label} <span className="option-hint">{role?.description}</span>
                </span>
              );
            }}
            data-testid="user-roles"
          />
        </Form.Item>
        <Form.Item name="regions" label={t('users.regions')} extra={t('users.regionsHint')}>
          <RegionScopeSelect testId="user-regions" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
