import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkInputSchema, type AgentRunBatchResult, type Check, type CheckInput } from '@ganzhi/contracts';
import { FakeClock } from '@ganzhi/testing';
import { createSilentLogger, systemClock } from '@ganzhi/runtime';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';
import { systemContext } from '../auth/index.js';

const ctx = systemContext({ clock: systemClock, logger: createSilentLogger() });
const NOW = Date.UTC(2026, 10, 22, 2, 0);
const PNG = Buffer.from('89504e470d0a1a0a', 'hex').toString('base64');

function checkInput(overrides: Partial<CheckInput>): CheckInput {
  return checkInputSchema.parse({
    name: 'Balance',
    region: 'changsha',
    steps: [{ kind: 'http', url: 'http://127.0.0.1:9/balance' }],
    ...overrides,
  });
}

function uploadedRun(check: Check, overrides: Record<string, unknown> = {}) {
  return {
    id: crypto.randomUUID(),
    checkId: check.id,
    agentId: 'whatever',
    location: 'changsha',
    startedAt: new Date(NOW - 60_000).toISOString(),
    durationMs: 250,
    ok: true,
    errorClass: null,
    errorMessage: null,
    steps: [],
    artifacts: [],
    clockOffsetMs: 40,
    ...overrides,
  };
}

const artifact = (id: string, contentType = 'image/png') => ({
  id,
  stepIndex: 0,
  kind: 'screenshot',
  contentType,
  dataBase64: PNG,
});

describeEachDialect('agent uploads', (dialect) => {
  let harness: TestApp;
  let here: Check;
  let elsewhere: Check;
  let credential: string;

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock: new FakeClock(NOW) });
    here = await harness.services.checks.createCheck({
      ctx,
      input: checkInput({ name: 'Changsha balance', locations: ['changsha'] }),
    });
    elsewhere = await harness.services.checks.createCheck({
      ctx,
      input: checkInput({ name: 'Yueyang balance', locations: ['yueyang'] }),
    });
    const issued = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/agents/enrolment-tokens',
      headers: harness.sessionHeaders,
      payload: { location: 'changsha' },
    });
    const enrolled = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/agent/enrol',
      headers: { authorization: `Bearer ${issued.json<{ token: string }>().token}` },
      payload: { name: 'changsha-1', location: 'changsha', version: '0.1.0' },
    });
    credential = enrolled.json<{ credential: string }>().credential;
  });
  afterAll(() => harness.close());

  const upload = (runs: unknown[], gaps: unknown[] = []) =>
    harness.app.inject({
      method: 'POST',
      url: '/api/v1/agent/runs',
      headers: { authorization: `Bearer ${credential}` },
      payload: { runs, gaps },
    });

  it('keeps an agent at the location it enrolled at: a heartbeat from elsewhere is refused', async () => {
    const moved = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/agent/heartbeat',
      headers: { authorization: `Bearer ${credential}` },
      payload: {
        version: '0.1.0',
        location: 'yueyang',
        backlog: 0,
        oldestUnsentAt: null,
        clockOffsetMs: 0,
        browserAvailable: false,
        supportedKinds: ['http'],
        unsupported: [],
      },
    });
    expect(moved.statusCode).toBe(403);
    expect(moved.json().error.message).toBe(
      'this agent is enrolled at changsha; enrol it again to move it to yueyang',
    );
  });

  it('rejects each poison run with its reason and keeps the good ones, never failing the batch', async () => {
    const good = uploadedRun(here, { artifacts: [artifact('shot-1')] });
    const poison: [string, Record<string, unknown>][] = [
      ['repeated artifact id', { artifacts: [artifact('shot-2'), artifact('shot-2')] }],
      ['artifact id of another run in the batch', { artifacts: [artifact('shot-1')] }],
      ['not a date', { startedAt: 'yesterday' }],
      ['huge clock offset', { clockOffsetMs: 1e308 }],
      ['huge duration', { durationMs: 1e308 }],
      ['negative duration', { durationMs: -5 }],
      ['year 9999', { startedAt: '9999-01-01T00:00:00.000Z' }],
      ['another location', { location: 'yueyang' }],
      ['a check not at this location', { checkId: elsewhere.id }],
      ['an html artifact', { artifacts: [artifact('page', 'text/html')] }],
      ['NUL in the id', { id: `run\u0000${crypto.randomUUID()}` }],
      ['NUL in an artifact id', { artifacts: [artifact('shot\u0000')] }],
    ];
    const response = await upload([good, ...poison.map(([, overrides]) => uploadedRun(here, overrides))]);
    expect(response.statusCode).toBe(200);
    const result = response.json<AgentRunBatchResult>();
    expect(result.stored).toBe(1);
    expect(result.rejected.map((rejected) => rejected.index)).toEqual(poison.map((_, i) => i + 1));
    const reasons = result.rejected.map((rejected) => rejected.reason);
    expect(reasons[0]).toContain('"shot-2" is used twice');
    expect(reasons[1]).toContain('"shot-1" is used twice');
    expect(reasons[2]).toContain('startedAt');
    expect(reasons[3]).toContain('clockOffsetMs');
    expect(reasons[4]).toContain('durationMs');
    expect(reasons[5]).toContain('durationMs');
    expect(reasons[6]).toContain('in the future');
    expect(reasons[7]).toContain('this agent serves "changsha"');
    expect(reasons[8]).toContain('does not run at location "changsha"');
    expect(reasons[9]).toContain('contentType');
    expect(reasons[10]).toContain('NUL');
    expect(reasons[11]).toContain('NUL');
    const stored = await harness.services.runs.listRuns({ checkId: here.id, limit: 50 });
    expect(stored.map((run) => run.id)).toEqual([good.id]);
  });

  it('drops an artifact whose id an earlier run already holds, storing the run', async () => {
    // Two runs: a run is its check, start, agent and location (the runs above started at NOW - 60 s).
    const at = (ms: number) => new Date(NOW - ms).toISOString();
    const first = uploadedRun(here, { startedAt: at(45_000), artifacts: [artifact('shared-id')] });
    const second = uploadedRun(here, { startedAt: at(44_000), artifacts: [artifact('shared-id')] });
    expect((await upload([first])).json<AgentRunBatchResult>().stored).toBe(1);
    const again = await upload([second]);
    expect(again.statusCode).toBe(200);
    expect(again.json<AgentRunBatchResult>().stored).toBe(1);
    const content = (runId: string) =>
      harness.app.inject({
        method: 'GET',
        url: `/api/v1/runs/${runId}/artifacts/shared-id`,
        headers: harness.sessionHeaders,
      });
    expect((await content(first.id)).statusCode).toBe(200);
    expect((await content(second.id)).statusCode).toBe(404);
  });

  it('stores a run whose error message quotes a NUL byte, without the NUL', async () => {
    const run = uploadedRun(here, {
      startedAt: new Date(NOW - 10_000).toISOString(),
      ok: false,
      errorClass: 'assertion',
      errorMessage: 'body was "a\u0000b"',
    });
    expect((await upload([run])).json<AgentRunBatchResult>().stored).toBe(1);
    const [stored] = await harness.services.runs.listRuns({ checkId: here.id, limit: 1 });
    expect(stored?.errorMessage).toBe('body was "ab"');
  });
});
