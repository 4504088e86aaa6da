import type { Indicator, IndicatorCurrentValue } from '@ganzhi/contracts';
import { Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { useI18n } from '../../../lib/i18n';
import { formatIndicatorQuantity } from '../indicator-thresholds';
import { SCORE_BAND_COLORS, bandOfScore, formatScore } from '../score-band';

/**
 * An indicator's current value in its unit beside the band its score falls in; "—" with the reason when there is no
 * value yet, the value without a band when it had too few samples to score.
 */
export function IndicatorCurrentValueCell({
  indicator,
  current,
  loading,
}: {
  readonly indicator: Indicator;
  readonly current: IndicatorCurrentValue | undefined;
  /** Still reading the values: "no data" would be a wrong answer yet. */
  readonly loading: boolean;
}) {
  const { t } = useI18n();
  const testId = `indicator-current-${indicator.id}`;
  if (loading)
    return (
      <span data-testid={testId} data-band="loading">
        <Spin size="small" />
      </span>
    );
  if (current === undefined || current.value === null)
    return (
      <Tooltip title={t('indicators.current.noData')}>
        <Typography.Text type="secondary" data-testid={testId} data-band="none">
          —
        </Typography.Text>
      </Tooltip>
    );
  const value = formatIndicatorQuantity(current.value, indicator.unit, t);
  if (current.score === null)
    return (
      <Tooltip
        title={t('indicators.current.insufficient', {
          samples: current.samples,
          minimum: indicator.minSamples,
        })}
      >
        <Typography.Text type="secondary" data-testid={testId} data-band="insufficient">
          {value}
        </Typography.Text>
      </Tooltip>
    );
  const band = bandOfScore(current.score);
  return (
    <Tooltip
      title={t('indicators.current.detail', {
        score: formatScore(current.score),
        samples: current.samples,
        services: current.services,
      })}
    >
      <Space size={6} data-testid={testId} data-band={band}>
        <Typography.Text>{value}</Typography.Text>
        {band !== 'insufficient' && (
          <Tag color={SCORE_BAND_COLORS[band]} style={{ marginInlineEnd: 0 }}>
            {t(`indicators.band.${band}`)}
          </Tag>
        )}
      </Space>
    </Tooltip>
  );
}
