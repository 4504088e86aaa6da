import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import Database from 'better-sqlite3';
import type { AgentGap, UploadedRun } from '@ganzhi/contracts';

export interface OutboxLimits {
  /** Compressed bytes of buffered runs; beyond it the oldest are dropped and a gap recorded. */
  readonly maxBytes: number;
  /** Runs older than this are dropped (and a gap recorded). */
  readonly maxAgeMs: number;
}

export interface OutboxStats {
  readonly runs: number;
  readonly bytes: number;
  readonly gaps: number;
  readonly oldestStartedAtMs: number | null;
}

/** A prefix of the outbox, oldest first, as the uploader sends it. */
export interface OutboxBatch {
  readonly runSeqs: readonly number[];
  /** Each run's JSON, as stored (the uploader splices them into the request body). */
  readonly runJson: readonly string[];
  readonly gapSeqs: readonly number[];
  readonly gapJson: readonly string[];
}

interface RunRow {
  seq: number;
  check_id: string;
  started_at: number;
  bytes: number;
}

// Dropping goes down to this share of the size bound, so a full buffer does not drop one run per new run.
const DROP_TO_SHARE = 0.9;

/**
 * The agent's durable buffer: a SQLite file in WAL mode with synchronous=FULL. A run counts as done only once
 * `append` returned, i.e. its transaction is on disk; the uploader removes runs only after the server has
 * acknowledged them. Bounded by size and age: the oldest runs go first, and a gap record (uploaded like runs)
 * says how many were dropped, when, and of which checks. Also keeps the agent's small state (credential,
 * last assignments) so a restart without the server still runs the last known schedule.
 */
export class OutboxStore {
  readonly #db: Database.Database;
  readonly #limits: OutboxLimits;
  #runs = 0;
  #bytes = 0;
  readonly #statements;

