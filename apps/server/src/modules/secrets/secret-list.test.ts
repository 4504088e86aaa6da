import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SecretPage } from '@ganzhi/contracts';
import { Secret } from '@ganzhi/runtime';
import { FakeClock } from '@ganzhi/testing';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';

const T0 = Date.UTC(2026, 11, 3, 1, 0);

/** Stored in this order, a minute apart: name, description. */
const STORED: [string, string][] = [
  ['WEBHALL_PASSWORD', 'web hall test account'],
  ['BOSS_CLERK_PASSWORD', 'business hall clerk'],
  ['SMS_GATEWAY_KEY', ''],
  ['APP_TOKEN', 'mobile app'],
];

describeEachDialect('secrets list', (dialect) => {
  const clock = new FakeClock(T0);
  let harness: TestApp;

  const list = async (query: string): Promise<SecretPage> => {
    const response = await harness.app.inject({
      url: `/api/v1/secrets?${query}`,
      headers: harness.sessionHeaders,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<SecretPage>();
  };
  const names = async (query: string) => (await list(query)).items.map((secret) => secret.name);

  beforeAll(async () => {
    harness = await openTestApp({
      dialect,
      clock,
      // From the environment; the stored APP_TOKEN shadows the one of the same name.
      probeSecrets: new Map([
        ['CRM_PASSWORD', new Secret('x')],
        ['APP_TOKEN', new Secret('y')],
      ]),
    });
    for (const [name, description] of STORED) {
      const response = await harness.app.inject({
        method: 'PUT',
        url: `/api/v1/secrets/${name}`,
        headers: harness.sessionHeaders,
        payload: { value: 'v', description },
      });
      expect(response.statusCode, response.body).toBe(204);
      await clock.advance(60_000);
    }
  });
  afterAll(() => harness.close());

  it('pages by name with the total, each secret once', async () => {
    const everyone = await names('');
    expect(everyone).toEqual([
      'APP_TOKEN',
      'BOSS_CLERK_PASSWORD',
      'CRM_PASSWORD',
      'SMS_GATEWAY_KEY',
      'WEBHALL_PASSWORD',
    ]);
    const first = await list('limit=3');
    expect(first.total).toBe(5);
    const second = await list(`limit=3&cursor=${first.nextCursor ?? ''}`);
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((secret) => secret.name)).toEqual(everyone);
    expect(await names('limit=3&offset=3')).toEqual(everyone.slice(3));
  });

  it('filters by text and source', async () => {
    expect(await names('text=password')).toEqual(['BOSS_CLERK_PASSWORD', 'CRM_PASSWORD', 'WEBHALL_PASSWORD']);
    expect(await names('text=clerk')).toEqual(['BOSS_CLERK_PASSWORD']);
    const environment = await list('source=environment');
    expect(environment.items.map((secret) => secret.name)).toEqual(['CRM_PASSWORD']);
    expect(environment.total).toBe(1);
  });

  it('sorts by the last update, environment secrets last both ways', async () => {
    const newest = await names('sort=updatedAt:desc');
    expect(newest).toEqual([
      'APP_TOKEN',
      'SMS_GATEWAY_KEY',
      'BOSS_CLERK_PASSWORD',
      'WEBHALL_PASSWORD',
      'CRM_PASSWORD',
    ]);
    expect(await names('sort=updatedAt:asc')).toEqual([...newest.slice(0, 4).reverse(), 'CRM_PASSWORD']);
    const first = await list('sort=updatedAt:desc&limit=2');
    const rest = await list(`sort=updatedAt:desc&limit=3&cursor=${first.nextCursor ?? ''}`);
    expect([...first.items, ...rest.items].map((secret) => secret.name)).toEqual(newest);
  });
});
