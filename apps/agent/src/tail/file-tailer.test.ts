import { appendFileSync, mkdtempSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TransactionRecord } from '@ganzhi/contracts';
import { createSilentLogger } from '@ganzhi/runtime';
import { FakeClock } from '@ganzhi/testing';
import { OutboxStore } from '../outbox/outbox-store.js';
import { FileTailer, type FileTailerDeps } from './file-tailer.js';
import type { TailSource } from './tail-config.js';

const T0 = Date.UTC(2026, 10, 22, 2, 0);

/** One log line per transaction; `clerkId` carries the line's number so tests can tell lines apart. */
function line(n: number): string {
  return `${JSON.stringify({ time: T0 + n * 1000, business: 'payment', clerkId: `L${n}`, latencyMs: n, outcome: 'ok' })}\n`;
}

function lines(from: number, to: number): string {
  let text = '';
  for (let n = from; n < to; n++) text += line(n);
  return text;
}

function range(from: number, to: number): string[] {
  return Array.from({ length: to - from }, (_, i) => `L${from + i}`);
}

describe('FileTailer', () => {
  const dirs: string[] = [];
  const stores: OutboxStore[] = [];
  afterEach(() => {
    for (const store of stores.splice(0)) store.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function setup(overrides: Partial<TailSource> = {}) {
    const dir = mkdtempSync(join(tmpdir(), 'ganzhi-tail-'));
    dirs.push(dir);
    const path = join(dir, 'crm-txn.log');
    const source: TailSource = {
      name: 'hall-crm',
      path,
      format: 'json',
      pattern: undefined,
      fields: {},
      constants: { channel: 'hall', region: 'changsha' },
      time: { format: 'epoch-ms', timeZone: 'Asia/Shanghai' },
      latencyUnit: 'ms',
      okValues: ['ok'],
      startAt: 'beginning',
      ...overrides,
    };
    const clock = new FakeClock(T0 + 3_600_000);
    const openStore = () => {
      const store = new OutboxStore(join(dir, 'outbox.db'), { maxBytes: 1024 ** 3, maxAgeMs: 86_400_000 });
      stores.push(store);
      return store;
    };
    let store = openStore();
    const tailer = (deps: Partial<FileTailerDeps> = {}) =>
      new FileTailer({ source, store, clock, logger: createSilentLogger(), agentKey: 'agent-7', ...deps });
    /** Every record committed so far, oldest first. */
    const committed = (): TransactionRecord[] => {
      const batch = store.peekRecords({ maxRecords: 1_000_000, maxBytes: 1024 ** 3 });
      return JSON.parse(`[${batch.recordsJson}]`) as TransactionRecord[];
    };
    const clerks = () => committed().map((record) => record.clerkId);
    /** Closes the store as a crash would leave it (the tailer is dropped, never stopped) and opens it again. */
    const reopen = () => {
      store.close();
      stores.splice(stores.indexOf(store), 1);
      store = openStore();
    };
    return { dir, path, source, clock, tailer, committed, clerks, reopen, store: () => store };
  }

  it('reads complete lines only: a partial last line waits for its newline', async () => {
    const { path, tailer, clerks } = setup();
    writeFileSync(path, lines(0, 3) + line(3).slice(0, 20));
    const tail = tailer();
    await tail.pollOnce();
    expect(clerks()).toEqual(range(0, 3));
    appendFileSync(path, line(3).slice(20) + line(4).slice(0, 5));
    await tail.pollOnce();
    expect(clerks()).toEqual(range(0, 4));
    appendFileSync(path, line(4).slice(5));
    await tail.pollOnce();
    expect(clerks()).toEqual(range(0, 5));
  });

  it('starts at the end of a file it has never seen when told to, and reads a file created later from its start', async () => {
    const { path, tailer, clerks } = setup({ startAt: 'end' });
    writeFileSync(path, lines(0, 5) + line(5).slice(0, 10));
    const tail = tailer();
    await tail.pollOnce();
    expect(clerks()).toEqual([]);
    appendFileSync(path, line(5).slice(10) + lines(6, 8));
    await tail.pollOnce();
    expect(clerks()).toEqual(range(5, 8));

    const late = setup({ startAt: 'end' });
    const lateTail = late.tailer();
    await lateTail.pollOnce();
    writeFileSync(late.path, lines(0, 4));
    await lateTail.pollOnce();
    expect(late.clerks()).toEqual(range(0, 4));
  });

  it('follows a rename: finishes the old file through its descriptor, then reads the new one from 0', async () => {
    const { path, tailer, committed } = setup();
    writeFileSync(path, lines(0, 10));
    const tail = tailer();
    await tail.pollOnce();
    renameSync(path, `${path}.1`);
    appendFileSync(`${path}.1`, lines(10, 15) + line(15).trimEnd()); // written late; the last line never ends
    await tail.pollOnce(); // no new file yet: keeps reading the renamed one
    writeFileSync(path, lines(16, 20));
    await tail.pollOnce();
    const records = committed();
    expect(records.map((record) => record.clerkId)).toEqual(range(0, 20));
    expect(new Set(records.map((record) => record.externalId)).size).toBe(20);
    expect(records[0]?.externalId).toMatch(/^agent-7:hall-crm:\d+:0:0$/);
    expect(records[16]?.externalId).toMatch(/^agent-7:hall-crm:\d+:1:0$/);
  });

  it('starts again from 0 after a truncation, with external ids that differ from the first pass', async () => {
    const { path, tailer, committed } = setup();
    writeFileSync(path, lines(0, 10));
    const tail = tailer();
    await tail.pollOnce();
    truncateSync(path, 0);
    writeFileSync(path, lines(10, 12));
    await tail.pollOnce();
    const records = committed();
    expect(records.map((record) => record.clerkId)).toEqual(range(0, 12));
    expect(new Set(records.map((record) => record.externalId)).size).toBe(12);
  });

  it('resumes at the remembered position after a restart: nothing lost, nothing twice', async () => {
    const { path, tailer, clerks, reopen } = setup({ startAt: 'end' });
    writeFileSync(path, lines(0, 30));
    const first = tailer({ maxLinesPerCommit: 7 });
    first.start(); // the first poll runs at once
    await expect.poll(() => first.status.offset).not.toBeNull();
    expect(clerks()).toEqual([]);
    await first.stop();
    appendFileSync(path, lines(30, 50));
    await tailer({ maxLinesPerCommit: 7 }).pollOnce();
    reopen(); // a crash right after a commit: the store keeps what the tailer committed, with its position
    appendFileSync(path, lines(50, 60));
    await tailer().pollOnce();
    expect(clerks()).toEqual(range(30, 60));
  });

  it('finishes a file rotated while the agent was down before reading its successor', async () => {
    const { path, tailer, clerks, reopen } = setup();
    writeFileSync(path, lines(0, 10));
    await tailer().pollOnce();
    reopen();
    appendFileSync(path, lines(10, 14));
    renameSync(path, `${path}.1`);
    writeFileSync(path, lines(14, 20));
    await tailer().pollOnce();
    expect(clerks()).toEqual(range(0, 20));
  });

  it('commits at most N lines per transaction, each batch with its own position', async () => {
    const { path, tailer, store, clerks } = setup();
    writeFileSync(path, lines(0, 25));
    await tailer({ maxLinesPerCommit: 10 }).pollOnce();
    expect(store().peekRecords({ maxRecords: 1, maxBytes: 1024 ** 2 }).records).toBe(10);
    expect(store().stats().records).toBe(25);
    expect(clerks()).toEqual(range(0, 25));
  });

  it('skips lines that do not parse and lines longer than a chunk, counting them, and goes on', async () => {
    const { path, tailer, clerks } = setup();
    writeFileSync(
      path,
      `${line(0)}not json\n${'x'.repeat(300)}\n${line(1).replace('\n', '\r\n')}\n${line(2)}`,
    );
    const tail = tailer({ chunkBytes: 256 });
    await tail.pollOnce();
    expect(clerks()).toEqual(range(0, 3));
    expect(tail.status.parseErrors).toBe(2);
    expect(tail.status.lastParseError?.reason).toBe('line longer than 256 bytes');
  });
});
