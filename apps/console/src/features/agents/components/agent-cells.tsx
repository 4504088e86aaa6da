import type { Agent } from '@ganzhi/contracts';
import { Popover, Space, Tag, Tooltip, Typography } from 'antd';
import { formatOffsetMs } from '../../../lib/format-latency';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { formatDateTime, formatRelativeTime } from '../../../lib/relative-time';

const HEALTH_STYLE: Readonly<Record<Agent['health'], { color: string; label: MessageKey }>> = {
  healthy: { color: 'success', label: 'health.healthy' },
  stale: { color: 'warning', label: 'health.stale' },
  down: { color: 'error', label: 'health.down' },
  revoked: { color: 'default', label: 'health.revoked' },
};

function Dash() {
  return <Typography.Text type="secondary">—</Typography.Text>;
}

export function HealthTag({ health }: { health: Agent['health'] }) {
  const { t } = useI18n();
  return (
    <Tag color={HEALTH_STYLE[health].color} data-testid="agent-health" data-health={health}>
      {t(HEALTH_STYLE[health].label)}
    </Tag>
  );
}

/** "3 minutes ago", with the exact time on hover. */
export function RelativeTime({ iso, nowMs }: { iso: string | null; nowMs: number }) {
  const { t } = useI18n();
  if (iso === null) return <Typography.Text type="secondary">{t('agents.never')}</Typography.Text>;
  return (
    <Tooltip title={formatDateTime(iso)}>
      <span>{formatRelativeTime(iso, nowMs)}</span>
    </Tooltip>
  );
}

export function NameCell({ agent }: { agent: Agent }) {
  return (
    <div>
      <div className="nowrap">{agent.name}</div>
      {agent.hostname && (
        <Typography.Text type="secondary" className="cell-secondary">
          {agent.hostname}
        </Typography.Text>
      )}
    </div>
  );
}

/** A location by its name for the reader, with the code agents and checks use under it when they differ. */
export function LocationCell({ code, name }: { code: string; name: string }) {
  return (
    <div className="nowrap">
      <div>{name}</div>
      {name !== code && (
        <Typography.Text type="secondary" className="cell-secondary">
          {code}
        </Typography.Text>
      )}
    </div>
  );
}

/** Buffered runs and how old the oldest is: a large, old backlog means the agent cannot reach the server. */
export function BacklogCell({ agent, nowMs }: { agent: Agent; nowMs: number }) {
  const { t } = useI18n();
  if (agent.backlog === 0) return <span>0</span>;
  return (
    <div>
      <div>{agent.backlog}</div>
      {agent.oldestUnsent && (
        <Tooltip title={formatDateTime(agent.oldestUnsent)}>
          <Typography.Text type="secondary" className="cell-secondary">
            {t('agents.oldestUnsent', { age: formatRelativeTime(agent.oldestUnsent, nowMs) })}
          </Typography.Text>
        </Tooltip>
      )}
    </div>
  );
}

export function ClockCell({ agent }: { agent: Agent }) {
  const { t } = useI18n();
  if (agent.clockOffsetMs === null) return <Dash />;
  return (
    <Space size={4}>
      <Tooltip title={t('agents.clockOffsetHint')}>
        <span>{formatOffsetMs(agent.clockOffsetMs)}</span>
      </Tooltip>
      {agent.clockSkewed && (
        <Tooltip title={t('agents.clockSkewedHint')}>
          <Tag color="warning" data-testid="agent-clock-skewed">
            {t('agents.clockSkewed')}
          </Tag>
        </Tooltip>
      )}
    </Space>
  );
}

export function BrowserCell({ available }: { available: boolean | null }) {
  const { t } = useI18n();
  if (available === null) return <Dash />;
  return available ? (
    <Tag color="success">{t('agents.browser.yes')}</Tag>
  ) : (
    <Tag>{t('agents.browser.no')}</Tag>
  );
}

/** How many assigned checks the agent cannot run; the popover names each check and why. */
export function UnsupportedCell({ agent }: { agent: Agent }) {
  const { t } = useI18n();
  if (agent.unsupported.length === 0) return <span>0</span>;
  const content = (
    <ul className="unsupported-list" data-testid="agent-unsupported-list">
      {agent.unsupported.map((item) => (
        <li key={item.checkId}>
          <Typography.Text strong>{item.checkName ?? item.checkId}</Typography.Text>
          <div>
            <Typography.Text type="secondary">{item.reason}</Typography.Text>
          </div>
        </li>
      ))}
    </ul>
  );
  return (
    <Popover title={t('agents.unsupportedTitle')} content={content} trigger={['hover', 'click']}>
      <Tag color="warning" className="clickable-tag" data-testid="agent-unsupported">
        {agent.unsupported.length}
      </Tag>
    </Popover>
  );
}
