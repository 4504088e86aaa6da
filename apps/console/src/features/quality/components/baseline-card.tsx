import type { BaselineComparison } from '@ganzhi/contracts';
import { Card, Segmented, Space, Tag } from 'antd';
import { useState } from 'react';
import { ChartPanel } from '../../../components/chart-panel';
import { useI18n } from '../../../lib/i18n';
import { useBaselineComparison } from '../api/quality-api';
import { buildBaselineOption } from '../charts/baseline-option';

const METRICS: readonly BaselineComparison['metric'][] = ['p95_ms', 'p50_ms', 'failure_ratio', 'volume'];

/** The service now against its learned band (by hour and kind of day), its SLA and stored baseline versions. */
export function BaselineCard(props: {
  readonly business: string;
  readonly channel: string;
  readonly region: string | undefined;
  readonly from: string;
  readonly to: string;
}) {
  const { t } = useI18n();
  const [metric, setMetric] = useState<BaselineComparison['metric']>('p95_ms');
  const comparison = useBaselineComparison({ ...props, metric });
  const deviation = comparison.data?.deviation;
  return (
    <Card
      size="small"
      className="section-card"
      title={
        <Space>
          {t('baseline.title')}
          {deviation &&
            (deviation.ratio === null ? (
              <Tag>{t('baseline.noBaseline')}</Tag>
            ) : (
              <Tag color={deviation.flagged ? 'red' : 'green'} data-testid="baseline-deviation">
                {deviation.flagged ? t('baseline.deviationFlagged') : t('baseline.deviationOk')} ·{' '}
                {t('baseline.deviation', { ratio: deviation.ratio.toFixed(2), max: deviation.maxRatio })}
              </Tag>
            ))}
        </Space>
      }
      extra={
        <Segmented
          size="small"
          value={metric}
          onChange={setMetric}
          options={METRICS.map((value) => ({ value, label: t(`baseline.metric.${value}`) }))}
        />
      }
    >
      <ChartPanel option={buildBaselineOption(comparison.data, t)} heightPx={300} testId="baseline-chart" />
    </Card>
  );
}
