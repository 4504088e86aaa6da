import { afterAll, beforeAll, expect, it } from 'vitest';
import type { UserPage } from '@ganzhi/contracts';
import { FakeClock } from '@ganzhi/testing';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 1);

/** username, display name, roles, disabled, days after T0 of the last sign-in (null: never). */
type Fixture = [string, string, string[], boolean, number | null];
const FIXTURES: Fixture[] = [
  ['cs.ops', '长沙运维', ['operator'], false, 3],
  ['zz.ops', 'Zhuzhou ops', ['operator'], true, 1],
  ['analyst1', 'Analyst One', ['analyst'], false, null],
  ['viewer_a', 'Viewer A', ['viewer'], false, 2],
  ['ops_lead', 'Ops lead', ['operator', 'viewer'], false, null],
];

describeEachDialect('users list', (dialect) => {
  let harness: TestApp;

  const list = async (query: string): Promise<UserPage> => {
    const response = await harness.app.inject({
      url: `/api/v1/users?${query}`,
      headers: harness.sessionHeaders,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<UserPage>();
  };
  const names = async (query: string) => (await list(query)).items.map((user) => user.username);

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock: new FakeClock(T0 + 10 * DAY) });
    for (const [index, [username, displayName, roles, disabled, lastLogin]] of FIXTURES.entries())
      await harness.database.db
        .insertInto('users')
        .values({
          id: `user-${index}`,
          username,
          password_hash: 'x',
          created_at: T0 + index * DAY,
          display_name: displayName,
          email: `${username}@example.cn`,
          roles_json: JSON.stringify(roles),
          regions_json: '[]',
          disabled_at: disabled ? T0 : null,
          last_login_at: lastLogin === null ? null : T0 + lastLogin * DAY,
          totp_secret: null,
        })
        .execute();
  });
  afterAll(() => harness.close());

  it('pages by username with the total, no user twice and none left out', async () => {
    const everyone = await names('limit=500');
    expect(everyone).toEqual(['admin', 'analyst1', 'cs.ops', 'ops_lead', 'viewer_a', 'zz.ops']);
    const first = await list('limit=4');
    expect(first.total).toBe(6);
    expect(first.items.map((user) => user.username)).toEqual(everyone.slice(0, 4));
    const second = await list(`limit=4&cursor=${first.nextCursor ?? ''}`);
    expect(second.items.map((user) => user.username)).toEqual(everyone.slice(4));
    expect(second.total).toBe(6);
    expect(second.nextCursor).toBeNull();
    expect(await names('limit=4&offset=4')).toEqual(everyone.slice(4));
  });

  it('filters by text, status and role', async () => {
    expect(await names('text=OPS')).toEqual(['cs.ops', 'ops_lead', 'zz.ops']);
    expect(await names('text=example.cn&status=disabled')).toEqual(['zz.ops']);
    expect(await names('text=%E9%95%BF%E6%B2%99')).toEqual(['cs.ops']);
    const viewers = await list('role=viewer');
    expect(viewers.items.map((user) => user.username)).toEqual(['ops_lead', 'viewer_a']);
    expect(viewers.total).toBe(2);
    // `_` in a role name is a character, not a pattern.
    expect(await names('role=cs_agent')).toEqual([]);
  });

  it('sorts by last sign-in, the never signed in last both ways, and pages that order by cursor', async () => {
    const asc = await names('sort=lastLoginAt:asc&text=example');
    expect(asc).toEqual(['zz.ops', 'viewer_a', 'cs.ops', 'analyst1', 'ops_lead']);
    const desc = await names('sort=lastLoginAt:desc&text=example');
    expect(desc).toEqual(['cs.ops', 'viewer_a', 'zz.ops', 'ops_lead', 'analyst1']);
    const first = await list('sort=lastLoginAt:desc&text=example&limit=3');
    const rest = await list(`sort=lastLoginAt:desc&text=example&limit=3&cursor=${first.nextCursor ?? ''}`);
    expect([...first.items, ...rest.items].map((user) => user.username)).toEqual(desc);
  });

  it('refuses a cursor of another sort and an unknown sort field', async () => {
    const first = await list('limit=1');
    const other = await harness.app.inject({
      url: `/api/v1/users?sort=createdAt:asc&cursor=${first.nextCursor ?? ''}`,
      headers: harness.sessionHeaders,
    });
    expect(other.statusCode).toBe(400);
    const unknown = await harness.app.inject({
      url: '/api/v1/users?sort=password:asc',
      headers: harness.sessionHeaders,
    });
    expect(unknown.statusCode).toBe(400);
  });
});
