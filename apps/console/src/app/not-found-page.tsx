import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { usePermissions } from '../features/auth';
import { useI18n } from '../lib/i18n';
import { homePathOf } from './menu-items';

export function NotFoundPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { can } = usePermissions();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('common.notFound')}
      extra={
        <Button
          type="primary"
          onClick={() => void navigate(homePathOf(can) ?? '/')}
          data-testid="not-found-home"
        >
          {t('common.backHome')}
        </Button>
      }
    />
  );
}
