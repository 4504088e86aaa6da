import { Tag, Tooltip } from 'antd';
import { formatOffsetMs } from '../../../lib/format-latency';
import { useI18n } from '../../../lib/i18n';

/** Says a run's start time was shifted because its agent's clock was off; nothing for runs that were not. */
export function ClockCorrectionTag({ correctionMs }: { correctionMs: number | null | undefined }) {
  const { t } = useI18n();
  if (correctionMs === null || correctionMs === undefined) return null;
  const offset = formatOffsetMs(correctionMs);
  return (
    <Tooltip title={t('runs.clockCorrectedHint', { offset })}>
      <Tag color="warning" className="clock-correction-tag" data-testid="run-clock-corrected">
        {t('runs.clockCorrected', { offset })}
      </Tag>
    </Tooltip>
  );
}
