import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import type { LoginInput } from '@ganzhi/contracts';
import { LanguageSwitch } from '../../../components/language-switch';
import { isApiError, isUnauthenticated } from '../../../lib/api-error';
import { useI18n } from '../../../lib/i18n';
import { useLogin, useSession } from '../api/auth-api';
import { readReturnPath } from '../return-path';
import { LOGIN_CODE_FIELD, isOneTimeCode, loginCodeIssue, oneTimeCodeIssueMessage } from '../second-factor';
import { OneTimeCodeInput } from './one-time-code-input';

export function LoginPage() {
  const { t } = useI18n();
  const login = useLogin();
  const session = useSession();
  const navigate = useNavigate();
  const returnPath = readReturnPath(useLocation().state);
  const [form] = Form.useForm<LoginInput>();
  // Shown once the server says this user has a second factor; it stays for the next attempts.
  const [isAskingCode, setAskingCode] = useState(false);

  if (session.data) return <Navigate to={returnPath} replace />;

  const onFinish = (input: LoginInput) => {
    login.mutate(input, {
      onSuccess: () => void navigate(returnPath, { replace: true }),
      onError: (error) => {
        const issue = isApiError(error) ? loginCodeIssue(error.details) : null;
        if (!issue) return;
        setAskingCode(true);
        // A missing code is no mistake of the user's: the field appears with its hint instead of an error.
        const errors = input.totp === undefined ? [] : [oneTimeCodeIssueMessage(issue, t)];
        form.setFields([{ name: LOGIN_CODE_FIELD, value: '', errors }]);
      },
    });
  };

  let errorText: string | null = null;
  const codeIssue = isApiError(login.error) ? loginCodeIssue(login.error.details) : null;
  if (login.error && !codeIssue) {
    errorText = isUnauthenticated(login.error)
      ? t('login.wrongCredentials')
      : t('login.failed', { message: login.error.message });
  } else if (codeIssue && login.variables?.totp === undefined) {
    errorText = oneTimeCodeIssueMessage(codeIssue, t);
  }

  return (
    <div className="login-screen">
      <div className="login-language">
        <LanguageSwitch />
      </div>
      <Card className="login-card">
        <Typography.Title level={2} className="login-brand">
          {t('app.name')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('app.tagline')}</Typography.Paragraph>
        {errorText && (
          <Alert
            type={codeIssue ? 'info' : 'error'}
            showIcon
            message={errorText}
            data-testid="login-error"
            className="login-error"
          />
        )}
        <Form<LoginInput>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          data-testid="login-form"
          requiredMark={false}
        >
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, message: t('login.usernameRequired') }]}
          >
            <Input autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          {isAskingCode && (
            <Form.Item
              name={LOGIN_CODE_FIELD}
              label={t('login.code')}
              extra={t('login.codeHint')}
              rules={[
                {
                  validator: (_, value: string | undefined) =>
                    isOneTimeCode(value ?? '')
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('login.codeRequired'))),
                },
              ]}
            >
              <OneTimeCodeInput autoFocus placeholder="123456" data-testid="login-code" />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
