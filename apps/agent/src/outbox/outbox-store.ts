import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import Database from 'better-sqlite3';
import type { AgentGap, TransactionRecord, UploadedRun } from '@ganzhi/contracts';
import { describeGaps, pickOldest, type DropCandidate } from './outbox-gaps.js';
import { OUTBOX_SCHEMA } from './outbox-schema.js';
import { createPrivateDir, restrictToOwner } from '@ganzhi/runtime';

export interface OutboxLimits {
  /** Compressed bytes of buffered runs and records; beyond it the oldest are dropped and a gap recorded. */
  readonly maxBytes: number;
  /** Runs (by start) and record batches (by when they were buffered) older than this are dropped, with a gap. */
  readonly maxAgeMs: number;
}

export interface OutboxStats {
  readonly runs: number;
  /** Transaction records from tailed logs, waiting for upload. */
  readonly records: number;
  readonly bytes: number;
  readonly gaps: number;
  readonly oldestStartedAtMs: number | null;
  /** When the oldest buffered record batch was committed (null when none). */
  readonly oldestRecordsAt: number | null;
}

/** Records read from one tailed source, committed together with the source's new read position. */
export interface TailCommit {
  readonly source: string;
  readonly records: readonly TransactionRecord[];
  /** The agent-state entry (the read position) that must change in the same transaction as the records. */
  readonly state: { readonly key: string; readonly value: string };
  readonly committedAtMs: number;
}

/** The oldest record batches, as the uploader sends them. */
export interface RecordBatch {
  readonly seqs: readonly number[];
  /** The records' JSON, comma-separated (the uploader splices it into the request body). */
  readonly recordsJson: string;
  /** The same, per stored batch (the uploader splits a refused request along these). */
  readonly rowJson: readonly string[];
  /** Records in each stored batch. */
  readonly counts: readonly number[];
  readonly records: number;
}

/** What the outbox can hold, as the uploader names it when the server refuses one for good. */
export type ParkedKind = 'run' | 'gap' | 'records';

/** An item the server refused for good, kept aside (not uploaded again) so an operator can see what and why. */
export interface ParkedItem {
  readonly kind: ParkedKind;
  readonly parkedAtMs: number;
  readonly reason: string;
}

// Parked items are for diagnosis only: the newest this many are kept.
const MAX_PARKED = 1000;
const TABLE_OF: Record<ParkedKind, string> = {
  run: 'outbox_runs',
  gap: 'outbox_gaps',
  records: 'outbox_records',
};

/** A prefix of the outbox, oldest first, as the uploader sends it. */
export interface OutboxBatch {
  readonly runSeqs: readonly number[];
  /** Each run's JSON, as stored (the uploader splices them into the request body). */
  readonly runJson: readonly string[];
  readonly gapSeqs: readonly number[];
  readonly gapJson: readonly string[];
}

/** What a DELETE … RETURNING gives back: the bytes freed and the runs or records they held. */
interface Deleted {
  bytes: number;
  runs?: number;
  records?: number;
}

const RUN_CANDIDATES = `SELECT 'run' AS kind, seq, check_id AS key, 1 AS count, started_at AS fromAt,
  started_at AS toAt, started_at AS bufferedAt, bytes FROM outbox_runs`;
