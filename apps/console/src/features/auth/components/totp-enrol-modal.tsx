import { Alert, App, Form, Modal, QRCode, Spin, Typography } from 'antd';
import { useEffect } from 'react';
import { isApiError } from '../../../lib/api-error';
import { placeFieldIssues } from '../../../lib/field-errors';
import { useI18n } from '../../../lib/i18n';
import { useSession } from '../api/auth-api';
import { useEnableTotp, useTotpSetup } from '../api/totp-api';
import { groupSecret, isOneTimeCode } from '../second-factor';
import { OneTimeCodeInput } from './one-time-code-input';
import { describeError } from '../../../lib/server-text';

interface EnrolValues {
  readonly code: string;
}

/**
 * Enrols the signed-in user's second factor: a new key from the server as a QR code and as text, then a current
 * code from the app to prove it works. Nothing changes on the server until that code is accepted.
 */
export function TotpEnrolModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<EnrolValues>();
  const session = useSession();
  const setup = useTotpSetup();
  const enable = useEnableTotp();
  const key = setup.data;
  const { mutate: startSetup, isIdle: isSetupIdle } = setup;

  useEffect(() => {
    if (open && isSetupIdle) startSetup();
  }, [open, isSetupIdle, startSetup]);

  const onSubmit = async () => {
    if (!key) return;
    const { code } = await form.validateFields();
    enable.mutate(
      { secret: key.secret, code },
      {
        onSuccess: () => {
          void message.success(t('totp.enabled'));
          onClose();
        },
        onError: (error) => {
          if (!isApiError(error)) return;
          const { placed } = placeFieldIssues(error.details, {
            fields: ['code'],
            t,
          });
          form.setFields(placed);
        },
      },
    );
  };

  // A wrong code shows under its field; anything else (network, expired session) above the form.
  const isPlacedOnField = isApiError(enable.error) && enable.error.details.length > 0;
  const enableFailure = isPlacedOnField ? null : enable.error;

  return (
    <Modal
      open={open}
      title={t('totp.title')}
      okText={t('totp.enable')}
      cancelText={t('common.cancel')}
      onOk={() => void onSubmit()}
      onCancel={onClose}
      confirmLoading={enable.isPending}
      okButtonProps={{ disabled: !key, 'data-testid': 'totp-enable-submit' }}
      afterClose={() => {
        form.resetFields();
        setup.reset();
        enable.reset();
      }}
      maskClosable={false}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('totp.intro')}</Typography.Paragraph>
      {session.data?.totpEnabled && (
        <Alert type="info" showIcon message={t('totp.replaceHint')} className="form-alert" />
      )}
      {setup.error && (
        <Alert
          type="error"
          showIcon
          message={t('totp.setupFailed', { message: describeError(setup.error, t) })}
          className="form-alert"
        />
      )}
      {enableFailure && (
        <Alert type="error" showIcon message={describeError(enableFailure, t)} className="form-alert" />
      )}
      {setup.isPending && <Spin className="totp-spinner" />}
      {key && (
        <div data-testid="totp-enrol">
          <Typography.Paragraph>{t('totp.scan')}</Typography.Paragraph>
          <div className="totp-key">
            <QRCode value={key.uri} size={168} bordered={false} data-testid="totp-qr" />
            <div>
              <Typography.Text type="secondary">{t('totp.secret')}</Typography.Text>
              <Typography.Paragraph
                className="totp-secret"
                copyable={{ text: key.secret, tooltips: [t('totp.copy'), t('totp.copied')] }}
                data-testid="totp-secret"
              >
                <code>{groupSecret(key.secret)}</code>
              </Typography.Paragraph>
            </div>
          </div>
          <Form form={form} layout="vertical" requiredMark={false} onFinish={() => void onSubmit()}>
            <Form.Item
              name="code"
              label={t('totp.enterCode')}
              rules={[
                {
                  validator: (_, value: string | undefined) =>
                    isOneTimeCode(value ?? '')
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('login.codeRequired'))),
                },
              ]}
            >
              <OneTimeCodeInput autoFocus placeholder="123456" data-testid="totp-code" />
            </Form.Item>
          </Form>
        </div>
      )}
    </Modal>
  );
}
