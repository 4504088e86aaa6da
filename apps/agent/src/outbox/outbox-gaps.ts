import type { AgentGap } from '@ganzhi/contracts';

/** A buffered run or record batch that may be dropped (buffer full or too old). */
export interface DropCandidate {
  readonly kind: 'run' | 'records';
  readonly seq: number;
  /** The gap's `byCheck` key: the check id of a run, `tail:<source>` for records from a tailed log. */
  readonly key: string;
  /** Runs (1) or records in the batch. */
  readonly count: number;
  /** Time range of the data (run start, record times), for the gap's from/to. */
  readonly fromAt: number;
  readonly toAt: number;
  /** When it entered the buffer: decides which goes first. */
  readonly bufferedAt: number;
  readonly bytes: number;
}

/**
 * The oldest buffered items, runs and record batches merged by when they were buffered, until `excessBytes` are
 * freed. Each list holds the oldest `limit` of its table; `complete` is false when a list full to its limit ran out
 * before enough was found (its table may hold older items than the other list's next one: ask again, with more).
 */
export function pickOldest(
  lists: { readonly runs: readonly DropCandidate[]; readonly records: readonly DropCandidate[] },
  excessBytes: number,
  limit: number,
): { picked: DropCandidate[]; complete: boolean } {
  const picked: DropCandidate[] = [];
  let freed = 0;
  let r = 0;
  let b = 0;
  while (freed < excessBytes) {
    const run = lists.runs[r];
    const batch = lists.records[b];
    if ((!run && lists.runs.length >= limit) || (!batch && lists.records.length >= limit))
      return { picked, complete: false };
    const next = run && (!batch || run.bufferedAt <= batch.bufferedAt) ? run : batch;
    if (!next) break;
    if (next === run) r++;
    else b++;
    picked.push(next);
    freed += next.bytes;
  }
  return { picked, complete: true };
}

function gapOf(rows: readonly DropCandidate[], reason: AgentGap['reason'], id: string): AgentGap {
  const byCheck: Record<string, number> = {};
  let from = Infinity;
  let to = -Infinity;
  for (const row of rows) {
    byCheck[row.key] = (byCheck[row.key] ?? 0) + row.count;
    from = Math.min(from, row.fromAt);
    to = Math.max(to, row.toAt);
  }
  return {
    id,
    fromTime: new Date(from).toISOString(),
    toTime: new Date(to).toISOString(),
    droppedRuns: rows.reduce((sum, row) => sum + row.count, 0),
    reason,
    byCheck,
  };
}

/**
 * The gap records for dropped items: one for runs (per check id) and one for records from tailed logs. The records'
 * gap keeps the AgentGap shape the server already stores: `byCheck` is keyed `tail:<source>`, and `droppedRuns`
 * counts records, so no protocol change was needed to report them.
 */
export function describeGaps(
  rows: readonly DropCandidate[],
  reason: AgentGap['reason'],
  newId: () => string,
): AgentGap[] {
  const runs = rows.filter((row) => row.kind === 'run');
  const records = rows.filter((row) => row.kind === 'records');
  return [
    ...(runs.length > 0 ? [gapOf(runs, reason, newId())] : []),
    ...(records.length > 0 ? [gapOf(records, reason, newId())] : []),
  ];
}
