import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { parseSortParam, type Page, type UserListQuery } from '@ganzhi/contracts';
import type { KeyValue } from '../../db/keyset-page.js';
import { containsPattern } from '../../db/like-pattern.js';
import { allOf, pageOfQuery, sortKeysOf } from '../../db/list-page.js';
import type { DatabaseSchema, UserTable } from '../../db/schema.js';

type Db = Kysely<DatabaseSchema>;

/** Past every real time, so users who never signed in sort last both ways. */
const AFTER_ALL = { asc: Number.MAX_SAFE_INTEGER, desc: -1 } as const;

function conditions(query: UserListQuery): RawBuilder<SqlBool>[] {
  const all: RawBuilder<SqlBool>[] = [];
  if (query.text !== undefined) {
    const pattern = containsPattern(query.text.toLowerCase());
    all.push(
      sql<SqlBool>`(lower(users.username) like ${pattern} escape '\\' or lower(users.display_name) like ${pattern} escape '\\' or lower(users.email) like ${pattern} escape '\\')`,
    );
  }
  if (query.status === 'enabled') all.push(sql<SqlBool>`users.disabled_at is null`);
  if (query.status === 'disabled') all.push(sql<SqlBool>`users.disabled_at is not null`);
  // Role names are a JSON array of `[a-z0-9_]` strings: the quoted name is found as it is written.
  if (query.role !== undefined)
    all.push(sql<SqlBool>`users.roles_json like ${containsPattern(`"${query.role}"`)} escape '\\'`);
  return all;
}

/** One page of users in a total order (the id breaks ties), with the total the filters select. */
export function listUserPage<T>(
  db: Db,
  request: { query: UserListQuery; toItem: (row: UserTable) => T },
): Promise<Page<T>> {
  const { query } = request;
  const { direction } = parseSortParam(query.sort);
  const keys = sortKeysOf(query.sort, {
    columns: {
      username: sql<KeyValue>`users.username`,
      displayName: sql<KeyValue>`lower(users.display_name)`,
      createdAt: sql<KeyValue>`users.created_at`,
      lastLoginAt: sql<KeyValue>`coalesce(users.last_login_at, ${sql.lit(AFTER_ALL[direction])})`,
    },
    unique: sql<KeyValue>`users.id`,
  });
  const filtered = db
    .selectFrom('users')
    .selectAll('users')
    .where(allOf(conditions(query)));
  return pageOfQuery(filtered, { ...query, keys, toItem: request.toItem });
}
