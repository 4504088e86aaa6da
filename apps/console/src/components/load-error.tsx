import { Alert, Button } from 'antd';
import { useI18n } from '../lib/i18n';

export interface LoadErrorProps {
  readonly error: Error;
  readonly onRetry: () => void;
}

/** A failed query, with the server's message and a retry button. */
export function LoadError({ error, onRetry }: LoadErrorProps) {
  const { t } = useI18n();
  return (
    <Alert
      type="error"
      showIcon
      className="load-error"
      message={t('common.loadFailed', { message: error.message })}
      action={
        <Button size="small" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}
