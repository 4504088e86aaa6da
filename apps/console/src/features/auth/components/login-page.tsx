import Button from 'antd/es/button';
import Input from 'antd/es/input/Input';
import Password from 'antd/es/input/Password';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import type { LoginInput } from '@ganzhi/contracts';
import { LanguageSwitch } from '../../../components/language-switch';
import { isApiError, isUnauthenticated } from '../../../lib/api-error';
import { useI18n, type Translate } from '../../../lib/i18n';
import { describeError, describeIssue } from '../../../lib/server-text';
import { useHasSession, useLogin } from '../api/sign-in-api';
import { readReturnPath } from '../return-path';
import { isOneTimeCode, loginCodeIssue } from '../second-factor';
import { OneTimeCodeInput } from './one-time-code-input';

type Field = 'username' | 'password' | 'totp';
type FieldErrors = Partial<Record<Field, string>>;

/** A labelled field with its error under it, drawn like antd's vertical form items. */
function LoginField(props: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: ReactNode;
}) {
  const { id, label, error, hint, children } = props;
  return (
    <div className="login-field">
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? (
        <div className="login-field-error" role="alert">
          {error}
        </div>
      ) : (
        hint && <div className="login-field-hint">{hint}</div>
      )}
    </div>
  );
}

/** What is missing before sending: both credentials, and six digits once a code is asked for. */
function checkInput(input: LoginInput, options: { isAskingCode: boolean; t: Translate }): FieldErrors {
  const { t } = options;
  return {
    ...(input.username.trim() === '' ? { username: t('login.usernameRequired') } : {}),
    ...(input.password === '' ? { password: t('login.passwordRequired') } : {}),
    ...(options.isAskingCode && !isOneTimeCode(input.totp ?? '') ? { totp: t('login.codeRequired') } : {}),
  };
}

/**
 * The sign-in page, the first thing every user loads, so it is light: plain markup and a native form around antd's
 * Input and Button (antd's Form, Card, Typography and Alert bring tooltips, menus and a validation library). After
 * sign-in the user goes where they were headed, else to the home page (`/`, the overview).
 */
export function LoginPage() {
  const { t } = useI18n();
  const login = useLogin();
  const hasSession = useHasSession();
  const navigate = useNavigate();
  const returnPath = readReturnPath(useLocation().state);
  const [input, setInput] = useState<LoginInput>({ username: '', password: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  // Shown once the server says this user has a second factor; it stays for the next attempts.
  const [isAskingCode, setAskingCode] = useState(false);

  if (hasSession.data === true) return <Navigate to={returnPath} replace />;

  const change = (field: Field, value: string) => {
    setInput((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const sent: LoginInput = isAskingCode ? input : { username: input.username, password: input.password };
    const problems = checkInput(sent, { isAskingCode, t });
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    login.mutate(sent, {
      onSuccess: () => void navigate(returnPath, { replace: true }),
      onError: (error) => {
        const issue = isApiError(error) ? loginCodeIssue(error.details) : null;
        if (!issue) return;
        setAskingCode(true);
        setInput((current) => ({ ...current, totp: '' }));
        // A missing code is no mistake of the user's: the field appears with its hint instead of an error.
        if (sent.totp !== undefined) setErrors({ totp: describeIssue(issue, t) });
      },
    });
  };

  const codeIssue = isApiError(login.error) ? loginCodeIssue(login.error.details) : null;
  let notice: string | null = null;
  if (login.error && !codeIssue) {
    notice = isUnauthenticated(login.error)
      ? t('login.wrongCredentials')
      : t('login.failed', { message: describeError(login.error, t) });
  } else if (codeIssue && login.variables?.totp === undefined) {
    notice = describeIssue(codeIssue, t);
  }

  return (
    <div className="login-screen">
      <div className="login-language">
        <LanguageSwitch tone="dark" />
      </div>
      <main className="login-panel">
        <h1 className="login-brand">{t('app.name')}</h1>
        <p className="login-tagline">{t('app.tagline')}</p>
        {notice && (
          <div
            role="alert"
            className={`login-notice ${codeIssue ? 'login-notice-info' : 'login-notice-error'}`}
            data-testid="login-error"
          >
            {notice}
          </div>
        )}
        <form onSubmit={onSubmit} noValidate data-testid="login-form">
          <LoginField id="login-username" label={t('login.username')} error={errors.username}>
            <Input
              id="login-username"
              size="large"
              autoComplete="username"
              autoFocus
              value={input.username}
              status={errors.username ? 'error' : undefined}
              onChange={(event) => change('username', event.target.value)}
              data-testid="login-username"
            />
          </LoginField>
          <LoginField id="login-password" label={t('login.password')} error={errors.password}>
            <Password
              id="login-password"
              size="large"
              autoComplete="current-password"
              value={input.password}
              status={errors.password ? 'error' : undefined}
              onChange={(event) => change('password', event.target.value)}
              data-testid="login-password"
            />
          </LoginField>
          {isAskingCode && (
            <LoginField
              id="login-code"
              label={t('login.code')}
              error={errors.totp}
              hint={t('login.codeHint')}
            >
              <OneTimeCodeInput
                id="login-code"
                size="large"
                autoFocus
                placeholder="123456"
                value={input.totp ?? ''}
                status={errors.totp ? 'error' : undefined}
                onChange={(code) => change('totp', code)}
                data-testid="login-code"
              />
            </LoginField>
          )}
          <Button
            type="primary"
            size="large"
            htmlType="submit"
            block
            loading={login.isPending}
            data-testid="login-submit"
          >
            {t('login.submit')}
          </Button>
        </form>
      </main>
    </div>
  );
}
