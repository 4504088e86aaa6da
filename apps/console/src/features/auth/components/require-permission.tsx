import type { Permission } from '@ganzhi/contracts';
import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../../lib/i18n';
import { usePermissions } from '../use-permissions';

/** The page a user sees on a route they may not open. */
export function ForbiddenResult() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <div data-testid="forbidden-page">
      <Result
        status="403"
        title="403"
        subTitle={t('access.forbidden')}
        extra={
          <Button type="primary" onClick={() => void navigate('/')}>
            {t('access.backHome')}
          </Button>
        }
      />
    </div>
  );
}

/** Renders its children only for users holding `permission`; others get the 403 page instead of a failing one. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = usePermissions();
  return can(permission) ? children : <ForbiddenResult />;
}
