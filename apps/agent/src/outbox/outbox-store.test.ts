import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentGap, TransactionRecord, UploadedRun } from '@ganzhi/contracts';
import { OutboxStore, type OutboxLimits } from './outbox-store.js';

const T0 = Date.UTC(2026, 10, 22, 8, 0);
const roomy: OutboxLimits = { maxBytes: 1024 ** 3, maxAgeMs: 72 * 3_600_000 };

function run(index: number, overrides: Partial<UploadedRun> = {}): UploadedRun {
  return {
    id: `run-${String(index).padStart(6, '0')}`,
    checkId: `check-${index % 3}`,
    agentId: 'agent-1',
    location: 'changsha',
    startedAt: new Date(T0 + index * 1000).toISOString(),
    durationMs: 100 + index,
    ok: index % 7 !== 0,
    errorClass: index % 7 === 0 ? 'timeout' : null,
    errorMessage: index % 7 === 0 ? 'step 1 (home): no answer within 10000 ms' : null,
    steps: [],
    artifacts: [],
    clockOffsetMs: 12,
    ...overrides,
  };
}

function records(from: number, count: number): TransactionRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    time: T0 + (from + i) * 1000,
    business: 'payment',
    channel: 'hall',
    region: 'changsha',
    latencyMs: 100 + i,
    outcome: 'ok',
    // Incompressible ids make a batch's stored size predictable enough to overflow a small bound.
    externalId: `agent-1:hall:${(from + i) * 7919}:${Buffer.from(String(Math.sin(from + i))).toString('base64')}`,
  }));
}

