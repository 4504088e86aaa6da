import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Connection string of the PostgreSQL the storage suite runs against, from `GANZHI_TEST_DATABASE_URL`. */
export const POSTGRES_TEST_URL =
  process.env.GANZHI_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** When true the PostgreSQL suite must run (CI); otherwise it is skipped with a notice if no server answers. */
export const IS_POSTGRES_REQUIRED = process.env.GANZHI_REQUIRE_PG === '1';

/** True when a PostgreSQL answers at POSTGRES_TEST_URL within two seconds. */
export async function isPostgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_TEST_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates a fresh schema so parallel test files never see each other's rows; drop it with the returned function. */
export async function createTestSchema(): Promise<{ schema: string; drop: () => Promise<void> }> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: POSTGRES_TEST_URL });
  await client.connect();
  await client.query(`create schema ${schema}`);
  await client.end();
  return {
    schema,
    drop: async () => {
      const dropper = new pg.Client({ connectionString: POSTGRES_TEST_URL });
      await dropper.connect();
      await dropper.query(`drop schema if exists ${schema} cascade`);
      await dropper.end();
    },
  };
}
