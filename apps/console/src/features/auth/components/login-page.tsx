import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import type { LoginInput } from '@ganzhi/contracts';
import { LanguageSwitch } from '../../../components/language-switch';
import { isUnauthenticated } from '../../../lib/api-error';
import { useI18n } from '../../../lib/i18n';
import { useLogin, useSession } from '../api/auth-api';
import { readReturnPath } from '../return-path';

export function LoginPage() {
  const { t } = useI18n();
  const login = useLogin();
  const session = useSession();
  const navigate = useNavigate();
  const returnPath = readReturnPath(useLocation().state);

  if (session.data) return <Navigate to={returnPath} replace />;

  const onFinish = (input: LoginInput) => {
    login.mutate(input, { onSuccess: () => void navigate(returnPath, { replace: true }) });
  };

  let errorText: string | null = null;
  if (login.error) {
    errorText = isUnauthenticated(login.error)
      ? t('login.wrongCredentials')
      : t('login.failed', { message: login.error.message });
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
            type="error"
            showIcon
            message={errorText}
            data-testid="login-error"
            className="login-error"
          />
        )}
        <Form<LoginInput> layout="vertical" onFinish={onFinish} data-testid="login-form" requiredMark={false}>
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
          <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
