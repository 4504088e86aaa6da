import { systemContext } from '../modules/auth/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Check, CheckInput, Run } from '@ganzhi/contracts';
import { checkInputSchema } from '@ganzhi/contracts';
import { Secret, createSilentLogger, systemClock } from '@ganzhi/runtime';
import { FakeClock } from '@ganzhi/testing';
import { createMetrics } from '../http/metrics.js';
import { compactDirtyRollups, queryBuckets } from '../modules/series/index.js';
import { createProbingSetup } from '@ganzhi/probes';
import { createServices, type Services } from '../services.js';
import { NO_BROWSER_PROBING, createTestSecretBox } from '../test-probing.js';
import { describeEachDialect, openTestDatabase, type TestDatabase } from './each-dialect.js';

function input(overrides: Partial<CheckInput> = {}): CheckInput {
  return checkInputSchema.parse({
    name: 'Web hall balance query',
    channel: 'web_hall',
    business: 'balance_query',
    region: 'changsha',
    steps: [{ kind: 'http', url: 'http://127.0.0.1:9/balance' }],
    ...overrides,
  });
}

function run(check: Check, overrides: Partial<Run> & { startedAtMs: number }): Run {
  const { startedAtMs, ...rest } = overrides;
  return {
    id: crypto.randomUUID(),
    checkId: check.id,
    agentId: 'builtin-local',
    location: 'local',
    startedAt: new Date(startedAtMs).toISOString(),
    durationMs: 120,
    ok: true,
    errorClass: null,
    errorMessage: null,
    steps: [],
    artifacts: [],
    ...rest,
  };
}

