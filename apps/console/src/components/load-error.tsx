import { Alert, Button } from 'antd';
import { useI18n } from '../lib/i18n';
import { describeError } from '../lib/server-text';

export interface LoadErrorProps {
  readonly error: Error;
  readonly onRetry: () => void;
}

/** A failed query, with what went wrong in the reader's language (by the server's code) and a retry button. */
export function LoadError({ error, onRetry }: LoadErrorProps) {
  const { t } = useI18n();
  return (
    <Alert
      type="error"
      showIcon
      className="load-error"
      message={t('common.loadFailed', { message: describeError(error, t) })}
      action={
        <Button size="small" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}
