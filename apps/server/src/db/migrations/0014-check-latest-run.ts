import { sql, type Kysely, type Migration } from 'kysely';

const HOUR_MS = 3_600_000;

/**
 * What the checks list reads instead of scanning runs: each check's latest run (`check_latest_runs`, one row per
 * check) and its runs counted per clock hour (`check_run_hours`, the last day only), both kept by the checks module
 * in the transaction that stores runs; and `checks.name_folded`, the name lower-cased by the server, so a name search
 * is case-insensitive the same way on both engines (SQLite's lower() folds ASCII only).
 *
 * Existing data is carried over: the newest run of every check, the hour counts of the last 25 hours.
 */
export const checkLatestRunMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('check_latest_runs')
      .addColumn('check_id', 'text', (c) => c.primaryKey())
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('location', 'text', (c) => c.notNull())
      .addColumn('started_at', 'bigint', (c) => c.notNull())
      .addColumn('duration_ms', 'double precision', (c) => c.notNull())
      .addColumn('ok', 'integer', (c) => c.notNull())
      .addColumn('error_class', 'text')
      .execute();
    await db.schema
      .createTable('check_run_hours')
      .addColumn('check_id', 'text', (c) => c.notNull())
      .addColumn('hour_start', 'bigint', (c) => c.notNull())
      .addColumn('runs', 'integer', (c) => c.notNull())
      .addColumn('ok_runs', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('check_run_hours_pk', ['check_id', 'hour_start'])
      .execute();
    await db.schema
      .alterTable('checks')
      .addColumn('name_folded', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    // The list's sort by name reads this index in order; its other columns let SQLite filter and sort the list
    // without reading any check's row (which carries the whole flow).
    await db.schema
      .createIndex('checks_list')
      .on('checks')
      .columns(['name_folded', 'id', 'enabled', 'channel', 'business', 'region'])
      .execute();

    const { rows } = await sql<{ id: string; name: string }>`select id, name from checks`.execute(db);
    for (const row of rows)
      await sql`update checks set name_folded = ${row.name.toLowerCase()} where id = ${row.id}`.execute(db);
    // Ties on the start time are broken by run id, as the checks module does when it keeps the latest run.
    await sql`
      insert into check_latest_runs (check_id, run_id, location, started_at, duration_ms, ok, error_class)
      select r.check_id, r.id, r.location, r.started_at, r.duration_ms, r.ok, r.error_class
      from checks c
      join runs r on r.id = (
        select r2.id from runs r2 where r2.check_id = c.id order by r2.started_at desc, r2.id desc limit 1
      )`.execute(db);
    const since = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - 24 * HOUR_MS;
    // The hour as a literal: PostgreSQL matches GROUP BY expressions by text, and two parameters never match.
    const hour = sql.lit(HOUR_MS);
    await sql`
      insert into check_run_hours (check_id, hour_start, runs, ok_runs)
      select check_id, started_at - (started_at % ${hour}), count(*), sum(ok)
      from runs
      where started_at >= ${since} and check_id in (select id from checks)
      group by check_id, started_at - (started_at % ${hour})`.execute(db);
  },
};
