import { sql, type Kysely, type Migration } from 'kysely';
import type { SqlDialectName } from '../database.js';

/** The foundation schema: access, dimensions, checks, agents, runs, artifacts, series and their rollups. */
/** b00 … b18: the fixed latency buckets rollups had until migration 0013. */
const LEGACY_HISTOGRAM_COLUMNS = Array.from(
  { length: 19 },
  (_, index) => `b${String(index).padStart(2, '0')}`,
);

export function createInitialMigration(dialect: SqlDialectName): Migration {
  const blobType = dialect === 'postgres' ? sql`bytea` : sql`blob`;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_used_at', 'bigint')
        .addColumn('revoked_at', 'bigint')
        .execute();
      await createDimensionTables(db);
      await db.schema
        .createTable('checks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('interval_seconds', 'integer', (c) => c.notNull())
        .addColumn('business', 'text')
        .addColumn('channel', 'text')
        .addColumn('region', 'text')
        .addColumn('tags_json', 'text', (c) => c.notNull())
        .addColumn('locations_json', 'text', (c) => c.notNull())
        .addColumn('steps_json', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('agents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('location', 'text', (c) => c.notNull())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('builtin', 'integer', (c) => c.notNull())
        .addColumn('backlog', 'integer', (c) => c.notNull())
        .addColumn('last_seen_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await createRunTables(db, blobType);
      await createSeriesTables(db);
    },
    async down(db: Kysely<unknown>) {
      const tables = [
        'rollup_dirty',
        'rollups_day',
        'rollups_hour',
        'rollups_minute',
        'series',
        'artifacts',
        'runs',
      ];
      for (const table of [...tables, 'agents', 'checks', 'regions', 'businesses', 'channels']) {
        await db.schema.dropTable(table).ifExists().execute();
      }
      for (const table of ['api_tokens', 'sessions', 'users'])
        await db.schema.dropTable(table).ifExists().execute();
    },
  };
}

async function createDimensionTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('channels')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('businesses')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('sla_ms', 'integer')
    .execute();
  await db.schema
    .createTable('regions')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('parent_code', 'text')
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .execute();
}

async function createRunTables(db: Kysely<unknown>, blobType: ReturnType<typeof sql>): Promise<void> {
  await db.schema
    .createTable('runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('check_id', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('duration_ms', 'double precision', (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('error_class', 'text')
    .addColumn('error_message', 'text')
    .addColumn('steps_json', 'text', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('runs_check_started').on('runs').columns(['check_id', 'started_at']).execute();
  await db.schema.createIndex('runs_started').on('runs').column('started_at').execute();
  await db.schema
    .createTable('artifacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('content', blobType, (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('artifacts_run').on('artifacts').column('run_id').execute();
}

async function createSeriesTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('series')
    .addColumn('series_key', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('check_id', 'text')
    .addColumn('location', 'text')
    .addColumn('business', 'text')
    .addColumn('channel', 'text')
    .addColumn('region', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('series_check').on('series').column('check_id').execute();
  for (const table of ['rollups_minute', 'rollups_hour', 'rollups_day']) {
    let builder = db.schema
      .createTable(table)
      .addColumn('series_key', 'text', (c) => c.notNull())
      .addColumn('bucket_start', 'bigint', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('latency_sum_ms', 'double precision', (c) => c.notNull());
    for (const column of LEGACY_HISTOGRAM_COLUMNS)
      builder = builder.addColumn(column, 'integer', (c) => c.notNull());
    await builder.addPrimaryKeyConstraint(`${table}_pk`, ['series_key', 'bucket_start']).execute();
    await db.schema.createIndex(`${table}_bucket`).on(table).column('bucket_start').execute();
  }
  await db.schema
    .createTable('rollup_dirty')
    .addColumn('resolution', 'text', (c) => c.notNull())
    .addColumn('series_key', 'text', (c) => c.notNull())
    .addColumn('bucket_start', 'bigint', (c) => c.notNull())
    .addColumn('marked_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_dirty_pk', ['resolution', 'series_key', 'bucket_start'])
    .execute();
}
