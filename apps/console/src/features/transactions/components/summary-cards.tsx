import type { TransactionTotals } from '@ganzhi/contracts';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { colorOfSuccessRatio } from '../../../lib/failure-tier';
import { formatLatencyMs, formatRatioAsPercent } from '../../../lib/format-latency';
import { useI18n } from '../../../lib/i18n';

export interface SummaryCardsProps {
  /** Undefined while the first answer is on its way. */
  readonly totals: TransactionTotals | undefined;
  readonly isLoading: boolean;
}

/** Volume, failure ratio (coloured by the 1 % / 10 % tiers), P50 / P95 / P99 and the share answered in < 2 s. */
export function SummaryCards({ totals, isLoading }: SummaryCardsProps) {
  const { t, locale } = useI18n();
  const hasData = totals !== undefined && totals.count > 0;
  const failureRatio = hasData ? totals.failures / totals.count : null;
  const cards = [
    {
      key: 'volume',
      title: t('transactions.volume'),
      value: totals ? totals.count.toLocaleString(locale) : '—',
    },
    {
      key: 'failure',
      title: t('transactions.failureRatio'),
      value: formatRatioAsPercent(failureRatio),
      color: colorOfSuccessRatio(failureRatio === null ? null : 1 - failureRatio),
      note: hasData
        ? t('transactions.failureCount', { count: totals.failures.toLocaleString(locale) })
        : null,
    },
    { key: 'p50', title: 'P50', value: formatLatencyMs(totals?.p50Ms) },
    { key: 'p95', title: 'P95', value: formatLatencyMs(totals?.p95Ms) },
    { key: 'p99', title: 'P99', value: formatLatencyMs(totals?.p99Ms) },
    {
      key: 'fast',
      title: t('transactions.fastShare'),
      value: formatRatioAsPercent(hasData ? totals.tiers.fast / totals.count : null),
    },
  ];
  return (
    <Row gutter={[16, 16]} className="section-card" data-testid="transactions-summary">
      {cards.map((card) => (
        <Col xs={12} md={8} xl={4} key={card.key}>
          <Card size="small" loading={isLoading} style={{ height: '100%' }}>
            <Statistic
              title={card.title}
              value={card.value}
              valueStyle={card.color ? { color: card.color } : undefined}
            />
            {card.note && <Typography.Text type="secondary">{card.note}</Typography.Text>}
            {card.key === 'volume' && (
              <span data-testid="transactions-volume" data-count={totals?.count ?? 0} hidden />
            )}
          </Card>
        </Col>
      ))}
    </Row>
  );
}
