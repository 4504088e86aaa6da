import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ErrorEnvelope } from '@ganzhi/contracts';
import { FakeClock } from '@ganzhi/testing';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';

describeEachDialect('check validation at save', (dialect) => {
  let harness: TestApp;

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock: new FakeClock(Date.UTC(2026, 10, 22, 2, 0)) });
  });
  afterAll(() => harness.close());

  const save = (check: Record<string, unknown>) =>
    harness.app.inject({
      method: 'POST',
      url: '/api/v1/checks',
      headers: harness.sessionHeaders,
      payload: { steps: [{ kind: 'wait', durationMs: 10 }], ...check },
    });

  it('refuses a location that does not exist with a field error, and accepts it once created', async () => {
    const refused = await save({ name: 'Typo', locations: ['local', 'changhsa'] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<ErrorEnvelope>().error.details).toEqual([
      {
        path: 'locations.1',
        code: 'unknown_location',
        params: { code: 'changhsa' },
        message: expect.stringContaining('unknown location "changhsa"') as string,
      },
    ]);
    const created = await harness.app.inject({
      method: 'PUT',
      url: '/api/v1/locations/changhsa',
      headers: harness.sessionHeaders,
      payload: { name: 'Changsha hall 3' },
    });
    expect(created.statusCode).toBeLessThan(300);
    expect((await save({ name: 'Typo', locations: ['local', 'changhsa'] })).statusCode).toBe(201);
  });

  it("accepts the built-in location and a region's code before any agent is there", async () => {
    expect((await save({ name: 'Built-in', locations: ['local'] })).statusCode).toBe(201);
    expect((await save({ name: 'Zhuzhou', locations: ['zhuzhou'] })).statusCode).toBe(201);
  });

  it('refuses NUL in a name or description with a field error on both engines', async () => {
    const response = await save({ name: 'Home\u0000', description: 'a\u0000b', tags: ['x\u0000'] });
    expect(response.statusCode).toBe(400);
    const paths = response.json<ErrorEnvelope>().error.details?.map((detail) => detail.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'description', 'tags.0']));
  });
});
