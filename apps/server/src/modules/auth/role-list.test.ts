import { afterAll, beforeAll, expect, it } from 'vitest';
import { BUILTIN_ROLES, type RolePage } from '@ganzhi/contracts';
import { FakeClock } from '@ganzhi/testing';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';

const BUILTIN = Object.keys(BUILTIN_ROLES);

describeEachDialect('roles list', (dialect) => {
  let harness: TestApp;

  const list = async (query: string): Promise<RolePage> => {
    const response = await harness.app.inject({
      url: `/api/v1/roles?${query}`,
      headers: harness.sessionHeaders,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<RolePage>();
  };
  const names = async (query: string) => (await list(query)).items.map((role) => role.name);

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock: new FakeClock(Date.UTC(2026, 11, 3)) });
    for (const [name, description, permissions] of [
      ['report_reader', 'Reads the monthly reports', ['scores:read']],
      ['check_editor', 'Edits checks of a city', ['checks:read', 'checks:write']],
    ] as const) {
      const response = await harness.app.inject({
        method: 'PUT',
        url: `/api/v1/roles/${name}`,
        headers: harness.sessionHeaders,
        payload: { description, permissions },
      });
      expect(response.statusCode, response.body).toBe(200);
    }
  });
  afterAll(() => harness.close());

  it('pages the built-in roles first in their order, then custom ones by name, with every permission', async () => {
    const everyone = [...BUILTIN, 'check_editor', 'report_reader'];
    const first = await list('limit=5');
    expect(first.total).toBe(everyone.length);
    expect(first.permissions).toContain('checks:write');
    const second = await list(`limit=5&cursor=${first.nextCursor ?? ''}`);
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((role) => role.name)).toEqual(everyone);
    expect(await names('limit=5&offset=5')).toEqual(everyone.slice(5));
  });

  it('filters by builtin, permission and text, and sorts by name', async () => {
    const custom = await list('builtin=false');
    expect(custom.items.map((role) => role.name)).toEqual(['check_editor', 'report_reader']);
    expect(custom.total).toBe(2);
    expect(await names('permission=checks:write&builtin=false')).toEqual(['check_editor']);
    expect(await names('text=MONTHLY')).toEqual(['report_reader']);
    const byName = await names('sort=name:desc');
    expect(byName).toEqual([...BUILTIN, 'check_editor', 'report_reader'].sort().reverse());
  });
});
