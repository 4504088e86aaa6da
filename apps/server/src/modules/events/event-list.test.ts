import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ErrorEnvelope, PlatformEventPage } from '@ganzhi/contracts';
import { FakeClock } from '@ganzhi/testing';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';

const STARTED = Date.UTC(2026, 11, 3, 2, 0);
const MINUTE = 60_000;

describeEachDialect('platform events list', (dialect) => {
  const clock = new FakeClock(STARTED);
  let harness: TestApp;

  const list = async (query: string): Promise<PlatformEventPage> => {
    const response = await harness.app.inject({
      url: `/api/v1/events?${query}`,
      headers: harness.sessionHeaders,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<PlatformEventPage>();
  };
  /** Each event's agent and kind, as `a1 down`. */
  const seen = async (query: string) =>
    (await list(query)).items.map(
      (event) => `${event.subject.slice('agent:'.length)} ${event.kind.slice(6)}`,
    );
  const raise = async (agent: string, kind: 'agent_down' | 'agent_recovered' | 'agent_enrolled') => {
    await harness.services.events.raise({
      kind,
      severity: kind === 'agent_down' ? 'critical' : 'info',
      subject: `agent:${agent}`,
      params: { agent, location: 'x' },
    });
    await clock.advance(MINUTE);
  };
  const addAgent = (id: string, location: string) =>
    harness.database.db
      .insertInto('agents')
      .values({
        id,
        name: id,
        location,
        version: '1.0.0',
        builtin: 0,
        backlog: 0,
        last_seen_at: null,
        created_at: STARTED,
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

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock });
    await addAgent('a1', 'changsha');
    await addAgent('a2', 'zhuzhou');
    await addAgent('a3', 'changsha');
    // Minutes 0 … 4 after the start.
    await raise('a1', 'agent_enrolled');
    await raise('a2', 'agent_enrolled');
    await raise('a1', 'agent_down');
    await raise('a3', 'agent_down');
    await raise('a1', 'agent_recovered');
  });
  afterAll(() => harness.close());

  it('pages newest first with the total, and a cursor that ignores events raised meanwhile', async () => {
    const first = await list('limit=2');
    expect(first.items.map((event) => event.kind)).toEqual(['agent_recovered', 'agent_down']);
    expect(first.total).toBe(5);
    expect(first.items[0]).toMatchObject({ subject: 'agent:a1', params: { agent: 'a1' } });
    await raise('a2', 'agent_down');
    const second = await list(`limit=2&cursor=${first.nextCursor ?? ''}`);
    expect(second.items.map((event) => event.subject)).toEqual(['agent:a1', 'agent:a2']);
    expect(second.total).toBe(6);
    const last = await list(`limit=2&cursor=${second.nextCursor ?? ''}`);
    expect(last.items.map((event) => event.subject)).toEqual(['agent:a1']);
    expect(last.nextCursor).toBeNull();
    await harness.database.db
      .deleteFrom('platform_events')
      .where('at', '>=', STARTED + 5 * MINUTE)
      .execute();
  });

  it('lists oldest first on request, and by offset', async () => {
    expect(await seen('sort=at:asc&limit=3')).toEqual(['a1 enrolled', 'a2 enrolled', 'a1 down']);
    expect(await seen('sort=at:asc&limit=2&offset=3')).toEqual(['a3 down', 'a1 recovered']);
    const first = await list('sort=at:asc&limit=2');
    expect(await seen(`sort=at:asc&limit=2&cursor=${first.nextCursor ?? ''}`)).toEqual([
      'a1 down',
      'a3 down',
    ]);
  });

  it('filters by kind, agent, location and time, with the total of the filter', async () => {
    const downs = await list('kind=agent_down');
    expect(downs.items.map((event) => event.subject)).toEqual(['agent:a3', 'agent:a1']);
    expect(downs.total).toBe(2);
    expect(await seen('agent=a1')).toEqual(['a1 recovered', 'a1 down', 'a1 enrolled']);
    expect(await seen('subject=agent:a2')).toEqual(['a2 enrolled']);
    expect(await seen('location=changsha&kind=agent_down')).toEqual(['a3 down', 'a1 down']);
    expect((await list('location=changsha')).total).toBe(4);
    expect(await seen('location=yueyang')).toEqual([]);
    const from = new Date(STARTED + MINUTE).toISOString();
    const to = new Date(STARTED + 3 * MINUTE).toISOString();
    expect(await seen(`from=${from}&to=${to}`)).toEqual(['a1 down', 'a2 enrolled']);
    expect(await seen('agent=a1&subject=agent:a2')).toEqual([]);
  });

  it('refuses invalid parameters with the field named', async () => {
    const desc = (await list('limit=1')).nextCursor ?? '';
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['sort=kind:asc', 'sort'],
      ['kind=agent_lost', 'kind'],
      ['from=yesterday', 'from'],
      ['cursor=%3F%3F', 'cursor'],
      [`sort=at:asc&cursor=${desc}`, 'cursor'],
      [`cursor=${desc}&offset=3`, 'offset'],
    ]) {
      const response = await harness.app.inject({
        url: `/api/v1/events?${query}`,
        headers: harness.sessionHeaders,
      });
      expect(response.statusCode, query).toBe(400);
      expect(response.json<ErrorEnvelope>().error.details?.map((detail) => detail.path)).toContain(field);
    }
  });
});
