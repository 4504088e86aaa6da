import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { withStatementCache } from './statement-cache.js';

describe('withStatementCache', () => {
  const opened: BetterSqlite3.Database[] = [];
  afterEach(() => {
    for (const sqlite of opened.splice(0)) if (sqlite.open) sqlite.close();
  });

  function open(capacity?: number) {
    const sqlite = new BetterSqlite3(':memory:');
    opened.push(sqlite);
    return { sqlite, cache: withStatementCache(sqlite, capacity) };
  }

  it('prepares a statement once and hands the same one back', () => {
    const { cache } = open();
    const first = cache.prepare('select 1 as one');
    expect(cache.prepare('select 1 as one')).toBe(first);
    expect(cache.prepare('select 2 as two')).not.toBe(first);
    expect(cache.cachedStatements()).toBe(2);
  });

  it('drops the least recently used statement beyond its capacity', () => {
    const { cache } = open(2);
    const a = cache.prepare('select 1');
    cache.prepare('select 2');
    cache.prepare('select 1'); // used again: now the newest
    cache.prepare('select 3'); // drops "select 2"
    expect(cache.cachedStatements()).toBe(2);
    expect(cache.prepare('select 1')).toBe(a);
  });

  it('answers with the current schema after a table is replaced under a kept statement', async () => {
    const { cache } = open();
    const db = new Kysely<{ t: { v: number } }>({ dialect: new SqliteDialect({ database: cache }) });
    await sql`create table t (v integer)`.execute(db);
    await db.insertInto('t').values({ v: 1 }).execute();
    expect(await db.selectFrom('t').select('v').execute()).toEqual([{ v: 1 }]);
    await sql`create table t_next (v integer, w integer default 7)`.execute(db);
    await sql`insert into t_next (v) values (2)`.execute(db);
    await sql`drop table t`.execute(db);
    await sql`alter table t_next rename to t`.execute(db);
    expect(await db.selectFrom('t').select('v').execute()).toEqual([{ v: 2 }]);
    await db.destroy();
  });

  it('keeps reads and writes of many parameters correct when reused', async () => {
    const { cache } = open();
    const db = new Kysely<{ t: { k: number; v: string } }>({
      dialect: new SqliteDialect({ database: cache }),
    });
    await sql`create table t (k integer primary key, v text)`.execute(db);
    for (let k = 0; k < 50; k++)
      await db
        .insertInto('t')
        .values({ k, v: `v${k}` })
        .execute();
    const read = async (k: number) =>
      (await db.selectFrom('t').select('v').where('k', '=', k).executeTakeFirst())?.v;
    expect(await read(7)).toBe('v7');
    expect(await read(42)).toBe('v42');
    expect(cache.cachedStatements()).toBe(3);
    await db.destroy();
  });
});
