import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AgentGapPage } from '@ganzhi/contracts';
import { FakeClock } from '@ganzhi/testing';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';

const T0 = Date.UTC(2026, 11, 3, 1, 0);
const MINUTE = 60_000;

/** agent, gap id, minutes after T0 it starts, dropped runs, reason. Two gaps share an id on different agents. */
type Fixture = [string, string, number, number, 'buffer_full' | 'too_old'];
const GAPS: Fixture[] = [
  ['agent-cs', 'g1', 10, 30, 'buffer_full'],
  ['agent-cs', 'g2', 40, 5, 'too_old'],
  ['agent-zz', 'g1', 40, 12, 'buffer_full'],
  ['agent-zz', 'g2', 70, 60, 'too_old'],
  ['agent-cs', 'g3', 90, 1, 'buffer_full'],
];
const LOCATION: Record<string, string> = { 'agent-cs': 'changsha', 'agent-zz': 'zhuzhou' };

describeEachDialect('agent gaps list', (dialect) => {
  let harness: TestApp;

  const list = async (query: string): Promise<AgentGapPage> => {
    const response = await harness.app.inject({
      url: `/api/v1/agents/gaps?${query}`,
      headers: harness.sessionHeaders,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<AgentGapPage>();
  };
  const keys = async (query: string) => (await list(query)).items.map((gap) => `${gap.agentId}/${gap.id}`);

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock: new FakeClock(T0 + 120 * MINUTE) });
    const { db } = harness.database;
    for (const [id, location] of Object.entries(LOCATION))
      await db
        .insertInto('agents')
        .values({
          id,
          name: `${location}-1`,
          location,
          version: '1.0.0',
          builtin: 0,
          backlog: 0,
          last_seen_at: T0,
          created_at: T0,
          hostname: null,
          credential_hash: `hash-${id}`,
          revoked_at: null,
          oldest_unsent_at: null,
          clock_offset_ms: null,
          browser_available: null,
          supported_kinds_json: '["http"]',
          unsupported_json: '[]',
          health_state: 'healthy',
        })
        .execute();
    for (const [agentId, id, start, dropped, reason] of GAPS)
      await db
        .insertInto('agent_gaps')
        .values({
          agent_id: agentId,
          id,
          location: LOCATION[agentId] ?? '',
          from_at: T0 + start * MINUTE,
          to_at: T0 + (start + 10) * MINUTE,
          dropped_runs: dropped,
          reason,
          by_check_json: '{}',
          received_at: T0 + 100 * MINUTE,
        })
        .execute();
  });
  afterAll(() => harness.close());

  it('pages newest first with the total, gaps of the same time in a stable order, each once', async () => {
    const everyone = ['agent-cs/g3', 'agent-zz/g2', 'agent-zz/g1', 'agent-cs/g2', 'agent-cs/g1'];
    expect(await keys('')).toEqual(everyone);
    const first = await list('limit=2');
    expect(first.total).toBe(5);
    expect(first.items[0]).toMatchObject({ agentName: 'changsha-1', location: 'changsha', droppedRuns: 1 });
    const second = await list(`limit=2&cursor=${first.nextCursor ?? ''}`);
    const third = await list(`limit=2&cursor=${second.nextCursor ?? ''}`);
    expect(third.nextCursor).toBeNull();
    expect(
      [...first.items, ...second.items, ...third.items].map((gap) => `${gap.agentId}/${gap.id}`),
    ).toEqual(everyone);
  });

  it('filters by agent, location and reason, and sorts by dropped runs', async () => {
    expect(await keys('agentId=agent-zz')).toEqual(['agent-zz/g2', 'agent-zz/g1']);
    const changsha = await list('location=changsha&reason=buffer_full');
    expect(changsha.items.map((gap) => gap.id)).toEqual(['g3', 'g1']);
    expect(changsha.total).toBe(2);
    expect(await keys('sort=droppedRuns:desc')).toEqual([
      'agent-zz/g2',
      'agent-cs/g1',
      'agent-zz/g1',
      'agent-cs/g2',
      'agent-cs/g3',
    ]);
  });
});
