import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Distinct statements kept: every query the server makes, with room for bulk writes of varying widths. */
const DEFAULT_CAPACITY = 500;

/**
 * better-sqlite3 as Kysely's SQLite driver sees it, with prepared statements kept by their SQL text (least recently
 * used dropped beyond `capacity`). Kysely prepares every query anew, and preparing costs as much as running a small
 * query. Reusing a statement is safe here: the driver runs it to completion synchronously (`all` or `run`), and
 * SQLite re-prepares a kept statement by itself after a schema change.
 *
 * @example new SqliteDialect({ database: withStatementCache(new BetterSqlite3(path)) })
 */
export function withStatementCache(
  sqlite: BetterSqlite3.Database,
  capacity = DEFAULT_CAPACITY,
): SqliteDatabase & { readonly cachedStatements: () => number } {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => {
      statements.clear();
      sqlite.close();
    },
    prepare(sql: string): SqliteStatement {
      const kept = statements.get(sql);
      if (kept) {
        // Most recently used last: Map keeps insertion order.
        statements.delete(sql);
        statements.set(sql, kept);
        return kept;
      }
      const prepared = sqlite.prepare(sql);
      statements.set(sql, prepared);
      if (statements.size > capacity) {
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) statements.delete(oldest);
      }
      return prepared;
    },
    cachedStatements: () => statements.size,
  };
}