  constructor(path: string, limits: OutboxLimits) {
    mkdirSync(dirname(path), { recursive: true });
    this.#db = new Database(path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = FULL');
    this.#db.pragma('busy_timeout = 5000');
    this.#db.exec(`
      CREATE TABLE IF NOT EXISTS outbox_runs (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        check_id TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        payload BLOB NOT NULL
      );
      CREATE INDEX IF NOT EXISTS outbox_runs_started ON outbox_runs (started_at);
      CREATE TABLE IF NOT EXISTS outbox_gaps (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        payload TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS agent_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `);
    this.#limits = limits;
    this.#statements = {
      insertRun: this.#db.prepare(
        'INSERT OR IGNORE INTO outbox_runs (id, check_id, started_at, bytes, payload) VALUES (?, ?, ?, ?, ?)',
      ),
      peekRuns: this.#db.prepare('SELECT seq, bytes, payload FROM outbox_runs ORDER BY seq LIMIT ?'),
      peekGaps: this.#db.prepare('SELECT seq, payload FROM outbox_gaps ORDER BY seq LIMIT ?'),
      deleteRunRange: this.#db.prepare('DELETE FROM outbox_runs WHERE seq BETWEEN ? AND ? RETURNING bytes'),
      deleteGap: this.#db.prepare('DELETE FROM outbox_gaps WHERE seq = ?'),
      oldestRuns: this.#db.prepare(
        'SELECT seq, check_id, started_at, bytes FROM outbox_runs ORDER BY seq LIMIT ?',
      ),
      runsBefore: this.#db.prepare(
        'SELECT seq, check_id, started_at, bytes FROM outbox_runs WHERE started_at < ? ORDER BY seq',
      ),
      deleteRun: this.#db.prepare('DELETE FROM outbox_runs WHERE seq = ? RETURNING bytes'),
      insertGap: this.#db.prepare('INSERT INTO outbox_gaps (id, payload) VALUES (?, ?)'),
      oldestStart: this.#db.prepare('SELECT min(started_at) AS oldest FROM outbox_runs'),
      countGaps: this.#db.prepare('SELECT count(*) AS n FROM outbox_gaps'),
      getState: this.#db.prepare('SELECT value FROM agent_state WHERE key = ?'),
      setState: this.#db.prepare(
        'INSERT INTO agent_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
    };
    const totals = this.#db
      .prepare('SELECT count(*) AS runs, coalesce(sum(bytes), 0) AS bytes FROM outbox_runs')
      .get() as { runs: number; bytes: number };
    this.#runs = totals.runs;
    this.#bytes = totals.bytes;
  }

  /** Commits a run to disk; when this returns, the run survives a crash. Over the size bound, the oldest go. */
  append(run: UploadedRun): void {
    const payload = deflateRawSync(JSON.stringify(run), { level: 1 });
    const result = this.#statements.insertRun.run(
      run.id,
      run.checkId,
      Date.parse(run.startedAt),
      payload.byteLength,
      payload,
    );
    if (result.changes > 0) {
      this.#runs += 1;
      this.#bytes += payload.byteLength;
    }
    if (this.#bytes > this.#limits.maxBytes) this.#dropOldestBeyondSize();
  }

  /** The oldest buffered gaps and runs, up to `maxRuns` runs and about `maxBytes` of compressed payload. */
  peekBatch(limits: { maxRuns: number; maxBytes: number }): OutboxBatch {
    const gaps = this.#statements.peekGaps.all(100) as { seq: number; payload: string }[];
    const rows = this.#statements.peekRuns.all(limits.maxRuns) as {
      seq: number;
      bytes: number;
      payload: Buffer;
    }[];
    const runSeqs: number[] = [];
    const runJson: string[] = [];
    let bytes = 0;
    for (const row of rows) {
      if (runSeqs.length > 0 && bytes + row.bytes > limits.maxBytes) break;
      bytes += row.bytes;
      runSeqs.push(row.seq);
      runJson.push(inflateRawSync(row.payload).toString('utf8'));
    }
    return { runSeqs, runJson, gapSeqs: gaps.map((gap) => gap.seq), gapJson: gaps.map((gap) => gap.payload) };
  }

  /** Forgets what the server acknowledged (the batch is a prefix, so its runs are one contiguous seq range). */
  acknowledge(batch: OutboxBatch): void {
    this.#db.transaction(() => {
      for (const seq of batch.gapSeqs) this.#statements.deleteGap.run(seq);
      const first = batch.runSeqs[0];
      const last = batch.runSeqs.at(-1);
      if (first !== undefined && last !== undefined)
        this.#forget(this.#statements.deleteRunRange.all(first, last) as { bytes: number }[]);
    })();
  }

  /** Drops runs older than the age bound, recording a gap. Returns how many were dropped. */
  dropExpired(nowMs: number): number {
    const rows = this.#statements.runsBefore.all(nowMs - this.#limits.maxAgeMs) as RunRow[];
    if (rows.length > 0) this.#drop(rows, 'too_old');
    return rows.length;
  }

  stats(): OutboxStats {
    const oldest = this.#statements.oldestStart.get() as { oldest: number | null };
    const gaps = this.#statements.countGaps.get() as { n: number };
    return { runs: this.#runs, bytes: this.#bytes, gaps: gaps.n, oldestStartedAtMs: oldest.oldest };
  }

  getState(key: string): string | undefined {
    return (this.#statements.getState.get(key) as { value: string } | undefined)?.value;
  }

  setState(key: string, value: string): void {
    this.#statements.setState.run(key, value);
  }

  /** SQLite's own consistency check ("ok" when the file is sound). */
  integrityCheck(): string {
    const rows = this.#db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((row) => row.integrity_check).join('; ');
  }

  close(): void {
    this.#db.close();
  }

  #dropOldestBeyondSize(): void {
    const target = this.#limits.maxBytes * DROP_TO_SHARE;
    const rows: RunRow[] = [];
    let bytes = this.#bytes;
    let limit = 256;
    while (bytes > target) {
      const candidates = this.#statements.oldestRuns.all(limit) as RunRow[];
      rows.length = 0;
      bytes = this.#bytes;
      for (const row of candidates) {
        if (bytes <= target) break;
        rows.push(row);
        bytes -= row.bytes;
      }
      if (bytes <= target || candidates.length < limit) break;
      limit *= 4;
    }
    if (rows.length > 0) this.#drop(rows, 'buffer_full');
  }

  #drop(rows: readonly RunRow[], reason: AgentGap['reason']): void {
    const byCheck: Record<string, number> = {};
    let from = Infinity;
    let to = -Infinity;
    for (const row of rows) {
      byCheck[row.check_id] = (byCheck[row.check_id] ?? 0) + 1;
      from = Math.min(from, row.started_at);
      to = Math.max(to, row.started_at);
    }
    const gap: AgentGap = {
      id: randomUUID(),
      fromTime: new Date(from).toISOString(),
      toTime: new Date(to).toISOString(),
      droppedRuns: rows.length,
      reason,
      byCheck,
    };
    this.#db.transaction(() => {
      for (const row of rows) this.#forget(this.#statements.deleteRun.all(row.seq) as { bytes: number }[]);
      this.#statements.insertGap.run(gap.id, JSON.stringify(gap));
    })();
  }

  /** Keeps the in-memory totals in step with rows actually deleted. */
  #forget(deleted: readonly { bytes: number }[]): void {
    for (const row of deleted) {
      this.#runs -= 1;
      this.#bytes -= row.bytes;
    }
  }
}
