import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EnrolmentTokenPage } from '@ganzhi/contracts';
import { FakeClock } from '@ganzhi/testing';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';

const T0 = Date.UTC(2026, 11, 3, 2);

describeEachDialect('enrolment tokens list', (dialect) => {
  const clock = new FakeClock(T0);
  let harness: TestApp;
  /** Token ids by label, issued a minute apart in this order. */
  const ids = new Map<string, string>();

  const list = async (query: string): Promise<EnrolmentTokenPage> => {
    const response = await harness.app.inject({
      url: `/api/v1/agents/enrolment-tokens?${query}`,
      headers: harness.sessionHeaders,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<EnrolmentTokenPage>();
  };
  const labels = async (query: string) => {
    const byId = new Map([...ids].map(([label, id]) => [id, label]));
    return (await list(query)).items.map((token) => byId.get(token.id));
  };

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock });
    for (const [label, location, hours] of [
      ['xt-used', 'xiangtan', 24],
      ['xt-revoked', 'xiangtan', 24],
      ['cs-expired', 'changsha', 1],
      ['cs-open', 'changsha', 48],
      ['any-open', undefined, 2],
    ] as const) {
      const response = await harness.app.inject({
        method: 'POST',
        url: '/api/v1/agents/enrolment-tokens',
        headers: harness.sessionHeaders,
        payload: { ...(location ? { location } : {}), expiresInHours: hours },
      });
      expect(response.statusCode, response.body).toBe(201);
      const issued = response.json<{ id: string; token: string }>();
      ids.set(label, issued.id);
      if (label === 'xt-used')
        await harness.app.inject({
          method: 'POST',
          url: '/api/v1/agent/enrol',
          headers: { authorization: `Bearer ${issued.token}` },
          payload: { name: 'xiangtan-1', location: 'xiangtan', version: '0.1.0' },
        });
      await clock.advance(60_000);
    }
    await harness.app.inject({
      method: 'DELETE',
      url: `/api/v1/agents/enrolment-tokens/${ids.get('xt-revoked') ?? ''}`,
      headers: harness.sessionHeaders,
    });
    await harness.database.db
      .updateTable('enrolment_tokens')
      .set({ expires_at: clock.now() - 1 })
      .where('id', '=', ids.get('cs-expired') ?? '')
      .execute();
  });
  afterAll(() => harness.close());

  it('pages newest first with the total, each token once', async () => {
    const everyone = ['any-open', 'cs-open', 'cs-expired', 'xt-revoked', 'xt-used'];
    expect(await labels('')).toEqual(everyone);
    const first = await list('limit=3');
    expect(first.total).toBe(5);
    const second = await list(`limit=3&cursor=${first.nextCursor ?? ''}`);
    expect(second.nextCursor).toBeNull();
    expect(second.total).toBe(5);
    expect(await labels('limit=3&offset=3')).toEqual(everyone.slice(3));
  });

  it('filters by location and state, and sorts by expiry', async () => {
    expect(await labels('location=xiangtan')).toEqual(['xt-revoked', 'xt-used']);
    expect(await labels('state=used')).toEqual(['xt-used']);
    expect(await labels('state=revoked')).toEqual(['xt-revoked']);
    expect(await labels('state=expired')).toEqual(['cs-expired']);
    const open = await list('state=unused');
    expect(open.total).toBe(2);
    expect(await labels('state=unused&sort=expiresAt:asc')).toEqual(['any-open', 'cs-open']);
  });
});
