import type { ErrorClass } from '@ganzhi/contracts';
import { Tag, Tooltip } from 'antd';
import { useI18n } from '../../../lib/i18n';

/**
 * A run's error class in words, with the stable class name on hover (alert rules key on it). An interrupted run is
 * not a failure of the target (its agent shut down during it), so it is not shown in red.
 */
export function ErrorClassTag({ errorClass }: { errorClass: ErrorClass }) {
  const { t } = useI18n();
  return (
    <Tooltip title={errorClass}>
      <Tag color={errorClass === 'interrupted' ? 'default' : 'red'}>{t(`errorClass.${errorClass}`)}</Tag>
    </Tooltip>
  );
}
