import type { Agent } from '@ganzhi/contracts';
import { Card, Col, Row, Statistic } from 'antd';
import { FAILURE_TIER_COLORS } from '../../../lib/failure-tier';
import { useI18n } from '../../../lib/i18n';
import { summarizeAgents } from '../agent-summary';

/** Agents, healthy, stale or down, and runs waiting to upload; dashes until the list has loaded. */
export function AgentSummaryCards({ agents }: { agents: readonly Agent[] | undefined }) {
  const { t } = useI18n();
  const summary = agents ? summarizeAgents(agents) : undefined;
  const cards = [
    {
      key: 'total',
      title: t('agents.stat.total'),
      value: summary?.total,
      suffix:
        summary && summary.revoked > 0 ? t('agents.stat.revoked', { count: summary.revoked }) : undefined,
    },
    {
      key: 'healthy',
      title: t('agents.stat.healthy'),
      value: summary?.healthy,
      color: summary && summary.healthy > 0 ? FAILURE_TIER_COLORS.good : undefined,
    },
    {
      key: 'unhealthy',
      title: t('agents.stat.unhealthy'),
      value: summary?.unhealthy,
      color: summary && summary.unhealthy > 0 ? FAILURE_TIER_COLORS.bad : undefined,
    },
    {
      key: 'backlog',
      title: t('agents.stat.backlog'),
      value: summary?.backlog,
      color: summary && summary.backlog > 0 ? FAILURE_TIER_COLORS.fair : undefined,
    },
  ];
  return (
    <Row gutter={[16, 16]} className="section-card">
      {cards.map((card) => (
        <Col xs={12} lg={6} key={card.key}>
          <Card size="small" data-testid={`agents-stat-${card.key}`}>
            <Statistic
              title={card.title}
              value={card.value ?? '—'}
              valueStyle={card.color ? { color: card.color } : undefined}
              suffix={card.suffix && <span className="stat-note">{card.suffix}</span>}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
