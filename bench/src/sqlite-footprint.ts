// What a Ganzhi SQLite database holds, read through a read-only connection while the server keeps writing: bytes in
// use (page counts, so WAL frames not yet checkpointed count and free pages do not), bytes per table and index, and
// how many check runs the rollups have counted. Nothing here depends on the runs table's shape, so the same bench
// measures any version of the schema.
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';

export interface SqliteFootprint {
  /** (page_count − freelist_count) × page_size as of the latest commit: the logical size, WAL included. */
  readonly usedBytes: number;
  /** The database file plus its WAL, as the disk sees them. */
  readonly fileBytes: number;
  /** Bytes of pages per table or index (dbstat), largest first; an index is listed under its own name. */
  readonly byObject: ReadonlyMap<string, number>;
}

function readOnly<T>(path: string, read: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Bytes in use, on disk and per object. `withObjects: false` skips dbstat (it reads every page). */
export function readFootprint(path: string, options: { withObjects: boolean }): SqliteFootprint {
  return readOnly(path, (db) => {
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const pages = db.pragma('page_count', { simple: true }) as number;
    const free = db.pragma('freelist_count', { simple: true }) as number;
    const byObject = new Map<string, number>();
    if (options.withObjects) {
      const rows = db
        .prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC')
        .all() as { name: string; bytes: number }[];
      for (const row of rows) byObject.set(row.name, row.bytes);
    }
    return {
      usedBytes: (pages - free) * pageSize,
      fileBytes: sizeOf(path) + sizeOf(`${path}-wal`),
      byObject,
    };
  });
}

/** Check runs stored so far, as the minute rollups count them (every stored run is folded into one). */
export function countStoredRuns(path: string): number {
  return readOnly(path, (db) => {
    const row = db
      .prepare("SELECT coalesce(sum(count), 0) AS n FROM rollups_minute WHERE series_key LIKE 'check:%'")
      .get() as { n: number };
    return row.n;
  });
}

/** Runs per check series in minutes starting at or after `fromMs`. */
export function countRunsPerSeries(path: string, fromMs: number): Map<string, number> {
  return readOnly(path, (db) => {
    const rows = db
      .prepare(
        "SELECT series_key AS key, sum(count) AS n FROM rollups_minute WHERE series_key LIKE 'check:%' AND bucket_start >= ? GROUP BY series_key",
      )
      .all(fromMs) as { key: string; n: number }[];
    return new Map(rows.map((row) => [row.key, row.n]));
  });
}

/** Growth between two footprints per object, largest first, as `name bytes` pairs (objects that grew only). */
export function growthByObject(
  before: SqliteFootprint,
  after: SqliteFootprint,
): { name: string; bytes: number }[] {
  return [...after.byObject.entries()]
    .map(([name, bytes]) => ({ name, bytes: bytes - (before.byObject.get(name) ?? 0) }))
    .filter((entry) => entry.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
}