describeEachDialect('storage', (dialect) => {
  let database: TestDatabase;
  let services: Services;
  const clock = new FakeClock(Date.UTC(2026, 10, 2, 1, 30));
  const ctx = systemContext({ clock: systemClock, logger: createSilentLogger() });

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    services = createServices({
      db: database.db,
      clock,
      logger: createSilentLogger(),
      metrics: createMetrics(),
      timeZone: 'Asia/Shanghai',
      version: 'test',
      probeConcurrency: 2,
      agentClockSkewMs: 2000,
      probing: await createProbingSetup(NO_BROWSER_PROBING),
      secretBox: createTestSecretBox(),
    });
    await services.dimensions.seedDefaults();
  });
  afterAll(async () => database.destroy());

  it('seeds the default dimensions once, however often it runs', async () => {
    await services.dimensions.seedDefaults();
    const dimensions = await services.dimensions.listDimensions();
    expect(dimensions.channels.map((c) => c.code)).toContain('web_hall');
    expect(dimensions.regions.filter((r) => r.level === 'city')).toHaveLength(14);
    expect(dimensions.businesses.find((b) => b.code === 'payment')?.slaMs).toBe(3000);
  });

  it('round-trips a check with its steps, tags and dimensions', async () => {
    const created = await services.checks.createCheck({
      ctx,
      input: input({ name: 'roundtrip', tags: ['a', 'b'] }),
    });
    const loaded = await services.checks.getCheck({ id: created.id });
    expect(loaded).toEqual(created);
    expect(loaded.steps[0]).toMatchObject({
      kind: 'http',
      method: 'GET',
      timeoutMs: 10_000,
      expectStatus: '2xx',
    });
  });

  it('rejects references to unknown dimension values with field errors', async () => {
    await expect(
      services.checks.createCheck({
        ctx,
        input: input({ name: 'bad dims', region: 'atlantis', channel: 'fax' }),
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [
        { path: 'channel', message: 'unknown channel "fax"' },
        { path: 'region', message: 'unknown region "atlantis"' },
      ],
    });
  });

  it('stores a replayed run once and counts it once in the rollups', async () => {
    const check = await services.checks.createCheck({ ctx, input: input({ name: 'idempotent' }) });
    const once = run(check, { startedAtMs: clock.now() });
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await services.runs.recordRun({ run: once, check }));
    expect(results.map((r) => r.stored)).toEqual([true, false, false]);
    const series = await services.series.getCheckSeries({
      db: database.db,
      checkId: check.id,
      fromMs: clock.now() - 3_600_000,
      toMs: clock.now() + 60_000,
      resolution: 'minute',
    });
    expect(series.total.count).toBe(1);
  });

  it('merges runs of one minute into one rollup row with an exact histogram', async () => {
    const check = await services.checks.createCheck({ ctx, input: input({ name: 'merge' }) });
    const minute = Date.UTC(2026, 10, 2, 1, 10);
    const latencies = [100, 1900, 2500, 6000, 12_000];
    for (const [i, durationMs] of latencies.entries()) {
      await services.runs.recordRun({
        run: run(check, { startedAtMs: minute + i * 1000, durationMs, ok: i !== 4 }),
        check,
      });
    }
    const series = await services.series.getCheckSeries({
      db: database.db,
      checkId: check.id,
      fromMs: minute,
      toMs: minute + 60_000,
      resolution: 'minute',
    });
    expect(series.points).toHaveLength(1);
    expect(series.points[0]).toMatchObject({ count: 5, failures: 1 });
    expect(series.total.tiers).toEqual({ fast: 2, slow: 1, sluggish: 1, verySlow: 1 });
    expect(series.points[0]?.meanMs).toBeCloseTo(latencies.reduce((a, b) => a + b) / 5);
  });

  it('compacts minutes into hours and local days, and re-aggregates when late data arrives', async () => {
    const check = await services.checks.createCheck({ ctx, input: input({ name: 'compaction' }) });
    const hour = Date.UTC(2026, 10, 1, 20); // 04:00 on 2 Nov in Shanghai
    for (let m = 0; m < 3; m++) {
      await services.runs.recordRun({ run: run(check, { startedAtMs: hour + m * 60_000 }), check });
    }
    await compactDirtyRollups(database.db, { timeZone: 'Asia/Shanghai', limit: 100 });
    const keys = [`check:${check.id}@local`];
    const dayStart = Date.UTC(2026, 10, 1, 16); // local midnight of 2 Nov
    let hours = await queryBuckets(database.db, {
      table: 'rollups_hour',
      seriesKeys: keys,
      fromMs: hour,
      toMs: hour + 3_600_000,
    });
    let days = await queryBuckets(database.db, {
      table: 'rollups_day',
      seriesKeys: keys,
      fromMs: dayStart,
      toMs: dayStart + 1,
    });
    expect(hours.map((h) => h.count)).toEqual([3]);
    expect(days.map((d) => d.count)).toEqual([3]);

    // A run delivered late, for a minute already compacted.
    await services.runs.recordRun({ run: run(check, { startedAtMs: hour + 30 * 60_000, ok: false }), check });
    await compactDirtyRollups(database.db, { timeZone: 'Asia/Shanghai', limit: 100 });
    hours = await queryBuckets(database.db, {
      table: 'rollups_hour',
      seriesKeys: keys,
      fromMs: hour,
      toMs: hour + 3_600_000,
    });
    days = await queryBuckets(database.db, {
      table: 'rollups_day',
      seriesKeys: keys,
      fromMs: dayStart,
      toMs: dayStart + 1,
    });
    expect(hours[0]).toMatchObject({ count: 4, failures: 1 });
    expect(days[0]).toMatchObject({ count: 4, failures: 1 });
  });

  it('lists runs newest first and summarises status and 24-hour success', async () => {
    const check = await services.checks.createCheck({ ctx, input: input({ name: 'summary' }) });
    await services.runs.recordRun({ run: run(check, { startedAtMs: clock.now() - 120_000 }), check });
    await services.runs.recordRun({
      run: run(check, { startedAtMs: clock.now() - 60_000, ok: false, errorClass: 'timeout' }),
      check,
    });
    const runs = await services.runs.listRuns({ checkId: check.id, limit: 10 });
    expect(runs.map((r) => r.ok)).toEqual([false, true]);
    const summary = await services.checks.getCheckSummary({ ctx, id: check.id });
    expect(summary).toMatchObject({ status: 'down', runs24h: 2, successRatio24h: 0.5 });
    expect(summary.lastRun?.errorClass).toBe('timeout');
  });

  it('applies checks by name: creates, then updates, all or nothing', async () => {
    const first = await services.checks.applyChecks({ ctx, inputs: [input({ name: 'as-code' })] });
    const second = await services.checks.applyChecks({
      ctx,
      inputs: [input({ name: 'as-code', intervalSeconds: 30 })],
    });
    expect(first[0]?.action).toBe('created');
    expect(second[0]).toMatchObject({ action: 'updated', id: first[0]?.id });
    await expect(
      services.checks.applyChecks({
        ctx,
        inputs: [input({ name: 'never' }), input({ name: 'x', region: 'nowhere' })],
      }),
    ).rejects.toMatchObject({ details: [{ path: 'checks.1.region' }] });
    expect((await services.checks.listChecks()).some((c) => c.name === 'never')).toBe(false);
  });

  it('stores a run’s artifacts as bytes and lists their sizes with the run', async () => {
    const check = await services.checks.createCheck({ ctx, input: input({ name: 'scene' }) });
    const failed = run(check, { startedAtMs: clock.now(), ok: false, errorClass: 'assertion' });
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
    await services.runs.recordRun({
      run: failed,
      check,
      artifactContents: [
        { id: 'art-1', stepIndex: 2, kind: 'screenshot', contentType: 'image/png', content: png },
      ],
    });
    const [listed] = await services.runs.listRuns({ checkId: check.id, limit: 1 });
    expect(listed?.artifacts).toEqual([
      { id: 'art-1', stepIndex: 2, kind: 'screenshot', contentType: 'image/png', bytes: 8 },
    ]);
    const stored = await services.runs.getArtifact({ runId: failed.id, artifactId: 'art-1' });
    expect(Buffer.from(stored?.content ?? []).equals(Buffer.from(png))).toBe(true);
    await services.checks.deleteCheck({ ctx, id: check.id });
    expect(await services.runs.getArtifact({ runId: failed.id, artifactId: 'art-1' })).toBeUndefined();
  });

  it('deletes a check with its runs', async () => {
    const check = await services.checks.createCheck({ ctx, input: input({ name: 'doomed' }) });
    await services.runs.recordRun({ run: run(check, { startedAtMs: clock.now() }), check });
    await services.checks.deleteCheck({ ctx, id: check.id });
    await expect(services.checks.getCheck({ id: check.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await services.runs.listRuns({ checkId: check.id, limit: 5 })).toEqual([]);
  });

  describe('auth', () => {
    it('bootstraps the admin once with a generated password, and resets it from the environment', async () => {
      const first = await services.auth.bootstrapAdmin({ password: undefined });
      expect(first.created).toBe(true);
      expect(first.generatedPassword).toMatch(/^[\w-]{16}$/);
      const again = await services.auth.bootstrapAdmin({ password: undefined });
      expect(again).toEqual({ created: false, generatedPassword: null });
      const client = { requestId: null, clientAddress: '127.0.0.1' };
      const login = await services.auth.login({
        input: { username: 'admin', password: first.generatedPassword ?? '' },
        client,
      });
      const actor = await services.auth.actorFromSession({ sessionToken: login.sessionToken });
      expect(actor).toMatchObject({ kind: 'user', username: 'admin' });
      await expect(
        services.auth.login({ input: { username: 'admin', password: 'wrong' }, client }),
      ).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
      });
    });

    it('resolves a bearer token to its owner and stores only its hash', async () => {
      const owner = await database.db
        .selectFrom('users')
        .select(['id', 'username'])
        .executeTakeFirstOrThrow();
      const client = { requestId: null, clientAddress: '127.0.0.1' };
      await services.auth.bootstrapAdmin({ password: new Secret('admin-password-1') });
      const actor = await services.auth.actorFromSession({
        sessionToken: (
          await services.auth.login({ input: { username: 'admin', password: 'admin-password-1' }, client })
        ).sessionToken,
      });
      if (!actor) throw new Error('no session');
      const created = await services.auth.createToken({
        ctx: { actor, requestId: null, clientAddress: null, clock, logger: createSilentLogger() },
        input: { name: 'agent', scopes: ['ingest:write'] },
      });
      const stored = await database.db
        .selectFrom('api_tokens')
        .select('token_hash')
        .where('id', '=', created.id)
        .executeTakeFirstOrThrow();
      expect(stored.token_hash).not.toContain(created.token);
      const tokenActor = await services.auth.actorFromBearer({ token: created.token, client });
      expect(tokenActor).toMatchObject({ kind: 'token', username: owner.username });
      expect(tokenActor?.kind === 'token' && [...tokenActor.permissions]).toEqual(['ingest:write']);
      expect(await services.auth.actorFromBearer({ token: 'gzt_forged', client })).toBeNull();
    });
  });
});
