import type { FastifyInstance } from 'fastify';
import { systemContext } from '../auth/index.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  checkInputSchema,
  type AgentAssignments,
  type AgentRunBatchResult,
  type Check,
  type CheckInput,
  type Run,
} from '@ganzhi/contracts';
import { FakeClock } from '@ganzhi/testing';
import { createSilentLogger, systemClock } from '@ganzhi/runtime';
import { describeEachDialect, type TestDatabase } from '../../db/each-dialect.js';
import type { Services } from '../../services.js';
import { openTestApp, type TestApp } from '../../test-app.js';
import { AGENT_TIMING } from './agent-repository.js';

const ctx = systemContext({ clock: systemClock, logger: createSilentLogger() });

function checkInput(overrides: Partial<CheckInput> = {}): CheckInput {
  return checkInputSchema.parse({
    name: 'Balance at Changsha',
    channel: 'web_hall',
    business: 'balance_query',
    region: 'changsha',
    locations: ['changsha'],
    steps: [{ kind: 'http', url: 'http://127.0.0.1:9/balance' }],
    ...overrides,
  });
}

function uploadedRun(check: Check, startedAtMs: number, overrides: Record<string, unknown> = {}) {
  const run: Run & { clockOffsetMs: number | null } = {
    id: crypto.randomUUID(),
    checkId: check.id,
    agentId: 'whatever-the-agent-says',
    location: 'changsha',
    startedAt: new Date(startedAtMs).toISOString(),
    durationMs: 250,
    ok: true,
    errorClass: null,
    errorMessage: null,
    steps: [],
    artifacts: [],
    clockOffsetMs: 40,
  };
  return { ...run, ...overrides };
}

