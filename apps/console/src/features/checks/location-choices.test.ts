import type { Agent, Location } from '@ganzhi/contracts';
import { describe, expect, it } from 'vitest';
import { locationChoicesOf, locationsWithoutBrowser } from './location-choices';

function location(code: string, agents: number, healthyAgents: number): Location {
  return {
    code,
    name: code === 'changsha' ? '长沙营业厅' : code,
    regionCode: null,
    site: null,
    agents,
    healthyAgents,
    checks: 0,
    lastHour: { runs: 0, failures: 0, p95Ms: null },
  };
}

function agent(id: string, patch: Pick<Agent, 'location' | 'browserAvailable'> & Partial<Agent>): Agent {
  return {
    id,
    name: id,
    version: '0.1.0',
    builtin: false,
    hostname: null,
    enrolledAt: '2025-01-01T00:00:00.000Z',
    lastSeen: null,
    backlog: 0,
    oldestUnsent: null,
    clockOffsetMs: null,
    clockSkewed: false,
    checksAssigned: 0,
    unsupported: [],
    revokedAt: null,
    health: 'healthy',
    ...patch,
  };
}

const locations = [location('local', 1, 1), location('changsha', 2, 0), location('yueyang', 0, 0)];
const agents = [
  agent('builtin', { location: 'local', browserAvailable: true }),
  agent('cs-1', { location: 'changsha', browserAvailable: false }),
  agent('cs-2', { location: 'changsha', browserAvailable: false }),
  agent('cs-old', { location: 'changsha', browserAvailable: true, revokedAt: '2025-01-02T00:00:00.000Z' }),
];

describe('locationChoicesOf', () => {
  it('says whether each location has agents online, offline or none, and whether they have a browser', () => {
    const choices = locationChoicesOf(locations, agents, []);
    expect(choices.map(({ code, name, presence, browser }) => ({ code, name, presence, browser }))).toEqual([
      { code: 'local', name: 'local', presence: 'online', browser: 'yes' },
      // The revoked agent with Chromium no longer counts.
      { code: 'changsha', name: '长沙营业厅', presence: 'offline', browser: 'no' },
      { code: 'yueyang', name: 'yueyang', presence: 'none', browser: 'unknown' },
    ]);
  });

  it('keeps chosen codes the API does not list, once each, after the listed ones', () => {
    const choices = locationChoicesOf(locations, agents, ['xiangtan', 'local', 'xiangtan']);
    expect(choices.map((choice) => choice.code)).toEqual(['local', 'changsha', 'yueyang', 'xiangtan']);
    expect(choices[3]).toMatchObject({ presence: 'none', browser: 'unknown', name: 'xiangtan' });
  });

  it('counts one agent with Chromium as enough for the location', () => {
    const mixed = [...agents, agent('cs-3', { location: 'changsha', browserAvailable: true })];
    expect(locationChoicesOf(locations, mixed, [])[1]?.browser).toBe('yes');
  });
});

describe('locationsWithoutBrowser', () => {
  const choices = locationChoicesOf(locations, agents, []);

  it('names the chosen locations that cannot run the check’s browser step', () => {
    const chosen = ['local', 'changsha', 'yueyang'];
    expect(
      locationsWithoutBrowser(choices, { chosen, hasBrowserStep: true }).map((choice) => choice.code),
    ).toEqual(['changsha']);
  });

  it('names none when the check has no browser step', () => {
    expect(locationsWithoutBrowser(choices, { chosen: ['changsha'], hasBrowserStep: false })).toEqual([]);
  });
});
