import type { Kysely } from 'kysely';
import { countsAsMeasurement, type Check, type Run } from '@ganzhi/contracts';
import type { DatabaseSchema } from '../../db/schema.js';
import type { SeriesDescriptor, SeriesSample, SeriesService } from '../series/index.js';
import { insertArtifacts, type ArtifactContent } from './artifact-repository.js';
import type { RunKeyCache, RunKeys } from './run-keys.js';
import { runIdToBytes } from './run-id-bytes.js';
import {
  dropPassingDetailsBeyond,
  insertRunDetails,
  insertRunRows,
  runKeyOf,
  type RunRow,
} from './run-writes.js';
import { encodeStepDetail } from './step-detail-codec.js';

type Db = Kysely<DatabaseSchema>;

export interface RunToRecord {
  readonly run: Run;
  readonly check: Check;
  readonly artifactContents?: readonly ArtifactContent[];
}

export interface StoreRunsDeps {
  readonly db: Db;
  readonly series: SeriesService;
  readonly keys: RunKeyCache;
  /** Series known to exist (series rows are never deleted); filled only after a commit. */
  readonly knownSeries: Set<string>;
  /** Passing runs keep their step results while among this many newest runs of their check. */
  readonly detailKeep: number;
  /**
   * Told of the new runs that measured their target, inside the transaction that stores them (the checks module
   * keeps each check's latest run and hour counts with them).
   */
  readonly onStoredInTransaction?:
    ((stored: { db: Db; runs: readonly Run[]; nowMs: number }) => Promise<void>) | undefined;
}

/** The series a check's runs at one location roll up into. */
export function checkSeriesKey(checkId: string, location: string): string {
  return `check:${checkId}@${location}`;
}

/**
 * A probe's error message may quote what the target sent, NUL bytes included; PostgreSQL text cannot hold U+0000,
 * and the run must not be lost for a diagnostic character, so it is dropped from the message.
 */
function storableMessage(message: string | null): string | null {
  return message === null ? null : message.replaceAll('\u0000', '');
}

function toRunRow(run: Run, keys: RunKeys): RunRow {
  return {
    check_no: keys.checkNo(run.checkId),
    started_at: Date.parse(run.startedAt),
    origin_no: keys.originNo(run),
    // Whole microseconds: an integer of 3–4 bytes on SQLite instead of an 8-byte float.
    duration_us: Math.round(run.durationMs * 1000),
    ok: run.ok ? 1 : 0,
    id: runIdToBytes(run.id),
    error_class: run.errorClass,
    error_message: storableMessage(run.errorMessage),
    clock_correction_ms: run.clockCorrectionMs ?? null,
  };
}

function seriesOf(check: Check, location: string): SeriesDescriptor {
  return {
    seriesKey: checkSeriesKey(check.id, location),
    source: 'check',
    checkId: check.id,
    location,
    business: check.business,
    channel: check.channel,
    region: check.region,
  };
}

/** Which entries are new: the first entry of each key the insert reported (a batch may repeat a run). */
function newFlags(rows: readonly RunRow[], inserted: Set<string>): boolean[] {
  const claimed = new Set<string>();
  return rows.map((row) => {
    const key = runKeyOf(row);
    if (!inserted.has(key) || claimed.has(key)) return false;
    claimed.add(key);
    return true;
  });
}

/** Rollup samples and the series they need, for the new runs that measured their target. */
async function foldIntoRollups(db: Db, deps: StoreRunsDeps, fresh: readonly RunToRecord[]) {
  const samples: SeriesSample[] = [];
  const newSeries = new Map<string, SeriesDescriptor>();
  for (const { run, check } of fresh) {
    if (!countsAsMeasurement(run)) continue;
    const descriptor = seriesOf(check, run.location);
    if (!deps.knownSeries.has(descriptor.seriesKey)) newSeries.set(descriptor.seriesKey, descriptor);
    samples.push({
      seriesKey: descriptor.seriesKey,
      timeMs: Date.parse(run.startedAt),
      latencyMs: run.durationMs,
      failed: !run.ok,
    });
  }
  if (newSeries.size > 0) await deps.series.ensureManySeries({ db, series: [...newSeries.values()] });
  if (samples.length > 0) await deps.series.recordSamples({ db, samples });
  return [...newSeries.keys()];
}

/**
 * Stores a batch of runs in one transaction: each run once (by check, start and origin), the step results of
 * failures and of passing runs while they are among the newest `detailKeep` of their check, artifacts, and each new
 * run folded into its minute rollup. Returns, per entry, whether it was new.
 */
export async function storeRuns(
  deps: StoreRunsDeps,
  batch: { entries: readonly RunToRecord[]; nowMs: number },
): Promise<{ flags: boolean[]; fresh: RunToRecord[] }> {
  const { entries, nowMs } = batch;
  const done = await deps.db.transaction().execute(async (trx) => {
    const keys = await deps.keys.resolve(trx, {
      checkIds: entries.map((entry) => entry.run.checkId),
      origins: entries.map((entry) => entry.run),
    });
    const rows = entries.map((entry) => toRunRow(entry.run, keys));
    const flags = newFlags(rows, await insertRunRows(trx, rows));
    const fresh = entries.filter((_, index) => flags[index]);
    const freshRows = rows.filter((_, index) => flags[index]);
    await insertRunDetails(
      trx,
      fresh.flatMap(({ run }, index) => {
        const row = freshRows[index];
        if (!row || (run.ok && deps.detailKeep <= 0)) return [];
        const steps = encodeStepDetail(run.steps, row.started_at);
        return [
          { ok: row.ok, check_no: row.check_no, started_at: row.started_at, origin_no: row.origin_no, steps },
        ];
      }),
    );
    await dropPassingDetailsBeyond(trx, {
      checkNos: [...new Set(freshRows.map((row) => row.check_no))],
      keep: deps.detailKeep,
    });
    await insertArtifacts(trx, {
      nowMs,
      runs: fresh.map(({ run, artifactContents = [] }) => ({
        runId: run.id,
        checkId: run.checkId,
        artifacts: artifactContents,
      })),
    });
    const newSeries = await foldIntoRollups(trx, deps, fresh);
    const measured = fresh.map((entry) => entry.run).filter((run) => countsAsMeasurement(run));
    await deps.onStoredInTransaction?.({ db: trx, runs: measured, nowMs });
    return { flags, fresh, keys, newSeries };
  });
  deps.keys.remember(done.keys);
  for (const key of done.newSeries) deps.knownSeries.add(key);
  return { flags: done.flags, fresh: done.fresh };
}
