import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AuditPage, ErrorEnvelope } from '@ganzhi/contracts';
import { FakeClock } from '@ganzhi/testing';
import { createSilentLogger } from '@ganzhi/runtime';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';
import { systemContext } from '../auth/index.js';

describeEachDialect('audit log list', (dialect) => {
  const clock = new FakeClock(Date.UTC(2026, 11, 3, 2, 0));
  const ctx = systemContext({ clock, logger: createSilentLogger() });
  let harness: TestApp;

  const list = async (query: string): Promise<AuditPage> => {
    const response = await harness.app.inject({
      url: `/api/v1/audit-events?resource=widget&${query}`,
      headers: harness.sessionHeaders,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<AuditPage>();
  };
  const record = async (name: string) => {
    await harness.services.audit.record(ctx, {
      action: 'POST /widgets',
      resource: 'widget',
      resourceId: name,
    });
    await clock.advance(1000);
  };

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock });
    for (const name of ['w1', 'w2', 'w3', 'w4', 'w5']) await record(name);
  });
  afterAll(() => harness.close());

  it('pages newest first with the total, and a cursor that ignores entries written meanwhile', async () => {
    const first = await list('limit=2');
    expect(first.items.map((event) => event.resourceId)).toEqual(['w5', 'w4']);
    expect(first.total).toBe(5);
    await record('w6');
    const second = await list(`limit=2&cursor=${first.nextCursor ?? ''}`);
    expect(second.items.map((event) => event.resourceId)).toEqual(['w3', 'w2']);
    expect(second.total).toBe(6);
    const last = await list(`limit=2&cursor=${second.nextCursor ?? ''}`);
    expect(last.items.map((event) => event.resourceId)).toEqual(['w1']);
    expect(last.nextCursor).toBeNull();
  });

  it('lists oldest first on request, and by offset', async () => {
    expect((await list('sort=at:asc&limit=3')).items.map((event) => event.resourceId)).toEqual([
      'w1',
      'w2',
      'w3',
    ]);
    expect((await list('limit=2&offset=1')).items.map((event) => event.resourceId)).toEqual(['w5', 'w4']);
  });

  it('refuses invalid parameters with the field named', async () => {
    const desc = (await list('limit=1')).nextCursor ?? '';
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['sort=at:up', 'sort'],
      ['cursor=%3F%3F', 'cursor'],
      [`sort=at:asc&cursor=${desc}`, 'cursor'],
      [`cursor=${desc}&offset=3`, 'offset'],
      ['before=123_abc', ''],
    ]) {
      const response = await harness.app.inject({
        url: `/api/v1/audit-events?${query}`,
        headers: harness.sessionHeaders,
      });
      if (field === '') {
        // The old cursor parameter is no longer read; it does not break the request.
        expect(response.statusCode, query).toBe(200);
        continue;
      }
      expect(response.statusCode, query).toBe(400);
      expect(response.json<ErrorEnvelope>().error.details?.map((detail) => detail.path)).toContain(field);
    }
  });
});
