import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AgentPage, ErrorEnvelope } from '@ganzhi/contracts';
import { FakeClock } from '@ganzhi/testing';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';

const STARTED = Date.UTC(2026, 11, 3, 1, 0);
const NOW = STARTED + 3_600_000;
const SECOND = 1000;

/** id suffix, name, location, seconds since last seen (null: never), hostname, revoked, declared down. */
type Fixture = [string, string, string, number | null, string | null, boolean, boolean];
const FIXTURES: Fixture[] = [
  ['a', 'alpha', 'changsha', 5, 'cs-jifang-01', false, false],
  ['b', 'bravo', 'zhuzhou', 60, 'ZZ-jifang-02', false, false],
  ['c', 'charlie', 'changsha', 600, null, false, true],
  ['d', 'delta', 'yueyang', 1200, null, true, false],
  // Never seen since the server started an hour ago: down.
  ['e', 'Echo', 'changsha', null, null, false, false],
];

describeEachDialect('agents list', (dialect) => {
  const clock = new FakeClock(STARTED);
  let harness: TestApp;

  const insert = async ([suffix, name, location, seenSecondsAgo, hostname, revoked, down]: Fixture) => {
    await harness.database.db
      .insertInto('agents')
      .values({
        id: `agent-${suffix}`,
        name,
        location,
        version: '1.0.0',
        builtin: 0,
        backlog: 0,
        last_seen_at: seenSecondsAgo === null ? null : NOW - seenSecondsAgo * SECOND,
        created_at: STARTED - 86_400_000,
        hostname,
        credential_hash: `hash-${suffix}`,
        revoked_at: revoked ? NOW - 600 * SECOND : null,
        oldest_unsent_at: null,
        clock_offset_ms: null,
        browser_available: null,
        supported_kinds_json: '["http"]',
        unsupported_json: '[]',
        health_state: revoked ? 'revoked' : down ? 'down' : 'healthy',
      })
      .execute();
  };
  const list = async (query: string): Promise<AgentPage> => {
    const response = await harness.app.inject({
      url: `/api/v1/agents?${query}`,
      headers: harness.sessionHeaders,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<AgentPage>();
  };
  const names = async (query: string) => (await list(query)).items.map((agent) => agent.name);

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock });
    await clock.advance(NOW - STARTED);
    for (const fixture of FIXTURES) await insert(fixture);
  });
  afterAll(() => harness.close());

  it('pages by name with the total, and a cursor that ignores agents enrolled meanwhile', async () => {
    const first = await list('limit=2');
    expect(first.items.map((agent) => agent.name)).toEqual(['alpha', 'bravo']);
    expect(first.total).toBe(5);
    expect(first.items[0]).toMatchObject({ id: 'agent-a', location: 'changsha', health: 'healthy' });
    await insert(['f', 'aardvark', 'changsha', 1, null, false, false]);
    await insert(['g', 'coco', 'changsha', 1, null, false, false]);
    const second = await list(`limit=2&cursor=${first.nextCursor ?? ''}`);
    expect(second.items.map((agent) => agent.name)).toEqual(['charlie', 'coco']);
    expect(second.total).toBe(7);
    const last = await list(`limit=2&cursor=${second.nextCursor ?? ''}`);
    expect(last.items.map((agent) => agent.name)).toEqual(['delta', 'Echo']);
    expect(last.nextCursor).toBeNull();
    await harness.database.db.deleteFrom('agents').where('id', 'in', ['agent-f', 'agent-g']).execute();
  });

  it('sorts by status (attention first), last seen (never seen last both ways) and location', async () => {
    expect(await names('sort=status:asc')).toEqual(['charlie', 'Echo', 'bravo', 'alpha', 'delta']);
    expect(await names('sort=status:desc')).toEqual(['delta', 'alpha', 'bravo', 'charlie', 'Echo']);
    expect(await names('sort=lastSeen:desc')).toEqual(['alpha', 'bravo', 'charlie', 'delta', 'Echo']);
    expect(await names('sort=lastSeen:asc')).toEqual(['delta', 'charlie', 'bravo', 'alpha', 'Echo']);
    expect(await names('sort=location:asc')).toEqual(['alpha', 'charlie', 'Echo', 'delta', 'bravo']);
    expect(await names('sort=name:desc')).toEqual(['Echo', 'delta', 'charlie', 'bravo', 'alpha']);
    // A cursor over a sort of several keys continues inside a group of equal statuses.
    const first = await list('sort=status:asc&limit=1');
    const second = await list(`sort=status:asc&limit=3&cursor=${first.nextCursor ?? ''}`);
    expect(second.items.map((agent) => agent.name)).toEqual(['Echo', 'bravo', 'alpha']);
    expect(await names('sort=status:asc&offset=3&limit=1')).toEqual(['alpha']);
  });

  it('filters by location, status and text, with the total of the filter', async () => {
    const changsha = await list('location=changsha');
    expect(changsha.items.map((agent) => agent.name)).toEqual(['alpha', 'charlie', 'Echo']);
    expect(changsha.total).toBe(3);
    expect(await names('status=online')).toEqual(['alpha', 'bravo']);
    expect(await names('status=offline')).toEqual(['charlie', 'delta', 'Echo']);
    expect(await names('status=offline&location=changsha&sort=name:desc')).toEqual(['Echo', 'charlie']);
    expect(await names('text=zz-JIFANG')).toEqual(['bravo']);
    expect(await names('text=ECH')).toEqual(['Echo']);
    expect(await names('text=agent-d')).toEqual(['delta']);
    expect((await list('text=%25')).total).toBe(0);
  });

  it('refuses invalid parameters with the field named', async () => {
    const byName = (await list('limit=1')).nextCursor ?? '';
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['sort=health:asc', 'sort'],
      ['status=up', 'status'],
      ['cursor=%3F%3F', 'cursor'],
      ['cursor=bm9wZQ', 'cursor'],
      [`sort=status:asc&cursor=${byName}`, 'cursor'],
      [`cursor=${byName}&offset=3`, 'offset'],
    ]) {
      const response = await harness.app.inject({
        url: `/api/v1/agents?${query}`,
        headers: harness.sessionHeaders,
      });
      expect(response.statusCode, query).toBe(400);
      expect(response.json<ErrorEnvelope>().error.details?.map((detail) => detail.path)).toContain(field);
    }
  });
});
