import { sql, type Kysely, type Migration } from 'kysely';
import type { StepResult } from '@ganzhi/contracts';
import type { SqlDialectName } from '../database.js';
import { encodeStepDetail } from '../../modules/runs/step-detail-codec.js';

/**
 * Runs as compact rows (about 45 B per passing run on SQLite instead of about 890 B):
 *
 * - `runs` keyed by (check_no, started_at, origin_no): integer keys from `run_checks` (check id) and `run_origins`
 *   (agent × location) instead of two 36-character ids and a location per row; the key is also what makes a run
 *   unique, so there is no index on the run id. On SQLite the table is WITHOUT ROWID: the key is the table, and
 *   the former indexes (check, start), (start), (location, start) are gone — every query reads a check's key range.
 * - The run id kept as the 16 bytes of its UUID (any other id as its text bytes), the duration in whole
 *   microseconds, no `received_at` (nothing read it).
 * - Step results move to `run_details` in a compact encoding, kept for failures and for the latest runs of each
 *   check only (GANZHI_RETENTION_STEP_DETAIL_RUNS, 20 by default; the server trims to its setting as checks run again).
 * - `artifacts.check_id`, so an artifact is authorised without looking its run up by id.
 *
 * Existing runs keep their id, outcome, timings and messages. Their step results are kept for failures and the
 * newest 20 runs of each check; other passing runs lose theirs, as they would have from now on. Two stored runs of
 * one check with the same start from the same agent and location (a replay under a new id) become one.
 */
const MIGRATED_DETAIL_KEEP = 20;
const PAGE_ROWS = 2000;

const UUID_PATTERN = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** SQL turning the old text id into the stored bytes, exactly as modules/runs/run-id-bytes.ts does. */
function idBytesSql(dialect: SqlDialectName): string {
  if (dialect === 'postgres')
    return (
      `case when r.id ~ '^${UUID_PATTERN}$' then decode(replace(r.id, '-', ''), 'hex') ` +
      `when octet_length(r.id) = 16 then convert_to(r.id, 'UTF8') || decode('00', 'hex') ` +
      `else convert_to(r.id, 'UTF8') end`
    );
  const hex = '[0-9a-f]';
  const glob = [8, 4, 4, 4, 12].map((n) => hex.repeat(n)).join('-');
  return (
    `case when r.id glob '${glob}' then unhex(replace(r.id, '-', '')) ` +
    // `||` makes text on SQLite: the result is cast back to bytes.
    `when length(cast(r.id as blob)) = 16 then cast(cast(r.id as blob) || x'00' as blob) ` +
    `else cast(r.id as blob) end`
  );
}

async function createKeyTables(db: Kysely<unknown>, dialect: SqlDialectName): Promise<void> {
  for (const table of ['run_checks', 'run_origins']) {
    let builder = db.schema
      .createTable(table)
      .addColumn('no', 'integer', (c) =>
        dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey(),
      );
    builder =
      table === 'run_checks'
        ? builder.addColumn('check_id', 'text', (c) => c.notNull().unique())
        : builder
            .addColumn('agent_id', 'text', (c) => c.notNull())
            .addColumn('location', 'text', (c) => c.notNull())
            .addUniqueConstraint('run_origins_agent_location', ['agent_id', 'location']);
    await builder.execute();
  }
  await sql`insert into run_checks (check_id) select distinct check_id from runs order by check_id`.execute(
    db,
  );
  await sql`insert into run_origins (agent_id, location)
    select distinct agent_id, location from runs order by agent_id, location`.execute(db);
}

