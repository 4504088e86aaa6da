import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import {
  IS_POSTGRES_REQUIRED,
  POSTGRES_TEST_URL,
  createTestSchema,
  isPostgresReachable,
} from '@ganzhi/testing';
import {
  migrateToLatest,
  openDatabase,
  type Database,
  type DatabaseTarget,
  type SqlDialectName,
} from './database.js';

/** A migrated database of one engine, fresh for each test file, with its own cleanup. */
export interface TestDatabase extends Database {
  destroy(): Promise<void>;
}

const postgresAvailable = await isPostgresReachable();
if (!postgresAvailable && !IS_POSTGRES_REQUIRED) {
  // Visible on purpose: a skipped engine must never look like a passed one.
  // eslint-disable-next-line no-console
  console.warn(
    `\n[storage suite] PostgreSQL at ${POSTGRES_TEST_URL} is not reachable: the PostgreSQL half is SKIPPED.\n`,
  );
}

export async function openTestDatabase(dialect: SqlDialectName): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'ganzhi-test-'));
    const database = openDatabase({ dialect: 'sqlite', path: join(dir, 'test.db') });
    await migrateToLatest(database);
    return {
      ...database,
      destroy: async () => (await database.close(), rmSync(dir, { recursive: true, force: true })),
    };
  }
  const { schema, drop } = await createTestSchema();
  const target: DatabaseTarget = { dialect: 'postgres', url: POSTGRES_TEST_URL, schema };
  const database = openDatabase(target);
  await migrateToLatest(database);
  return { ...database, destroy: async () => (await database.close(), await drop()) };
}

/**
 * Declares the same suite once per engine. PostgreSQL runs when reachable, and must run when GANZHI_REQUIRE_PG=1
 * (CI): then an unreachable server fails the suite instead of skipping it.
 */
export function describeEachDialect(name: string, suite: (dialect: SqlDialectName) => void): void {
  describe(`${name} [sqlite]`, () => suite('sqlite'));
  describe.skipIf(!postgresAvailable && !IS_POSTGRES_REQUIRED)(`${name} [postgres]`, () => suite('postgres'));
}
