import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type LogEvent, type Migration } from 'kysely';
import pg from 'pg';
import { createInitialMigration } from './migrations/0001-initial.js';
import { checkFlowsMigration } from './migrations/0002-check-flows.js';
import { distributedAgentsMigration } from './migrations/0003-distributed-agents.js';
import { passiveTransactionsMigration } from './migrations/0004-passive-transactions.js';
import { indicatorsScoresMigration } from './migrations/0005-indicators-scores.js';
import { resourceSamplesMigration } from './migrations/0006-resource-samples.js';
import { baselinesMigration } from './migrations/0007-baselines.js';
import { businessSystemsMigration } from './migrations/0008-business-systems.js';
import { externalMeasurementsMigration } from './migrations/0009-external-measurements.js';
import { accessControlMigration } from './migrations/0010-access-control.js';
import { storedSecretsMigration } from './migrations/0011-stored-secrets.js';
import { enrolmentRevocationMigration } from './migrations/0012-enrolment-revocation.js';
import { exactHistogramsMigration } from './migrations/0013-exact-histograms.js';
import { checkLatestRunMigration } from './migrations/0014-check-latest-run.js';
import { compactRunsMigration } from './migrations/0015-compact-runs.js';
import { createPrivateDir, restrictToOwner } from '@ganzhi/runtime';
import type { DatabaseSchema } from './schema.js';
import { withStatementCache } from './statement-cache.js';

export type SqlDialectName = 'sqlite' | 'postgres';

export interface Database {
  readonly db: Kysely<DatabaseSchema>;
  readonly dialect: SqlDialectName;
  /** The PostgreSQL schema everything lives in, when not the default search path. */
  readonly schema?: string;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { readonly dialect: 'sqlite'; readonly path: string }
  | { readonly dialect: 'postgres'; readonly url: string; readonly schema?: string };

export interface OpenDatabaseOptions {
  /** Called with each query's duration, for the DB latency metric. */
  readonly onQuery?: (durationMs: number, failed: boolean) => void;
}

const INT8_OID = 20;

function parseInt8(value: string): number {
  return Number(value);
}

type TextParser = (value: string) => unknown;
const builtinParser = pg.types.getTypeParser as (oid: number, format?: 'text' | 'binary') => TextParser;
const readInt8AsNumber = ((oid: number, format?: 'text' | 'binary'): TextParser =>
  oid === INT8_OID ? parseInt8 : builtinParser(oid, format)) as typeof pg.types.getTypeParser;

/** Opens either engine behind the same Kysely interface. */
export function openDatabase(target: DatabaseTarget, options: OpenDatabaseOptions = {}): Database {
  const log = options.onQuery
    ? (event: LogEvent) => options.onQuery?.(event.queryDurationMillis, event.level === 'error')
    : undefined;
  if (target.dialect === 'sqlite') {
    createPrivateDir(dirname(target.path));
    // Owner-only before SQLite opens it: the -wal and -shm files SQLite creates take the database file's mode.
    restrictToOwner(target.path, { create: true });
    const sqlite = new BetterSqlite3(target.path);
    // WAL lets the console read while the agent writes; NORMAL sync is durable across process crashes in WAL mode.
    sqlite.pragma('journal_mode = WAL');
    // Files left by an earlier version with wider modes.
    for (const suffix of ['-wal', '-shm']) restrictToOwner(`${target.path}${suffix}`, { create: false });
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    const db = new Kysely<DatabaseSchema>({
      dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
      log,
    });
    return { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: target.url,
    max: 10,
    // BIGINT columns hold epoch milliseconds and counts well inside 2^53: read them as numbers, per pool.
    types: { getTypeParser: readInt8AsNumber },
    ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
  });
  const db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }), log });
  return {
    db,
    dialect: 'postgres',
    ...(target.schema ? { schema: target.schema } : {}),
    close: () => db.destroy(),
  };
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(database: Database): Promise<void> {
  const migrations: Record<string, Migration> = {
    '0001-initial': createInitialMigration(database.dialect),
    '0002-check-flows': checkFlowsMigration,
    '0003-distributed-agents': distributedAgentsMigration,
    '0004-passive-transactions': passiveTransactionsMigration,
    '0005-indicators-scores': indicatorsScoresMigration,
    '0006-resource-samples': resourceSamplesMigration,
    '0007-baselines': baselinesMigration,
    '0008-business-systems': businessSystemsMigration,
    '0009-external-measurements': externalMeasurementsMigration,
    '0010-access-control': accessControlMigration,
    '0011-stored-secrets': storedSecretsMigration,
    '0012-enrolment-revocation': enrolmentRevocationMigration,
    '0013-exact-histograms': exactHistogramsMigration,
    '0014-check-latest-run': checkLatestRunMigration,
    '0015-compact-runs': compactRunsMigration(database.dialect),
  };
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    // Feature modules add migrations independently; each one only creates its own tables.
    allowUnorderedMigrations: true,
    // Kysely looks for its lock table in every schema unless told which: another schema's (a parallel test's) must
    // not count as ours.
    ...(database.schema ? { migrationTableSchema: database.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed`, { cause: error });
  }
}
