import { Result, Spin, Button } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { isUnauthenticated } from '../../../lib/api-error';
import { useI18n } from '../../../lib/i18n';
import { useSession } from '../api/auth-api';
import { returnState } from '../return-path';
import { describeError } from '../../../lib/server-text';

/** Renders its children only with a session; without one, goes to /login and comes back afterwards. */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  const { t } = useI18n();

  if (session.data) return children;
  if (session.error && isUnauthenticated(session.error)) {
    return <Navigate to="/login" replace state={returnState(`${location.pathname}${location.search}`)} />;
  }
  if (session.error) {
    return (
      <Result
        status="warning"
        title={t('common.loadFailed', { message: describeError(session.error, t) })}
        extra={<Button onClick={() => void session.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  return <Spin size="large" className="page-spinner" />;
}
