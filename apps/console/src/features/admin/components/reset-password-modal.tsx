import type { UserDetail } from '@ganzhi/contracts';
import { App, Form, Input, Modal, Typography } from 'antd';
import { isApiError } from '../../../lib/api-error';
import { placeFieldIssues } from '../../../lib/field-errors';
import { describeError } from '../../../lib/server-text';
import { useI18n } from '../../../lib/i18n';
import { useResetPassword } from '../api/user-api';

/** Sets a new password for another user; their sessions end. */
export function ResetPasswordModal({ user, onClose }: { user: UserDetail | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const reset = useResetPassword();

  const onSubmit = async () => {
    if (!user) return;
    const { password } = await form.validateFields();
    reset.mutate(
      { id: user.id, password },
      {
        onSuccess: () => {
          void message.success(t('users.passwordReset', { username: user.username }));
          onClose();
        },
        onError: (error) => {
          if (!isApiError(error)) return;
          const { placed } = placeFieldIssues(error.details, {
            fields: ['password'],
            t,
          });
          if (placed.length > 0) form.setFields(placed);
          else void message.error(describeError(error, t));
        },
      },
    );
  };

  return (
    <Modal
      open={user !== null}
      title={t('users.resetPasswordTitle', { username: user?.username ?? '' })}
      okText={t('users.resetPassword')}
      cancelText={t('common.cancel')}
      onOk={() => void onSubmit()}
      onCancel={onClose}
      confirmLoading={reset.isPending}
      afterClose={() => form.resetFields()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('users.resetPasswordHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item
          name="password"
          label={t('password.new')}
          extra={t('password.policy')}
          rules={[{ required: true, message: t('password.required') }]}
        >
          <Input.Password autoComplete="new-password" data-testid="reset-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
