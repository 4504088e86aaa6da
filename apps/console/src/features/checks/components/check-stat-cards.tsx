import type { CheckSeries } from '@ganzhi/contracts';
import { Card, Col, Row, Statistic } from 'antd';
import { colorOfSuccessRatio } from '../../../lib/failure-tier';
import { formatLatencyMs, formatRatioAsPercent } from '../../../lib/format-latency';
import { useI18n } from '../../../lib/i18n';

/** Success ratio, runs, p50 and p95 over the selected range; dashes, never NaN, before the first run. */
export function CheckStatCards({ series }: { series: CheckSeries | undefined }) {
  const { t } = useI18n();
  const total = series?.total;
  const count = total?.count ?? 0;
  const successRatio = total && count > 0 ? (count - total.failures) / count : null;
  const cards = [
    {
      key: 'successRatio',
      title: t('detail.stat.successRatio'),
      value: formatRatioAsPercent(successRatio),
      color: colorOfSuccessRatio(successRatio),
    },
    {
      key: 'runs',
      title: t('detail.stat.runs'),
      value: total ? String(count) : '—',
      suffix: total && total.failures > 0 ? t('detail.stat.failures', { count: total.failures }) : undefined,
    },
    { key: 'p50', title: t('detail.stat.p50'), value: formatLatencyMs(total?.p50Ms) },
    { key: 'p95', title: t('detail.stat.p95'), value: formatLatencyMs(total?.p95Ms) },
  ];
  return (
    <Row gutter={[16, 16]} className="section-card">
      {cards.map((card) => (
        <Col xs={12} lg={6} key={card.key}>
          <Card size="small" data-testid={`stat-${card.key}`}>
            <Statistic
              title={card.title}
              value={card.value}
              valueStyle={card.color ? { color: card.color } : undefined}
              suffix={card.suffix && <span className="stat-suffix">{card.suffix}</span>}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
