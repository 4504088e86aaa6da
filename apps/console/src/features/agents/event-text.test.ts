import type { Agent, PlatformEvent } from '@ganzhi/contracts';
import { describe, expect, it } from 'vitest';
import { translate, type MessageKey, type MessageParams } from '../../lib/i18n';
import { platformEventText, type EventTextContext } from './event-text';

const event = (kind: PlatformEvent['kind'], params: PlatformEvent['params']): PlatformEvent => ({
  id: 'e1',
  at: '2026-12-03T06:07:57.000Z',
  kind,
  severity: 'info',
  subject: 'agent:a1',
  message: `english text of ${kind}`,
  params,
});

function context(locale: 'zh-CN' | 'en', agents: readonly Agent[] = []): EventTextContext {
  return {
    t: (key: MessageKey, params?: MessageParams) => translate(locale, key, params),
    agents,
    locationName: (code) => (code === 'changsha' ? (locale === 'zh-CN' ? '长沙' : 'Changsha') : code),
  };
}

describe('platformEventText', () => {
  it('says an event in the reader’s language from its kind and params, locations by name', () => {
    const recovered = event('agent_recovered', { agent: 'demo-changsha', location: 'changsha' });
    expect(platformEventText(recovered, context('zh-CN'))).toBe('代理“demo-changsha”（长沙）已恢复');
    expect(platformEventText(recovered, context('en'))).toBe('Agent "demo-changsha" at Changsha is back');
  });

  it('tells a dropped backlog with its count, reason and period', () => {
    const gap = event('agent_gap', {
      agent: 'demo-yueyang',
      location: 'yueyang',
      droppedRuns: 12,
      reason: 'buffer_full',
      fromTime: '2026-12-03T05:00:00.000Z',
      toTime: '2026-12-03T05:10:00.000Z',
    });
    expect(platformEventText(gap, context('zh-CN'))).toMatch(
      /^代理“demo-yueyang”（yueyang）丢弃了 12 次运行（缓冲区已满），时段 2026-12-03 \d\d:00:00 至 2026-12-03 \d\d:10:00$/,
    );
  });

  it('names the agent of an event stored without params from the agents list, else keeps the English', () => {
    const old = event('agent_down', {});
    expect(platformEventText(old, context('zh-CN'))).toBe('english text of agent_down');
    const agent = { id: 'a1', name: 'demo-changsha', location: 'changsha' } as Agent;
    expect(platformEventText(old, context('zh-CN', [agent]))).toBe('代理“demo-changsha”（长沙）离线');
  });
});