async function createCompactTables(db: Kysely<unknown>, dialect: SqlDialectName): Promise<void> {
  const withoutRowid = dialect === 'sqlite' ? sql`without rowid` : sql``;
  // Eight-byte columns first: PostgreSQL pads each column to its alignment.
  await db.schema
    .createTable('runs_next')
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('duration_us', 'bigint', (c) => c.notNull())
    .addColumn('check_no', 'integer', (c) => c.notNull())
    .addColumn('origin_no', 'integer', (c) => c.notNull())
    .addColumn('ok', 'smallint', (c) => c.notNull())
    .addColumn('id', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('error_class', 'text')
    .addColumn('error_message', 'text')
    .addColumn('clock_correction_ms', 'bigint')
    .addPrimaryKeyConstraint('runs_key', ['check_no', 'started_at', 'origin_no'])
    .modifyEnd(withoutRowid)
    .execute();
  await db.schema
    .createTable('run_details')
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('check_no', 'integer', (c) => c.notNull())
    .addColumn('origin_no', 'integer', (c) => c.notNull())
    .addColumn('ok', 'smallint', (c) => c.notNull())
    .addColumn('steps', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('run_details_key', ['ok', 'check_no', 'started_at', 'origin_no'])
    .modifyEnd(withoutRowid)
    .execute();
  // `where true`: SQLite needs it to read ON CONFLICT after an INSERT … SELECT with a join.
  await sql
    .raw(
      `insert into runs_next (started_at, duration_us, check_no, origin_no, ok, id, error_class, error_message, ` +
        `clock_correction_ms) ` +
        `select r.started_at, cast(round(r.duration_ms * 1000) as bigint), c.no, o.no, r.ok, ${idBytesSql(dialect)}, ` +
        `r.error_class, r.error_message, r.clock_correction_ms ` +
        `from runs r join run_checks c on c.check_id = r.check_id ` +
        `join run_origins o on o.agent_id = r.agent_id and o.location = r.location ` +
        `where true on conflict do nothing`,
    )
    .execute(db);
}

interface OldRunRow {
  id: string;
  agent_id: string;
  location: string;
  started_at: number | string;
  ok: number;
  steps_json: string;
}

function parseSteps(text: string): StepResult[] | null {
  try {
    const steps: unknown = JSON.parse(text);
    return Array.isArray(steps) ? (steps as StepResult[]) : null;
  } catch {
    return null;
  }
}

/** One page of a check's old runs that keep their steps (failures, the newest 20), newest first. */
async function readDetailPage(
  db: Kysely<unknown>,
  page: { checkId: string; keepFromMs: number; after: { startedAt: number; id: string } | null },
): Promise<OldRunRow[]> {
  const { checkId, keepFromMs, after } = page;
  const afterClause = after
    ? sql`and (started_at < ${after.startedAt} or (started_at = ${after.startedAt} and id < ${after.id}))`
    : sql``;
  const { rows } = await sql<OldRunRow>`
    select id, agent_id, location, started_at, ok, steps_json from runs
    where check_id = ${checkId} and (ok = 0 or started_at >= ${keepFromMs}) ${afterClause}
    order by started_at desc, id desc limit ${PAGE_ROWS}`.execute(db);
  return rows;
}

/** Moves the kept step results into `run_details`, check by check, a page at a time. */
async function moveDetails(db: Kysely<unknown>): Promise<void> {
  const checks = (
    await sql<{ no: number; check_id: string }>`select no, check_id from run_checks`.execute(db)
  ).rows;
  const origins = (
    await sql<{
      no: number;
      agent_id: string;
      location: string;
    }>`select no, agent_id, location from run_origins`.execute(db)
  ).rows;
  const originNo = new Map(origins.map((row) => [`${row.agent_id}\n${row.location}`, row.no]));
  for (const check of checks) {
    const { rows: cut } = await sql<{ started_at: number | string }>`
      select started_at from runs where check_id = ${check.check_id}
      order by started_at desc limit 1 offset ${MIGRATED_DETAIL_KEEP - 1}`.execute(db);
    const keepFromMs = cut[0] === undefined ? 0 : Number(cut[0].started_at);
    let after: { startedAt: number; id: string } | null = null;
    for (;;) {
      const rows = await readDetailPage(db, { checkId: check.check_id, keepFromMs, after });
      const details = rows.flatMap((row) => {
        const steps = parseSteps(row.steps_json);
        const origin = originNo.get(`${row.agent_id}\n${row.location}`);
        if (steps === null || origin === undefined) return [];
        const startedAt = Number(row.started_at);
        return [
          sql`(${row.ok}, ${check.no}, ${startedAt}, ${origin}, ${encodeStepDetail(steps, startedAt)})`,
        ];
      });
      for (let i = 0; i < details.length; i += 200)
        await sql`insert into run_details (ok, check_no, started_at, origin_no, steps)
          values ${sql.join(details.slice(i, i + 200))} on conflict do nothing`.execute(db);
      const last = rows.at(-1);
      if (!last || rows.length < PAGE_ROWS) break;
      after = { startedAt: Number(last.started_at), id: last.id };
    }
  }
}

async function addArtifactChecks(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('artifacts')
    .addColumn('check_id', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`update artifacts set check_id = coalesce(
    (select r.check_id from runs r where r.id = artifacts.run_id), '')`.execute(db);
  // An artifact whose run is gone could not be served before either (the download looked the run up).
  await sql`delete from artifacts where check_id = ''`.execute(db);
  await db.schema.createIndex('artifacts_check').on('artifacts').column('check_id').execute();
}

export function compactRunsMigration(dialect: SqlDialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await createKeyTables(db, dialect);
      await createCompactTables(db, dialect);
      await moveDetails(db);
      await addArtifactChecks(db);
      await db.schema.dropTable('runs').execute();
      await db.schema.alterTable('runs_next').renameTo('runs').execute();
    },
  };
}
