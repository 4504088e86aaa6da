import type { CheckSeries, Run } from '@ganzhi/contracts';
import { Card, Col, Row } from 'antd';
import { useMemo } from 'react';
import { ChartPanel } from '../../../components/chart-panel';
import { useI18n } from '../../../lib/i18n';
import { buildLatencyChartOption } from '../charts/latency-chart-option';
import { buildPhaseChartOption } from '../charts/phase-chart-option';
import { buildTierChartOption } from '../charts/tier-chart-option';

export interface CheckChartsProps {
  readonly series: CheckSeries | undefined;
  readonly runs: readonly Run[] | undefined;
}

/** Latency over time, the response-tier split and the phases of recent runs. */
export function CheckCharts({ series, runs }: CheckChartsProps) {
  const { t } = useI18n();
  // Options are rebuilt only when data or language change, so a refetch with equal data does not redraw.
  const latency = useMemo(() => buildLatencyChartOption(series, t), [series, t]);
  const tiers = useMemo(() => buildTierChartOption(series, t), [series, t]);
  const phases = useMemo(() => buildPhaseChartOption(runs, t), [runs, t]);
  return (
    <>
      <Row gutter={[16, 16]} className="section-card">
        <Col xs={24} xl={16}>
          <Card title={t('detail.chart.latency')} size="small">
            <ChartPanel option={latency} heightPx={300} testId="latency-chart" />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('detail.chart.tiers')} size="small">
            <ChartPanel option={tiers} heightPx={300} testId="tier-chart" />
          </Card>
        </Col>
      </Row>
      <Card title={t('detail.chart.phases')} size="small" className="section-card">
        <ChartPanel
          option={phases}
          heightPx={Math.max(200, 40 + 24 * Math.min(runs?.length ?? 0, 15))}
          testId="phase-chart"
        />
      </Card>
    </>
  );
}