// A record batch's gap key is its source as `tail:<name>` (see describeGaps).
const RECORD_CANDIDATES = `SELECT 'records' AS kind, seq, 'tail:' || source AS key, records AS count,
  first_at AS fromAt, last_at AS toAt, committed_at AS bufferedAt, bytes FROM outbox_records`;

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
  #records = 0;
  #bytes = 0;
  readonly #statements;

  /** The directory the outbox lives in (the agent's data directory). */
  readonly directory: string;

  constructor(path: string, limits: OutboxLimits) {
    this.directory = dirname(path);
    createPrivateDir(this.directory);
    // Owner-only before SQLite opens it: the -wal and -shm files it creates take the database file's mode.
    restrictToOwner(path, { create: true });
    this.#db = new Database(path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = FULL');
    this.#db.pragma('busy_timeout = 5000');
    this.#db.exec(OUTBOX_SCHEMA);
    for (const suffix of ['-wal', '-shm']) restrictToOwner(`${path}${suffix}`, { create: false });
    this.#limits = limits;
    this.#statements = {
      insertRun: this.#db.prepare(
        'INSERT OR IGNORE INTO outbox_runs (id, check_id, started_at, bytes, payload) VALUES (?, ?, ?, ?, ?)',
      ),
      peekRuns: this.#db.prepare('SELECT seq, bytes, payload FROM outbox_runs ORDER BY seq LIMIT ?'),
      peekGaps: this.#db.prepare('SELECT seq, payload FROM outbox_gaps ORDER BY seq LIMIT ?'),
      deleteRunRange: this.#db.prepare(
        'DELETE FROM outbox_runs WHERE seq BETWEEN ? AND ? RETURNING bytes, 1 AS runs',
      ),
      deleteGap: this.#db.prepare('DELETE FROM outbox_gaps WHERE seq = ?'),
      oldestRuns: this.#db.prepare(`${RUN_CANDIDATES} ORDER BY seq LIMIT ?`),
      runsBefore: this.#db.prepare(`${RUN_CANDIDATES} WHERE started_at < ? ORDER BY seq`),
      deleteRun: this.#db.prepare('DELETE FROM outbox_runs WHERE seq = ? RETURNING bytes, 1 AS runs'),
      insertRecords: this.#db.prepare(
        'INSERT INTO outbox_records (source, records, first_at, last_at, committed_at, bytes, payload) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      peekRecords: this.#db.prepare(
        'SELECT seq, records, bytes, payload FROM outbox_records ORDER BY seq LIMIT ?',
      ),
      deleteRecordRange: this.#db.prepare(
        'DELETE FROM outbox_records WHERE seq BETWEEN ? AND ? RETURNING bytes, records',
      ),
      oldestRecords: this.#db.prepare(`${RECORD_CANDIDATES} ORDER BY seq LIMIT ?`),
      recordsBefore: this.#db.prepare(`${RECORD_CANDIDATES} WHERE committed_at < ? ORDER BY seq`),
      deleteRecords: this.#db.prepare('DELETE FROM outbox_records WHERE seq = ? RETURNING bytes, records'),
      oldestRecordsAt: this.#db.prepare('SELECT min(committed_at) AS oldest FROM outbox_records'),
      insertGap: this.#db.prepare('INSERT INTO outbox_gaps (id, payload) VALUES (?, ?)'),
      oldestStart: this.#db.prepare('SELECT min(started_at) AS oldest FROM outbox_runs'),
      countGaps: this.#db.prepare('SELECT count(*) AS n FROM outbox_gaps'),
      getState: this.#db.prepare('SELECT value FROM agent_state WHERE key = ?'),
      setState: this.#db.prepare(
        'INSERT INTO agent_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
      deleteState: this.#db.prepare('DELETE FROM agent_state WHERE key = ?'),
      trimParked: this.#db.prepare(
        `DELETE FROM outbox_parked WHERE seq <= (SELECT max(seq) - ${MAX_PARKED} FROM outbox_parked)`,
      ),
      listParked: this.#db.prepare(
        'SELECT kind, parked_at AS parkedAtMs, reason FROM outbox_parked ORDER BY seq DESC LIMIT ?',
      ),
    };
    const totals = this.#db
      .prepare(
        `SELECT (SELECT count(*) FROM outbox_runs) AS runs,
           (SELECT coalesce(sum(records), 0) FROM outbox_records) AS records,
           (SELECT coalesce(sum(bytes), 0) FROM outbox_runs) + (SELECT coalesce(sum(bytes), 0) FROM outbox_records) AS bytes`,
      )
      .get() as { runs: number; records: number; bytes: number };
    this.#runs = totals.runs;
    this.#records = totals.records;
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

  /**
   * Commits records read from a tailed log together with the source's new read position, in one transaction: after a
   * crash the position and the records agree, so no line is lost or read twice. With no records, only the position.
   */
  appendRecords(commit: TailCommit): void {
    let bytes = 0;
    this.#db.transaction(() => {
      if (commit.records.length > 0) {
        const times = commit.records.map((record) =>
          typeof record.time === 'number' ? record.time : Date.parse(record.time),
        );
        const json = JSON.stringify(commit.records);
        // Stored without the brackets, ready to be joined with other batches into one request body.
        const payload = deflateRawSync(json.slice(1, -1), { level: 1 });
        bytes = payload.byteLength;
        this.#statements.insertRecords.run(
          commit.source,
          commit.records.length,
          Math.min(...times),
          Math.max(...times),
          commit.committedAtMs,
          bytes,
          payload,
        );
      }
      this.#statements.setState.run(commit.state.key, commit.state.value);
    })();
    this.#records += commit.records.length;
    this.#bytes += bytes;
    if (this.#bytes > this.#limits.maxBytes) this.#dropOldestBeyondSize();
  }

  /** The oldest record batches, up to about `maxRecords` records and `maxBytes` (always at least one batch). */
  peekRecords(limits: { maxRecords: number; maxBytes: number }): RecordBatch {
    const rows = this.#statements.peekRecords.all(1000) as {
      seq: number;
      records: number;
      bytes: number;
      payload: Buffer;
    }[];
    const seqs: number[] = [];
    const parts: string[] = [];
    const counts: number[] = [];
    let records = 0;
    let bytes = 0;
    for (const row of rows) {
      if (
        seqs.length > 0 &&
        (records + row.records > limits.maxRecords || bytes + row.bytes > limits.maxBytes)
      )
        break;
      seqs.push(row.seq);
      parts.push(inflateRawSync(row.payload).toString('utf8'));
      counts.push(row.records);
      records += row.records;
      bytes += row.bytes;
    }
    return { seqs, recordsJson: parts.join(','), rowJson: parts, counts, records };
  }

  /** Forgets record batches the server answered for (a prefix, so one contiguous seq range). */
  acknowledgeRecords(batch: RecordBatch): void {
    const first = batch.seqs[0];
    const last = batch.seqs.at(-1);
    if (first === undefined || last === undefined) return;
    this.#db.transaction(() => {
      this.#forget(this.#statements.deleteRecordRange.all(first, last) as Deleted[]);
    })();
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
        this.#forget(this.#statements.deleteRunRange.all(first, last) as Deleted[]);
    })();
  }

  /** Drops runs and record batches older than the age bound, recording gaps. Returns how many runs and records. */
  dropExpired(nowMs: number): number {
    const cutoff = nowMs - this.#limits.maxAgeMs;
    const rows = [
      ...(this.#statements.runsBefore.all(cutoff) as DropCandidate[]),
      ...(this.#statements.recordsBefore.all(cutoff) as DropCandidate[]),
    ];
    if (rows.length > 0) this.#drop(rows, 'too_old');
    return rows.reduce((sum, row) => sum + row.count, 0);
  }

  stats(): OutboxStats {
    const oldest = this.#statements.oldestStart.get() as { oldest: number | null };
    const oldestRecords = this.#statements.oldestRecordsAt.get() as { oldest: number | null };
    const gaps = this.#statements.countGaps.get() as { n: number };
    return {
      runs: this.#runs,
      records: this.#records,
      bytes: this.#bytes,
      gaps: gaps.n,
      oldestStartedAtMs: oldest.oldest,
      oldestRecordsAt: oldestRecords.oldest,
    };
  }

  getState(key: string): string | undefined {
    return (this.#statements.getState.get(key) as { value: string } | undefined)?.value;
  }

  setState(key: string, value: string): void {
    this.#statements.setState.run(key, value);
  }

  deleteState(key: string): void {
    this.#statements.deleteState.run(key);
  }

  /**
   * Moves items the server refused for good out of the upload queue into the parked table, with the reason: they are
   * never sent again, and the queue behind them moves on.
   */
  park(items: { kind: ParkedKind; seqs: readonly number[]; reason: string; nowMs: number }): void {
    if (items.seqs.length === 0) return;
    const table = TABLE_OF[items.kind];
    const move = this.#db.prepare(
      `INSERT INTO outbox_parked (kind, parked_at, reason, payload) SELECT ?, ?, ?, payload FROM ${table} WHERE seq = ?`,
    );
    const remove = this.#db.prepare(
      items.kind === 'gap'
        ? 'DELETE FROM outbox_gaps WHERE seq = ? RETURNING 0 AS bytes'
        : `DELETE FROM ${table} WHERE seq = ? RETURNING bytes, ${items.kind === 'run' ? '1 AS runs' : 'records'}`,
    );
    this.#db.transaction(() => {
      for (const seq of items.seqs) {
        move.run(items.kind, items.nowMs, items.reason.slice(0, 2000), seq);
        this.#forget(remove.all(seq) as Deleted[]);
      }
      this.#statements.trimParked.run();
    })();
  }

  /** The most recently parked items, newest first. */
  listParked(limit = 100): ParkedItem[] {
    return this.#statements.listParked.all(limit) as ParkedItem[];
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
    const excess = this.#bytes - this.#limits.maxBytes * DROP_TO_SHARE;
    let limit = 256;
    for (;;) {
      const { picked, complete } = pickOldest(
        {
          runs: this.#statements.oldestRuns.all(limit) as DropCandidate[],
          records: this.#statements.oldestRecords.all(limit) as DropCandidate[],
        },
        excess,
        limit,
      );
      if (complete) {
        if (picked.length > 0) this.#drop(picked, 'buffer_full');
        return;
      }
      limit *= 4;
    }
  }

  #drop(rows: readonly DropCandidate[], reason: AgentGap['reason']): void {
    const gaps = describeGaps(rows, reason, () => randomUUID());
    this.#db.transaction(() => {
      for (const row of rows) {
        const statement = row.kind === 'run' ? this.#statements.deleteRun : this.#statements.deleteRecords;
        this.#forget(statement.all(row.seq) as Deleted[]);
      }
      for (const gap of gaps) this.#statements.insertGap.run(gap.id, JSON.stringify(gap));
    })();
  }

  /** Keeps the in-memory totals in step with rows actually deleted. */
  #forget(deleted: readonly Deleted[]): void {
    for (const row of deleted) {
      if (row.runs !== undefined) this.#runs -= row.runs;
      if (row.records !== undefined) this.#records -= row.records;
      this.#bytes -= row.bytes;
    }
  }
}
