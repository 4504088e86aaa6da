// The database side of bench/run-storage: a fresh database per engine, and how many bytes its tables take. Names
// decide what counts as run storage, so the same code measures any version of the runs schema.
import { sql, type Kysely } from 'kysely';
import pg from 'pg';

const DATABASE = 'ganzhi_bench_run_storage';

export interface EngineFootprint {
  readonly totalBytes: number;
  /** Runs, their details, keys, artifacts and all their indexes. */
  readonly runTablesBytes: number;
  readonly rollupBytes: number;
  /** Per table or index (SQLite) or per table with its indexes and TOAST (PostgreSQL). */
  readonly byObject: ReadonlyMap<string, number>;
}

/** The environment `parseServerConfig` needs for the engine, and how to drop what was created. */
export async function openBenchEngine(
  engine: 'sqlite' | 'postgres',
  options: { pgUrl: string; dataDir: string },
): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  const env: Record<string, string> = { GANZHI_ADMIN_PASSWORD: 'bench-run-storage-password' };
  if (engine === 'sqlite') return { env, drop: () => Promise.resolve() };
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: options.pgUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`drop database if exists ${DATABASE} with (force)`);
  await admin(`create database ${DATABASE}`);
  return {
    env: { ...env, DATABASE_URL: options.pgUrl.replace(/\/[^/]*$/, `/${DATABASE}`) },
    drop: () => admin(`drop database if exists ${DATABASE} with (force)`),
  };
}

function isRunStorage(name: string): boolean {
  return /^(sqlite_autoindex_)?(runs?_|runs$|artifacts)/.test(name);
}

async function sizesOf<DB>(engine: 'sqlite' | 'postgres', db: Kysely<DB>): Promise<Map<string, number>> {
  if (engine === 'sqlite') {
    const { rows } = await sql<{ name: string; bytes: number }>`
      select name, sum(pgsize) as bytes from dbstat group by name`.execute(db);
    return new Map(rows.map((row) => [row.name, Number(row.bytes)]));
  }
  // Plain VACUUM: space of dead row versions (stripped details, re-compacted rollups) becomes reusable, as
  // autovacuum would make it in a long-running server; the files do not shrink.
  await sql`vacuum`.execute(db);
  const { rows } = await sql<{ name: string; bytes: string }>`
    select c.relname as name, pg_total_relation_size(c.oid) as bytes
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind = 'r' and n.nspname = current_schema()`.execute(db);
  return new Map(rows.map((row) => [row.name, Number(row.bytes)]));
}

/** Bytes in use now: SQLite's used pages (free pages excluded), PostgreSQL's relation sizes after a VACUUM. */
export async function engineFootprint<DB>(
  engine: 'sqlite' | 'postgres',
  db: Kysely<DB>,
): Promise<EngineFootprint> {
  const byObject = await sizesOf(engine, db);
  let totalBytes = 0;
  if (engine === 'sqlite') {
    const { rows } = await sql<{ bytes: number }>`
      select (page_count - freelist_count) * page_size as bytes
      from pragma_page_count(), pragma_freelist_count(), pragma_page_size()`.execute(db);
    totalBytes = Number(rows[0]?.bytes ?? 0);
  } else {
    for (const bytes of byObject.values()) totalBytes += bytes;
  }
  let runTablesBytes = 0;
  let rollupBytes = 0;
  for (const [name, bytes] of byObject) {
    if (isRunStorage(name)) runTablesBytes += bytes;
    else if (name.includes('rollup')) rollupBytes += bytes;
  }
  return { totalBytes, runTablesBytes, rollupBytes, byObject };
}
