import { describe, expect, it } from 'vitest';
import { createBatchWriter } from './batch-writer.js';

/** A writer whose batches are recorded; `failOn` makes a batch containing that item throw. */
function recordingWriter(options: { failOn?: number; waitForMore?: () => Promise<void> } = {}) {
  const batches: number[][] = [];
  const writer = createBatchWriter<number, string>({
    write(items) {
      batches.push([...items]);
      if (options.failOn !== undefined && items.includes(options.failOn))
        return Promise.reject(new Error(`item ${options.failOn} is bad`));
      return Promise.resolve(items.map((item) => `stored ${item}`));
    },
    waitForMore: options.waitForMore ?? (() => new Promise<void>((resolve) => setImmediate(resolve))),
  });
  return { writer, batches };
}

describe('batch writer', () => {
  it('writes items submitted in the same tick as one batch, each caller getting its own results', async () => {
    const { writer, batches } = recordingWriter();
    const results = await Promise.all([writer.submit([1]), writer.submit([2, 3]), writer.submit([4])]);
    expect(batches).toEqual([[1, 2, 3, 4]]);
    expect(results).toEqual([['stored 1'], ['stored 2', 'stored 3'], ['stored 4']]);
  });

  it('gathers what arrives while a batch is being written into the next one', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const batches: number[][] = [];
    const writer = createBatchWriter<number, number>({
      async write(items) {
        batches.push([...items]);
        if (batches.length === 1) await held;
        return [...items];
      },
      waitForMore: () => Promise.resolve(),
    });
    const first = writer.submit([1]);
    await new Promise<void>((resolve) => setImmediate(resolve));
    const later = [writer.submit([2]), writer.submit([3])];
    release();
    await Promise.all([first, ...later]);
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it('fails only the caller whose item broke a shared batch', async () => {
    const { writer } = recordingWriter({ failOn: 2 });
    const results = await Promise.allSettled([writer.submit([1]), writer.submit([2]), writer.submit([3])]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results[0]).toEqual({ status: 'fulfilled', value: ['stored 1'] });
  });

  it('starts an immediate submission without waiting for company', async () => {
    let waited = 0;
    const { writer, batches } = recordingWriter({
      waitForMore: () => ((waited += 1), Promise.resolve()),
    });
    await writer.submit([1, 2], { immediate: true });
    expect(waited).toBe(0);
    expect(batches).toEqual([[1, 2]]);
  });

  it('says when everything submitted so far is written', async () => {
    const { writer, batches } = recordingWriter();
    void writer.submit([1]);
    void writer.submit([2]);
    await writer.flushed();
    expect(batches).toEqual([[1, 2]]);
  });
});