describeEachDialect('agent protocol', (dialect) => {
  let harness: TestApp;
  let database: TestDatabase;
  let services: Services;
  let app: FastifyInstance;
  let cookie: string;
  const clock = new FakeClock(Date.UTC(2026, 10, 22, 2, 0));

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock });
    ({ database, services, app, cookie } = harness);
  });

  afterAll(() => harness.close());

  async function enrol(
    location: string,
    name = `${location}-agent`,
  ): Promise<{ agentId: string; credential: string }> {
    const issued = await app.inject({
      method: 'POST',
      url: '/api/v1/agents/enrolment-tokens',
      headers: { cookie, 'sec-fetch-site': 'same-origin' },
      payload: { location },
    });
    expect(issued.statusCode).toBe(201);
    const { token } = issued.json<{ token: string }>();
    const enrolled = await app.inject({
      method: 'POST',
      url: '/api/v1/agent/enrol',
      headers: { authorization: `Bearer ${token}` },
      payload: { name, location, version: '0.1.0', hostname: 'probe-host' },
    });
    expect(enrolled.statusCode).toBe(201);
    return enrolled.json();
  }

  const asAgent = (credential: string, options: { method: 'GET' | 'POST'; url: string; payload?: unknown }) =>
    app.inject({
      method: options.method,
      url: options.url,
      headers: { authorization: `Bearer ${credential}` },
      payload: options.payload as object | undefined,
    });

  const heartbeat = (credential: string, location: string, extra: Record<string, unknown> = {}) =>
    asAgent(credential, {
      method: 'POST',
      url: '/api/v1/agent/heartbeat',
      payload: {
        version: '0.1.0',
        location,
        hostname: 'probe-host',
        backlog: 0,
        oldestUnsentAt: null,
        clockOffsetMs: 12,
        browserAvailable: false,
        supportedKinds: ['http', 'tcp', 'dns', 'tls', 'wait'],
        ...extra,
      },
    });

  const assignments = async (credential: string): Promise<AgentAssignments> =>
    (await asAgent(credential, { method: 'GET', url: '/api/v1/agent/assignments' })).json();

  it('exchanges a one-time enrolment token for a credential; the token cannot be used twice', async () => {
    const issued = await app.inject({
      method: 'POST',
      url: '/api/v1/agents/enrolment-tokens',
      headers: { cookie, 'sec-fetch-site': 'same-origin' },
      payload: { location: 'yueyang', expiresInHours: 1 },
    });
    const { token } = issued.json<{ token: string }>();
    const payload = { name: 'yueyang-1', location: 'yueyang', version: '0.1.0' };
    const first = await app.inject({
      method: 'POST',
      url: '/api/v1/agent/enrol',
      headers: { authorization: `Bearer ${token}` },
      payload,
    });
    expect(first.statusCode).toBe(201);
    expect(first.json<{ credential: string }>().credential).toMatch(/^gza_/);
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/agent/enrol',
      headers: { authorization: `Bearer ${token}` },
      payload,
    });
    expect(again.statusCode).toBe(401);
    const elsewhere = await app.inject({
      method: 'POST',
      url: '/api/v1/agents/enrolment-tokens',
      headers: { cookie, 'sec-fetch-site': 'same-origin' },
      payload: { location: 'yueyang' },
    });
    const wrongPlace = await app.inject({
      method: 'POST',
      url: '/api/v1/agent/enrol',
      headers: { authorization: `Bearer ${elsewhere.json<{ token: string }>().token}` },
      payload: { ...payload, location: 'changde' },
    });
    expect(wrongPlace.statusCode).toBe(401);
    expect(wrongPlace.json<{ error: { message: string } }>().error.message).toContain('yueyang');
  });

  it('refuses unknown credentials with 401 and never treats a user token as an agent', async () => {
    const unknown = await heartbeat('gza_not-a-real-credential', 'changsha');
    expect(unknown.statusCode).toBe(401);
    const asUser = await app.inject({
      method: 'GET',
      url: '/api/v1/agent/assignments',
      headers: { cookie, 'sec-fetch-site': 'same-origin' },
    });
    expect(asUser.statusCode).toBe(401);
  });

  it('stores a batch uploaded 10 times exactly once and counts it once in the rollups', async () => {
    const check = await services.checks.createCheck({ ctx, input: checkInput({ name: 'replayed batch' }) });
    const { credential } = await enrol('changsha');
    const start = clock.now() - 10 * 60_000;
    const runs = Array.from({ length: 25 }, (_, i) => uploadedRun(check, start + i * 20_000));
    const results: AgentRunBatchResult[] = [];
    for (let i = 0; i < 10; i++) {
      const response = await asAgent(credential, {
        method: 'POST',
        url: '/api/v1/agent/runs',
        payload: { runs, gaps: [] },
      });
      expect(response.statusCode).toBe(200);
      results.push(response.json());
    }
    expect(results.map((r) => r.stored)).toEqual([25, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(results.slice(1).every((r) => r.duplicates === 25)).toBe(true);
    const stored = await services.runs.listRuns({ checkId: check.id, limit: 100 });
    expect(stored).toHaveLength(25);
    const series = await services.series.getCheckSeries({
      db: database.db,
      checkId: check.id,
      fromMs: start - 60_000,
      toMs: clock.now() + 60_000,
      resolution: 'minute',
    });
    expect(series.points.reduce((sum, point) => sum + point.count, 0)).toBe(25);
  });

  it("filters a check's runs and series by the location they were made from", async () => {
    const check = await services.checks.createCheck({
      ctx,
      input: checkInput({ name: 'two cities', locations: ['changsha', 'yueyang'] }),
    });
    const changsha = await enrol('changsha');
    const yueyang = await enrol('yueyang');
    const start = clock.now() - 5 * 60_000;
    const upload = (credential: string, location: string, count: number) =>
      asAgent(credential, {
        method: 'POST',
        url: '/api/v1/agent/runs',
        payload: {
          runs: Array.from({ length: count }, (_, i) => uploadedRun(check, start + i * 30_000, { location })),
        },
      });
    await upload(changsha.credential, 'changsha', 3);
    await upload(yueyang.credential, 'yueyang', 2);
    const runsAt = async (location: string) =>
      (
        await app.inject({
          method: 'GET',
          url: `/api/v1/checks/${check.id}/runs?location=${location}`,
          headers: { cookie, 'sec-fetch-site': 'same-origin' },
        })
      ).json<{ items: { location: string }[] }>().items;
    expect((await runsAt('yueyang')).map((run) => run.location)).toEqual(['yueyang', 'yueyang']);
    expect(await runsAt('changsha')).toHaveLength(3);
    const from = new Date(start - 60_000).toISOString();
    const to = new Date(clock.now() + 60_000).toISOString();
    const countAt = async (location?: string) => {
      const query = new URLSearchParams({ from, to, ...(location ? { location } : {}) });
      const series = await app.inject({
        method: 'GET',
        url: `/api/v1/checks/${check.id}/series?${query.toString()}`,
        headers: { cookie, 'sec-fetch-site': 'same-origin' },
      });
      expect(series.statusCode).toBe(200);
      return series
        .json<{ points: { count: number }[] }>()
        .points.reduce((sum, point) => sum + point.count, 0);
    };
    expect([await countAt('changsha'), await countAt('yueyang'), await countAt()]).toEqual([3, 2, 5]);
  });

  it('keeps the valid runs of a batch and lists each malformed one with its index and reason', async () => {
    const check = await services.checks.createCheck({ ctx, input: checkInput({ name: 'mixed batch' }) });
    const { credential } = await enrol('changsha');
    const good = uploadedRun(check, clock.now() - 60_000);
    const response = await asAgent(credential, {
      method: 'POST',
      url: '/api/v1/agent/runs',
      payload: {
        runs: [
          good,
          { id: 'no-fields' },
          uploadedRun(check, clock.now(), { durationMs: 'slow' }),
          uploadedRun({ ...check, id: 'deleted-check' }, clock.now()),
          42,
        ],
      },
    });
    expect(response.statusCode).toBe(200);
    const result = response.json<AgentRunBatchResult>();
    expect(result.stored).toBe(1);
    expect(result.rejected.map((r) => r.index)).toEqual([1, 2, 3, 4]);
    expect(result.rejected[0]).toMatchObject({ id: 'no-fields' });
    expect(result.rejected[1]?.reason).toContain('durationMs');
    expect(result.rejected[2]?.reason).toContain('no longer exists');
    const stored = await services.runs.listRuns({ checkId: check.id, limit: 10 });
    expect(stored.map((run) => run.id)).toEqual([good.id]);
  });

  it('attributes runs to the authenticated agent and corrects times from a skewed clock', async () => {
    const check = await services.checks.createCheck({ ctx, input: checkInput({ name: 'skewed clock' }) });
    const { agentId, credential } = await enrol('changsha');
    const agentTime = clock.now() - 5 * 60_000;
    const skewed = uploadedRun(check, agentTime, { clockOffsetMs: 7000 });
    const fine = uploadedRun(check, agentTime + 60_000, { clockOffsetMs: -300 });
    await asAgent(credential, {
      method: 'POST',
      url: '/api/v1/agent/runs',
      payload: { runs: [skewed, fine] },
    });
    const stored = await services.runs.listRuns({ checkId: check.id, limit: 10 });
    const byId = new Map(stored.map((run) => [run.id, run]));
    expect(byId.get(skewed.id)).toMatchObject({
      agentId,
      startedAt: new Date(agentTime + 7000).toISOString(),
      clockCorrectionMs: 7000,
    });
    expect(byId.get(fine.id)).toMatchObject({ startedAt: fine.startedAt, clockCorrectionMs: null });
  });

  it('records reported gaps once and raises a platform event for each', async () => {
    const { credential, agentId } = await enrol('changsha', 'gappy');
    const gap = {
      id: crypto.randomUUID(),
      fromTime: new Date(clock.now() - 3_600_000).toISOString(),
      toTime: new Date(clock.now() - 1_800_000).toISOString(),
      droppedRuns: 30,
      reason: 'buffer_full',
      byCheck: { 'some-check': 30 },
    };
    for (let i = 0; i < 3; i++)
      await asAgent(credential, {
        method: 'POST',
        url: '/api/v1/agent/runs',
        payload: { runs: [], gaps: [gap] },
      });
    const gaps = await app.inject({
      method: 'GET',
      url: `/api/v1/agents/gaps?agentId=${agentId}`,
      headers: { cookie, 'sec-fetch-site': 'same-origin' },
    });
    expect(gaps.json<{ items: unknown[] }>().items).toEqual([
      expect.objectContaining({ id: gap.id, droppedRuns: 30, agentName: 'gappy', location: 'changsha' }),
    ]);
    const events = await services.events.list({ limit: 10, subject: `agent:${agentId}` });
    expect(events.filter((event) => event.kind === 'agent_gap')).toHaveLength(1);
  });

  it("shares a location's checks among its live agents and moves a silent agent's share to the survivor", async () => {
    const checks: Check[] = [];
    for (let i = 0; i < 12; i++)
      checks.push(
        await services.checks.createCheck({
          ctx,
          input: checkInput({ name: `Zhuzhou ${i}`, locations: ['zhuzhou'], region: 'zhuzhou' }),
        }),
      );
    const a = await enrol('zhuzhou', 'zhuzhou-a');
    const b = await enrol('zhuzhou', 'zhuzhou-b');
    await heartbeat(a.credential, 'zhuzhou');
    await heartbeat(b.credential, 'zhuzhou');
    const shareA = await assignments(a.credential);
    const shareB = await assignments(b.credential);
    const idsA = shareA.checks.map((c) => c.id);
    const idsB = shareB.checks.map((c) => c.id);
    expect(idsA.length).toBeGreaterThan(0);
    expect(idsB.length).toBeGreaterThan(0);
    expect([...idsA, ...idsB].sort()).toEqual(checks.map((c) => c.id).sort());

    // b falls silent; a keeps reporting. Past the live window the detector moves b's checks to a.
    for (let t = 0; t <= AGENT_TIMING.liveWithinMs + 10_000; t += AGENT_TIMING.heartbeatMs) {
      await clock.advance(AGENT_TIMING.heartbeatMs);
      await heartbeat(a.credential, 'zhuzhou');
    }
    const waiting = asAgent(a.credential, {
      method: 'GET',
      url: `/api/v1/agent/assignments?version=${shareA.version}&waitMs=30000`,
    });
    await services.agents.monitor();
    const moved = (await waiting).json<AgentAssignments>();
    expect(moved.changed).toBe(true);
    expect(moved.checks.map((c) => c.id).sort()).toEqual(checks.map((c) => c.id).sort());

    const listed = await app.inject({
      method: 'GET',
      url: '/api/v1/agents',
      headers: { cookie, 'sec-fetch-site': 'same-origin' },
    });
    const agents = listed.json<{ items: { id: string; health: string; checksAssigned: number }[] }>().items;
    expect(agents.find((agent) => agent.id === a.agentId)).toMatchObject({
      health: 'healthy',
      checksAssigned: 12,
    });
    expect(agents.find((agent) => agent.id === b.agentId)).toMatchObject({
      health: 'stale',
      checksAssigned: 0,
    });
  });

  it('answers an unchanged long poll with changed: false when its wait ends', async () => {
    const { credential } = await enrol('xiangtan');
    await heartbeat(credential, 'xiangtan');
    const first = await assignments(credential);
    const polled = await asAgent(credential, {
      method: 'GET',
      url: `/api/v1/agent/assignments?version=${first.version}&waitMs=50`,
    });
    expect(polled.json()).toMatchObject({ version: first.version, changed: false, checks: [] });
  });

  it('raises agent_down once when an agent stays silent and agent_recovered when it returns', async () => {
    const { credential, agentId } = await enrol('hengyang');
    await heartbeat(credential, 'hengyang');
    await clock.advance(AGENT_TIMING.downAfterMs + 1000);
    await services.agents.monitor();
    await services.agents.monitor();
    await clock.advance(1000);
    await heartbeat(credential, 'hengyang');
    await services.agents.monitor();
    const kinds = (await services.events.list({ limit: 10, subject: `agent:${agentId}` })).map((e) => e.kind);
    expect(kinds.filter((kind) => kind === 'agent_down')).toHaveLength(1);
    expect(kinds[0]).toBe('agent_recovered');
  });

  it('revokes an agent: its credential gets 401 and its checks go to the others', async () => {
    const check = await services.checks.createCheck({
      ctx,
      input: checkInput({ name: 'Shaoyang', locations: ['shaoyang'], region: 'shaoyang' }),
    });
    const a = await enrol('shaoyang', 'shaoyang-a');
    const b = await enrol('shaoyang', 'shaoyang-b');
    await heartbeat(a.credential, 'shaoyang');
    await heartbeat(b.credential, 'shaoyang');
    const owner = (await assignments(a.credential)).checks.length === 1 ? a : b;
    const other = owner === a ? b : a;
    const revoked = await app.inject({
      method: 'POST',
      url: `/api/v1/agents/${owner.agentId}/revoke`,
      headers: { cookie, 'sec-fetch-site': 'same-origin' },
    });
    expect(revoked.statusCode).toBe(204);
    expect((await heartbeat(owner.credential, 'shaoyang')).statusCode).toBe(401);
    expect((await assignments(other.credential)).checks.map((c) => c.id)).toEqual([check.id]);
  });

  it('reports unsupported checks and lists the location with its agents and last hour', async () => {
    const check = await services.checks.createCheck({
      ctx,
      input: checkInput({ name: 'Changde browser', locations: ['changde'], region: 'changde' }),
    });
    const { credential, agentId } = await enrol('changde');
    await heartbeat(credential, 'changde', {
      unsupported: [{ checkId: check.id, reason: 'browser steps need Chromium' }],
    });
    const listed = await app.inject({
      method: 'GET',
      url: '/api/v1/agents',
      headers: { cookie, 'sec-fetch-site': 'same-origin' },
    });
    const agent = listed
      .json<{ items: { id: string; unsupported: unknown[] }[] }>()
      .items.find((a) => a.id === agentId);
    expect(agent?.unsupported).toEqual([
      { checkId: check.id, checkName: 'Changde browser', reason: 'browser steps need Chromium' },
    ]);
    const locations = await app.inject({
      method: 'GET',
      url: '/api/v1/locations',
      headers: { cookie, 'sec-fetch-site': 'same-origin' },
    });
    const changde = locations.json<{ items: { code: string }[] }>().items.find((l) => l.code === 'changde');
    expect(changde).toMatchObject({
      code: 'changde',
      regionCode: 'changde',
      agents: 1,
      healthyAgents: 1,
      checks: 1,
    });
  });
});
