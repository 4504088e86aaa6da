import type { OutboxBatch, RecordBatch } from './outbox-store.js';

function halve<T>(items: readonly T[]): [T[], T[]] {
  const middle = Math.ceil(items.length / 2);
  return [items.slice(0, middle), items.slice(middle)];
}

export function sizeOfRunBatch(batch: OutboxBatch): number {
  return batch.runSeqs.length + batch.gapSeqs.length;
}

/** Gaps apart from runs first, then halves of whichever is left; each half stays a contiguous, ordered prefix. */
export function splitRunBatch(batch: OutboxBatch): [OutboxBatch, OutboxBatch] {
  const none = { runSeqs: [], runJson: [], gapSeqs: [], gapJson: [] };
  if (batch.gapSeqs.length > 0 && batch.runSeqs.length > 0)
    return [
      { ...none, gapSeqs: batch.gapSeqs, gapJson: batch.gapJson },
      { ...none, runSeqs: batch.runSeqs, runJson: batch.runJson },
    ];
  if (batch.gapSeqs.length > 0) {
    const [seqsA, seqsB] = halve(batch.gapSeqs);
    const [jsonA, jsonB] = halve(batch.gapJson);
    return [
      { ...none, gapSeqs: seqsA, gapJson: jsonA },
      { ...none, gapSeqs: seqsB, gapJson: jsonB },
    ];
  }
  const [seqsA, seqsB] = halve(batch.runSeqs);
  const [jsonA, jsonB] = halve(batch.runJson);
  return [
    { ...none, runSeqs: seqsA, runJson: jsonA },
    { ...none, runSeqs: seqsB, runJson: jsonB },
  ];
}

export function splitRecordBatch(batch: RecordBatch): [RecordBatch, RecordBatch] {
  const [seqsA, seqsB] = halve(batch.seqs);
  const [jsonA, jsonB] = halve(batch.rowJson);
  const [countsA, countsB] = halve(batch.counts);
  const part = (seqs: number[], rowJson: string[], counts: number[]): RecordBatch => ({
    seqs,
    recordsJson: rowJson.join(','),
    rowJson,
    counts,
    records: counts.reduce((total, count) => total + count, 0),
  });
  return [part(seqsA, jsonA, countsA), part(seqsB, jsonB, countsB)];
}