describe('OutboxStore', () => {
  const dirs: string[] = [];
  const open = (limits: OutboxLimits = roomy, dir = mkdtempSync(join(tmpdir(), 'ganzhi-outbox-'))) => {
    dirs.push(dir);
    return { store: new OutboxStore(join(dir, 'outbox.db'), limits), dir };
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps committed runs across a reopen and hands them out oldest first', () => {
    const { store, dir } = open();
    for (let i = 0; i < 50; i++) store.append(run(i));
    store.close();
    const reopened = new OutboxStore(join(dir, 'outbox.db'), roomy);
    expect(reopened.stats()).toMatchObject({ runs: 50, oldestStartedAtMs: T0 });
    const batch = reopened.peekBatch({ maxRuns: 20, maxBytes: 1024 ** 2 });
    expect(batch.runJson.map((json) => (JSON.parse(json) as UploadedRun).id)).toEqual(
      Array.from({ length: 20 }, (_, i) => run(i).id),
    );
    expect(JSON.parse(batch.runJson[7] ?? '')).toEqual(run(7));
    expect(reopened.integrityCheck()).toBe('ok');
    reopened.close();
  });

  it('forgets only what was acknowledged and counts what is left', () => {
    const { store } = open();
    for (let i = 0; i < 30; i++) store.append(run(i));
    const first = store.peekBatch({ maxRuns: 10, maxBytes: 1024 ** 2 });
    store.acknowledge(first);
    expect(store.stats().runs).toBe(20);
    const next = store.peekBatch({ maxRuns: 100, maxBytes: 1024 ** 2 });
    expect((JSON.parse(next.runJson[0] ?? '') as UploadedRun).id).toBe(run(10).id);
    expect(next.runSeqs).toHaveLength(20);
    store.close();
  });

  it('stores a run id once even when appended twice', () => {
    const { store } = open();
    store.append(run(1));
    store.append(run(1));
    expect(store.stats().runs).toBe(1);
    store.close();
  });

  it('limits a batch by bytes but always sends at least one run', () => {
    const { store } = open();
    for (let i = 0; i < 10; i++) store.append(run(i, { errorMessage: 'x'.repeat(2000) + i }));
    expect(store.peekBatch({ maxRuns: 100, maxBytes: 1 }).runSeqs).toHaveLength(1);
    store.close();
  });

  it('drops the oldest runs beyond the size bound and records a gap that says which and when', () => {
    const { store } = open({ maxBytes: 4000, maxAgeMs: roomy.maxAgeMs });
    // Incompressible messages make each run's stored size predictable enough to overflow the bound.
    const noise = (i: number) =>
      Buffer.from(Array.from({ length: 300 }, (_, k) => (i * 31 + k * 17) % 251)).toString('base64');
    for (let i = 0; i < 40; i++) store.append(run(i, { errorMessage: noise(i) }));
    const stats = store.stats();
    expect(stats.bytes).toBeLessThanOrEqual(4000);
    expect(stats.gaps).toBeGreaterThan(0);
    const batch = store.peekBatch({ maxRuns: 1000, maxBytes: 1024 ** 2 });
    const gaps = batch.gapJson.map((json) => JSON.parse(json) as AgentGap);
    const dropped = gaps.reduce((sum, gap) => sum + gap.droppedRuns, 0);
    expect(dropped + stats.runs).toBe(40);
    expect(gaps.every((gap) => gap.reason === 'buffer_full')).toBe(true);
    expect(gaps[0]?.fromTime).toBe(run(0).startedAt);
    expect(Object.values(gaps[0]?.byCheck ?? {}).reduce((a, b) => a + b, 0)).toBe(gaps[0]?.droppedRuns);
    // What is kept is the newest, still in order.
    const kept = batch.runJson.map((json) => (JSON.parse(json) as UploadedRun).id);
    expect(kept).toEqual([...kept].sort());
    expect(kept.at(-1)).toBe(run(39).id);
    store.close();
  });

  it('drops runs older than the age bound with a too_old gap', () => {
    const { store } = open({ maxBytes: roomy.maxBytes, maxAgeMs: 10_000 });
    for (let i = 0; i < 20; i++) store.append(run(i));
    expect(store.dropExpired(T0 + 15_000)).toBe(5);
    const batch = store.peekBatch({ maxRuns: 100, maxBytes: 1024 ** 2 });
    expect(batch.gapJson.map((json) => JSON.parse(json) as AgentGap)).toEqual([
      expect.objectContaining({
        droppedRuns: 5,
        reason: 'too_old',
        fromTime: run(0).startedAt,
        toTime: run(4).startedAt,
      }),
    ]);
    expect(store.stats().runs).toBe(15);
    store.acknowledge(batch);
    expect(store.stats()).toMatchObject({ runs: 0, gaps: 0 });
    store.close();
  });

  it('keeps small state values (credential, assignment) across reopen', () => {
    const { store, dir } = open();
    store.setState('credential', 'gza_abc');
    store.setState('credential', 'gza_def');
    store.close();
    const reopened = new OutboxStore(join(dir, 'outbox.db'), roomy);
    expect(reopened.getState('credential')).toBe('gza_def');
    expect(reopened.getState('missing')).toBeUndefined();
    reopened.close();
  });

  it('commits tailed records and their read position together, and hands records out in batches', () => {
    const { store, dir } = open();
    store.appendRecords({
      source: 'hall',
      records: records(0, 3),
      state: { key: 'tail:hall', value: '3' },
      committedAtMs: T0,
    });
    store.appendRecords({
      source: 'hall',
      records: [],
      state: { key: 'tail:hall', value: '4' },
      committedAtMs: T0,
    });
    store.appendRecords({
      source: 'hall',
      records: records(3, 5),
      state: { key: 'tail:hall', value: '9' },
      committedAtMs: T0,
    });
    store.close();
    const reopened = new OutboxStore(join(dir, 'outbox.db'), roomy);
    expect(reopened.getState('tail:hall')).toBe('9');
    expect(reopened.stats()).toMatchObject({ runs: 0, records: 8, oldestRecordsAt: T0 });
    const first = reopened.peekRecords({ maxRecords: 4, maxBytes: 1024 ** 2 });
    expect(first.records).toBe(3);
    expect(JSON.parse(`[${first.recordsJson}]`)).toEqual(records(0, 3));
    reopened.acknowledgeRecords(first);
    const rest = reopened.peekRecords({ maxRecords: 100, maxBytes: 1024 ** 2 });
    expect(JSON.parse(`[${rest.recordsJson}]`)).toEqual(records(3, 5));
    reopened.acknowledgeRecords(rest);
    expect(reopened.stats()).toMatchObject({ records: 0, bytes: 0 });
    reopened.close();
  });

  it('drops the oldest record batches beyond the size bound with a gap keyed tail:<source>', () => {
    const { store } = open({ maxBytes: 6000, maxAgeMs: roomy.maxAgeMs });
    for (let i = 0; i < 20; i++)
      store.appendRecords({
        source: i % 2 === 0 ? 'hall' : 'ivr',
        records: records(i * 10, 10),
        state: { key: 'tail:x', value: String(i) },
        committedAtMs: T0 + i,
      });
    const stats = store.stats();
    expect(stats.bytes).toBeLessThanOrEqual(6000);
    const batch = store.peekBatch({ maxRuns: 10, maxBytes: 1024 ** 2 });
    const gaps = batch.gapJson.map((json) => JSON.parse(json) as AgentGap);
    const dropped = gaps.reduce((sum, gap) => sum + gap.droppedRuns, 0);
    expect(dropped).toBeGreaterThan(0);
    expect(dropped + stats.records).toBe(200);
    expect(Object.keys(gaps[0]?.byCheck ?? {}).sort()).toEqual(['tail:hall', 'tail:ivr']);
    expect(gaps[0]?.fromTime).toBe(new Date(T0).toISOString());
    const kept = JSON.parse(`[${store.peekRecords({ maxRecords: 1000, maxBytes: 1024 ** 2 }).recordsJson}]`);
    expect((kept as TransactionRecord[]).at(-1)?.time).toBe(T0 + 199_000);
    store.close();
  });

  it('drops record batches buffered longer than the age bound, and runs, each kind with its own gap', () => {
    const { store } = open({ maxBytes: roomy.maxBytes, maxAgeMs: 10_000 });
    for (let i = 0; i < 4; i++) store.append(run(i));
    store.appendRecords({
      source: 'hall',
      records: records(0, 6),
      state: { key: 'k', value: 'v' },
      committedAtMs: T0,
    });
    store.appendRecords({
      source: 'hall',
      records: records(6, 2),
      state: { key: 'k', value: 'v' },
      committedAtMs: T0 + 20_000,
    });
    expect(store.dropExpired(T0 + 15_000)).toBe(4 + 6);
    const gaps = store
      .peekBatch({ maxRuns: 10, maxBytes: 1024 ** 2 })
      .gapJson.map((json) => JSON.parse(json) as AgentGap);
    expect(gaps).toEqual([
      expect.objectContaining({ droppedRuns: 4, reason: 'too_old' }),
      expect.objectContaining({ droppedRuns: 6, reason: 'too_old', byCheck: { 'tail:hall': 6 } }),
    ]);
    expect(store.stats()).toMatchObject({ runs: 0, records: 2 });
    store.close();
  });
});
