import type { Agent } from '@ganzhi/contracts';
import { describe, expect, it } from 'vitest';
import { isRevocable, summarizeAgents } from './agent-summary';

function agentWith(overrides: Partial<Agent>): Agent {
  return {
    id: 'a1',
    name: 'changsha-1',
    location: 'changsha',
    version: '0.1.0',
    builtin: false,
    hostname: 'probe-cs-01',
    enrolledAt: '2025-03-31T10:00:00.000Z',
    lastSeen: '2025-03-31T12:00:00.000Z',
    backlog: 0,
    oldestUnsent: null,
    clockOffsetMs: 12,
    clockSkewed: false,
    browserAvailable: true,
    checksAssigned: 3,
    unsupported: [],
    revokedAt: null,
    health: 'healthy',
    ...overrides,
  };
}

describe('summarizeAgents', () => {
  it('counts live agents by health and sums their backlog, leaving revoked ones aside', () => {
    const summary = summarizeAgents([
      agentWith({ id: 'a1', health: 'healthy', backlog: 2 }),
      agentWith({ id: 'a2', health: 'stale', backlog: 30 }),
      agentWith({ id: 'a3', health: 'down', backlog: 500 }),
      agentWith({ id: 'a4', health: 'revoked', backlog: 7 }),
    ]);
    expect(summary).toEqual({ total: 3, healthy: 1, unhealthy: 2, revoked: 1, backlog: 532 });
  });

  it('is all zeros without agents', () => {
    expect(summarizeAgents([])).toEqual({ total: 0, healthy: 0, unhealthy: 0, revoked: 0, backlog: 0 });
  });
});

describe('isRevocable', () => {
  it('refuses the built-in agent and agents already revoked', () => {
    expect(isRevocable(agentWith({}))).toBe(true);
    expect(isRevocable(agentWith({ builtin: true }))).toBe(false);
    expect(isRevocable(agentWith({ health: 'revoked', revokedAt: '2025-03-31T12:00:00.000Z' }))).toBe(false);
  });
});
