import type { TransactionSeries } from '@ganzhi/contracts';
import { Card, Col, Row } from 'antd';
import { ChartPanel } from '../../../components/chart-panel';
import { useI18n } from '../../../lib/i18n';
import {
  buildFailureOption,
  buildLatencyOption,
  buildTierOption,
  buildVolumeOption,
  type GroupNames,
} from '../charts/transaction-chart-options';

export interface TransactionChartsProps {
  readonly series: TransactionSeries | undefined;
  readonly names: GroupNames;
  readonly isLoading: boolean;
}

/** Volume (stacked per group), failure ratio against the tiers, P95 per group and the response tier shares. */
export function TransactionCharts({ series, names, isLoading }: TransactionChartsProps) {
  const { t } = useI18n();
  const charts = [
    { key: 'volume', title: t('transactions.chart.volume'), option: buildVolumeOption(series, names) },
    { key: 'failure', title: t('transactions.chart.failure'), option: buildFailureOption(series, names, t) },
    { key: 'latency', title: t('transactions.chart.latency'), option: buildLatencyOption(series, names) },
    { key: 'tiers', title: t('transactions.chart.tiers'), option: buildTierOption(series, t) },
  ];
  return (
    <Row gutter={[16, 0]}>
      {charts.map((chart) => (
        <Col xs={24} xl={12} key={chart.key}>
          <Card size="small" className="section-card" title={chart.title} loading={isLoading}>
            <ChartPanel option={chart.option} heightPx={260} testId={`transactions-chart-${chart.key}`} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
