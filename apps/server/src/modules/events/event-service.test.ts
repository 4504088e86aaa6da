import { createSilentLogger } from '@ganzhi/runtime';
import { FakeClock } from '@ganzhi/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../db/each-dialect.js';
import { createEventService, type EventService } from './event-service.js';

const clock = new FakeClock(Date.parse('2026-12-03T06:00:00Z'));

describe('platform events', () => {
  let database: TestDatabase;
  let events: EventService;

  beforeAll(async () => {
    database = await openTestDatabase('sqlite');
    events = createEventService({ db: database.db, clock, logger: createSilentLogger() });
  });
  afterAll(() => database.destroy());

  it('stores an event’s params and writes its English from them', async () => {
    const raised = await events.raise({
      kind: 'agent_down',
      severity: 'critical',
      subject: 'agent:a1',
      params: { agent: 'demo-changsha', location: 'changsha', since: '2026-12-03T05:49:07.057Z' },
    });
    expect(raised.message).toBe(
      'agent "demo-changsha" at changsha is down: not seen since 2026-12-03T05:49:07.057Z',
    );
    const [listed] = await events.list({ limit: 1, subject: 'agent:a1' });
    expect(listed).toMatchObject({
      kind: 'agent_down',
      params: { agent: 'demo-changsha', location: 'changsha', since: '2026-12-03T05:49:07.057Z' },
      message: raised.message,
    });
  });

  it('lists the plain values of an event’s details as params and keeps a message given in English', async () => {
    await events.raise({
      kind: 'agent_gap',
      severity: 'warning',
      subject: 'agent:a2',
      message: 'agent "demo-yueyang" at yueyang dropped 12 runs',
      details: { droppedRuns: 12, reason: 'buffer_full', nested: { ignored: true } },
    });
    const [listed] = await events.list({ limit: 1, subject: 'agent:a2' });
    expect(listed?.params).toEqual({ droppedRuns: 12, reason: 'buffer_full' });
    expect(listed?.message).toBe('agent "demo-yueyang" at yueyang dropped 12 runs');
  });
});
