import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { isApiError } from '../../../lib/api-error';
import { errorWithoutFieldDetails, placeFieldIssues } from '../../../lib/field-errors';
import { useI18n } from '../../../lib/i18n';
import { useChangeOwnPassword } from '../api/auth-api';
import { describeError } from '../../../lib/server-text';

interface ChangePasswordValues {
  readonly currentPassword: string;
  readonly newPassword: string;
  readonly confirmPassword: string;
}

const FIELDS = ['currentPassword', 'newPassword'] as const;

/** Changes the signed-in user's password; every session of theirs ends, so they sign in again afterwards. */
export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<ChangePasswordValues>();
  const change = useChangeOwnPassword();

  const onSubmit = async () => {
    const values = await form.validateFields();
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          void message.success(t('password.changed'));
          void navigate('/login', { replace: true });
        },
        onError: (error) => {
          if (!isApiError(error)) return;
          const { placed } = placeFieldIssues(error.details, {
            fields: FIELDS,
            t,
          });
          form.setFields(placed);
        },
      },
    );
  };

  const unplacedError = errorWithoutFieldDetails(change.error);

  return (
    <Modal
      open={open}
      title={t('password.changeTitle')}
      okText={t('password.changeSubmit')}
      cancelText={t('common.cancel')}
      onOk={() => void onSubmit()}
      onCancel={onClose}
      confirmLoading={change.isPending}
      okButtonProps={{ 'data-testid': 'change-password-submit' }}
      afterClose={() => {
        form.resetFields();
        change.reset();
      }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('password.changeHint')}</Typography.Paragraph>
      {unplacedError && (
        <Alert type="error" showIcon message={describeError(unplacedError, t)} className="form-alert" />
      )}
      <Form form={form} layout="vertical" requiredMark={false} data-testid="change-password-form">
        <Form.Item
          name="currentPassword"
          label={t('password.current')}
          rules={[{ required: true, message: t('password.required') }]}
        >
          <Input.Password autoComplete="current-password" data-testid="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          extra={t('password.policy')}
          rules={[{ required: true, message: t('password.required') }]}
        >
          <Input.Password autoComplete="new-password" data-testid="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('password.required') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="confirm-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
