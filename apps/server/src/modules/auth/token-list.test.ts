import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TokenPage } from '@ganzhi/contracts';
import { FakeClock } from '@ganzhi/testing';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 11, 3, 1, 0);

describeEachDialect('API tokens list', (dialect) => {
  const clock = new FakeClock(T0);
  let harness: TestApp;

  const list = async (query: string): Promise<TokenPage> => {
    const response = await harness.app.inject({
      url: `/api/v1/tokens?${query}`,
      headers: harness.sessionHeaders,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<TokenPage>();
  };
  const names = async (query: string) => (await list(query)).items.map((token) => token.name);
  const issue = async (name: string, expiresInHours?: number) => {
    const response = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: harness.sessionHeaders,
      payload: {
        name,
        scopes: ['checks:read'],
        ...(expiresInHours ? { expiresAt: new Date(clock.now() + expiresInHours * HOUR).toISOString() } : {}),
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    await clock.advance(60_000);
    return response.json<{ id: string; token: string }>();
  };

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock });
    await issue('hall logs');
    const used = await issue('CI pipeline');
    await issue('short lived', 1);
    const revoked = await issue('old script');
    await issue('Grafana');
    await harness.app.inject({
      method: 'DELETE',
      url: `/api/v1/tokens/${revoked.id}`,
      headers: harness.sessionHeaders,
    });
    await harness.app.inject({ url: '/api/v1/checks', headers: { authorization: `Bearer ${used.token}` } });
    // Expired a minute ago (the session would not survive waiting for it).
    await harness.database.db
      .updateTable('api_tokens')
      .set({ expires_at: clock.now() - 60_000 })
      .where('name', '=', 'short lived')
      .execute();
  });
  afterAll(() => harness.close());

  it('pages newest first with the total, each token once', async () => {
    const everyone = await names('');
    expect(everyone).toEqual(['Grafana', 'old script', 'short lived', 'CI pipeline', 'hall logs']);
    const first = await list('limit=2');
    expect(first.total).toBe(5);
    const second = await list(`limit=2&cursor=${first.nextCursor ?? ''}`);
    const third = await list(`limit=2&cursor=${second.nextCursor ?? ''}`);
    expect(third.nextCursor).toBeNull();
    expect([...first.items, ...second.items, ...third.items].map((token) => token.name)).toEqual(everyone);
  });

  it('filters by text and status', async () => {
    expect(await names('text=SCRIPT')).toEqual(['old script']);
    expect(await names('text=admin')).toHaveLength(5);
    expect(await names('status=revoked')).toEqual(['old script']);
    expect(await names('status=expired')).toEqual(['short lived']);
    const active = await list('status=active');
    expect(active.items.map((token) => token.name)).toEqual(['Grafana', 'CI pipeline', 'hall logs']);
    expect(active.total).toBe(3);
  });

  it('sorts by name case-folded and by last use, the never used last', async () => {
    expect(await names('sort=name:asc')).toEqual([
      'CI pipeline',
      'Grafana',
      'hall logs',
      'old script',
      'short lived',
    ]);
    expect((await names('sort=lastUsedAt:desc'))[0]).toBe('CI pipeline');
    expect((await names('sort=lastUsedAt:asc'))[0]).toBe('CI pipeline');
    const first = await list('sort=name:desc&limit=3');
    const rest = await list(`sort=name:desc&limit=3&cursor=${first.nextCursor ?? ''}`);
    expect([...first.items, ...rest.items].map((token) => token.name)).toEqual([
      'short lived',
      'old script',
      'hall logs',
      'Grafana',
      'CI pipeline',
    ]);
  });
});
