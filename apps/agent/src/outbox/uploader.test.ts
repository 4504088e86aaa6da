import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentRunBatchResult, UploadedRun } from '@ganzhi/contracts';
import { createSilentLogger } from '@ganzhi/runtime';
import { FakeClock } from '@ganzhi/testing';
import {
  ServerClient,
  ServerRejectedError,
  ServerUnavailableError,
  type RequestOptions,
  type Timed,
} from '../sync/server-client.js';
import { OutboxStore } from './outbox-store.js';
import { Uploader } from './uploader.js';

const T0 = Date.UTC(2026, 10, 22, 8, 0);

function run(index: number): UploadedRun {
  return {
    id: `run-${index}`,
    checkId: 'check-1',
    agentId: 'agent-1',
    location: 'changsha',
    startedAt: new Date(T0 + index * 1000).toISOString(),
    durationMs: 100,
    ok: true,
    errorClass: null,
    errorMessage: null,
    steps: [],
    artifacts: [],
    clockOffsetMs: null,
  };
}

/** A server that refuses every batch holding a poison run whole (400), and rejects others one by one. */
class ScriptedServer extends ServerClient {
  readonly batches: string[][] = [];
  poison = new Set<string>();
  rejectOne = new Set<string>();
  down = false;

  constructor() {
    super('http://server.invalid/', () => T0);
  }

  override request<T>(options: RequestOptions<T>): Promise<Timed<T>> {
    if (this.down) return Promise.reject(new ServerUnavailableError('connect ECONNREFUSED'));
    const body = JSON.parse(String(options.body)) as { runs: UploadedRun[] };
    const ids = body.runs.map((one) => one.id);
    this.batches.push(ids);
    const poisoned = ids.find((id) => this.poison.has(id));
    if (poisoned !== undefined)
      return Promise.reject(new ServerRejectedError(`400 runs.0.startedAt: invalid (${poisoned})`, 400));
    const rejected = ids.flatMap((id, index) =>
      this.rejectOne.has(id) ? [{ index, id, reason: 'check "check-1" no longer exists' }] : [],
    );
    const answer: AgentRunBatchResult = {
      stored: ids.length - rejected.length,
      duplicates: 0,
      rejected,
      gapsStored: 0,
      serverTime: new Date(T0).toISOString(),
    };
    return Promise.resolve({ value: options.parser.parse(answer), sentAtMs: T0, receivedAtMs: T0 });
  }
}

describe('Uploader', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function setUp(runs: number) {
    const dir = mkdtempSync(join(tmpdir(), 'ganzhi-uploader-'));
    dirs.push(dir);
    const store = new OutboxStore(join(dir, 'outbox.db'), { maxBytes: 1024 ** 3, maxAgeMs: 86_400_000 });
    for (let i = 0; i < runs; i++) store.append(run(i));
    const server = new ScriptedServer();
    const uploader = new Uploader({
      store,
      client: server,
      clock: new FakeClock(T0),
      logger: createSilentLogger(),
      credential: () => 'gza_test-credential',
      maxBackoffMs: 1000,
    });
    return { store, server, uploader };
  }

  it('parks a run the server refuses whole with 400 and delivers the rest of the batch', async () => {
    const { store, server, uploader } = setUp(9);
    server.poison.add('run-6');
    await uploader.uploadOnce();
    expect(store.stats().runs).toBe(0);
    const delivered = server.batches.filter((ids) => !ids.includes('run-6')).flat();
    expect(delivered.sort()).toEqual(
      Array.from({ length: 9 }, (_, i) => `run-${i}`)
        .filter((id) => id !== 'run-6')
        .sort(),
    );
    expect(store.listParked()).toEqual([
      expect.objectContaining({ kind: 'run', reason: expect.stringContaining('run-6') as string }),
    ]);
    expect(uploader.status.parked).toBe(1);
    // Found by bisection: a handful of requests, not one per run.
    expect(server.batches.length).toBeLessThanOrEqual(9);
    await uploader.uploadOnce();
    expect(server.batches.flat().filter((id) => id === 'run-6').length).toBeLessThanOrEqual(4);
    store.close();
  });

  it('parks runs the server rejected one by one, with their reasons, and never sends them again', async () => {
    const { store, server, uploader } = setUp(3);
    server.rejectOne.add('run-1');
    await uploader.uploadOnce();
    expect(store.stats().runs).toBe(0);
    expect(store.listParked()).toEqual([
      expect.objectContaining({ kind: 'run', reason: 'check "check-1" no longer exists' }),
    ]);
    expect(await uploader.uploadOnce()).toBe(0);
    store.close();
  });

  it('keeps every run while the server is unreachable', async () => {
    const { store, server, uploader } = setUp(3);
    server.down = true;
    await expect(uploader.uploadOnce()).rejects.toThrow(ServerUnavailableError);
    expect(store.stats().runs).toBe(3);
    expect(store.listParked()).toEqual([]);
    store.close();
  });
});
