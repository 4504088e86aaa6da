import type { CheckStatus } from '@ganzhi/contracts';
import { Tag } from 'antd';
import type { MessageKey } from '../../../lib/i18n';
import { useI18n } from '../../../lib/i18n';

const STATUS_STYLE: Readonly<Record<CheckStatus, { color: string; label: MessageKey }>> = {
  up: { color: 'success', label: 'status.up' },
  down: { color: 'error', label: 'status.down' },
  pending: { color: 'processing', label: 'status.pending' },
  paused: { color: 'default', label: 'status.paused' },
};

export function CheckStatusTag({ status }: { status: CheckStatus }) {
  const { t } = useI18n();
  const style = STATUS_STYLE[status];
  return (
    <Tag color={style.color} data-testid="check-status" data-status={status}>
      {t(style.label)}
    </Tag>
  );
}
