import { describe, expect, it } from 'vitest';
import { FakeClock, flushMicrotasks } from '@ganzhi/testing';
import { createGroupCommit } from './group-commit.js';

/** A commit that records each transaction's items and finishes only when told. */
function recordingCommit() {
  const transactions: string[][] = [];
  const pending: { items: string[]; finish: (error?: Error) => void }[] = [];
  const commit = (items: readonly string[]) =>
    new Promise<string[]>((resolve, reject) => {
      pending.push({
        items: [...items],
        finish: (error) => {
          if (error) return reject(error);
          transactions.push([...items]);
          resolve(items.map((item) => `${item}:ok`));
        },
      });
    });
  /** Finishes the oldest running transaction. */
  const finishNext = async (error?: Error) => {
    await flushMicrotasks();
    pending.shift()?.finish(error);
    await flushMicrotasks();
  };
  return { commit, transactions, pending, finishNext };
}

function setUp(overrides: { maxGroupWeight?: number; maxWaitMs?: number } = {}) {
  const clock = new FakeClock();
  const writer = recordingCommit();
  const group = createGroupCommit({
    commit: writer.commit,
    weightOf: (item: string) => item.length,
    maxGroupWeight: overrides.maxGroupWeight ?? 100,
    maxInFlight: 1,
    maxWaitMs: overrides.maxWaitMs ?? 10,
    clock,
  });
  return { clock, writer, group };
}

describe('group commit', () => {
  it('writes what arrives during a transaction together in the next one, answering each after its commit', async () => {
    const { writer, group } = setUp();
    const answers: string[] = [];
    const submit = (item: string) => group.submit(item).then((answer) => answers.push(answer));
    const all = [submit('a')];
    await flushMicrotasks();
    all.push(submit('b'), submit('c'));
    await flushMicrotasks();
    expect(writer.pending.map((t) => t.items)).toEqual([['a']]);
    expect(answers).toEqual([]);
    await writer.finishNext();
    expect(answers).toEqual(['a:ok']);
    expect(writer.pending.map((t) => t.items)).toEqual([['b', 'c']]);
    await writer.finishNext();
    await Promise.all(all);
    expect(answers).toEqual(['a:ok', 'b:ok', 'c:ok']);
    expect(writer.transactions).toEqual([['a'], ['b', 'c']]);
  });

  it('lets the event loop turn once before a transaction, so items submitted together are written together', async () => {
    const { writer, group } = setUp();
    const all = ['a', 'b', 'c'].map((item) => group.submit(item));
    expect(writer.pending).toEqual([]);
    await writer.finishNext();
    expect(await Promise.all(all)).toEqual(['a:ok', 'b:ok', 'c:ok']);
    expect(writer.transactions).toEqual([['a', 'b', 'c']]);
  });

  it('keeps a transaction within the weight limit, and writes an item heavier than the limit alone', async () => {
    const { writer, group } = setUp({ maxGroupWeight: 4 });
    const all = ['x', 'aa', 'bb', 'cc', 'dddddd'].map((item) => group.submit(item));
    for (let i = 0; i < 3; i++) await writer.finishNext();
    await Promise.all(all);
    expect(writer.transactions).toEqual([['x', 'aa'], ['bb', 'cc'], ['dddddd']]);
  });

  it('waits for announced items before starting, and starts as soon as the last one is submitted or withdrawn', async () => {
    const { writer, group } = setUp();
    const first = group.announce();
    const second = group.announce();
    const answers = [group.submit('a')];
    await flushMicrotasks();
    expect(writer.pending).toEqual([]);
    answers.push(first.submit('b'));
    await flushMicrotasks();
    expect(writer.pending).toEqual([]);
    second.withdraw();
    await flushMicrotasks();
    expect(writer.pending.map((t) => t.items)).toEqual([['a', 'b']]);
    await writer.finishNext();
    expect(await Promise.all(answers)).toEqual(['a:ok', 'b:ok']);
  });

  it('waits at most maxWaitMs for an announced item that does not come', async () => {
    const { clock, writer, group } = setUp({ maxWaitMs: 10 });
    group.announce();
    const answer = group.submit('a');
    await clock.advance(9);
    expect(writer.pending).toEqual([]);
    await clock.advance(1);
    expect(writer.pending.map((t) => t.items)).toEqual([['a']]);
    await writer.finishNext();
    expect(await answer).toBe('a:ok');
  });

  it('retries the items of a failed transaction one by one, so one that cannot be written fails alone', async () => {
    const clock = new FakeClock();
    const written: string[][] = [];
    const group = createGroupCommit({
      commit: (items: readonly string[]) => {
        if (items.includes('bad')) return Promise.reject(new Error('constraint violated'));
        written.push([...items]);
        return Promise.resolve(items.map((item) => `${item}:ok`));
      },
      weightOf: () => 1,
      maxGroupWeight: 100,
      maxInFlight: 1,
      maxWaitMs: 10,
      clock,
    });
    const blocker = group.announce();
    const results = ['a', 'bad', 'c'].map((item) =>
      group.submit(item).then(
        (answer) => answer,
        (error: Error) => error.message,
      ),
    );
    blocker.withdraw();
    expect(await Promise.all(results)).toEqual(['a:ok', 'constraint violated', 'c:ok']);
    expect(written).toEqual([['a'], ['c']]);
  });

  it('reports a commit that returns the wrong number of results to every sender, without writing again', async () => {
    const clock = new FakeClock();
    let calls = 0;
    const group = createGroupCommit({
      commit: (items: readonly string[]) => {
        calls++;
        return Promise.resolve(items.slice(1));
      },
      weightOf: () => 1,
      maxGroupWeight: 100,
      maxInFlight: 1,
      maxWaitMs: 10,
      clock,
    });
    const blocker = group.announce();
    const results = ['a', 'b'].map((item) => group.submit(item).catch((error: Error) => error.message));
    blocker.withdraw();
    expect(await Promise.all(results)).toEqual([
      'group commit: 1 results for 2 items',
      'group commit: 1 results for 2 items',
    ]);
    expect(calls).toBe(1);
  });
});
