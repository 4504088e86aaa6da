import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { parseSortParam, type Page, type TokenListQuery } from '@ganzhi/contracts';
import type { KeyValue } from '../../db/keyset-page.js';
import { containsPattern } from '../../db/like-pattern.js';
import { allOf, pageOfQuery, sortKeysOf } from '../../db/list-page.js';
import type { ApiTokenTable, DatabaseSchema } from '../../db/schema.js';

type Db = Kysely<DatabaseSchema>;

/** A token row with its owner's username. */
export type TokenRow = ApiTokenTable & { username: string };

/** Past every real time, so tokens never used sort last both ways. */
const AFTER_ALL = { asc: Number.MAX_SAFE_INTEGER, desc: -1 } as const;

function conditions(request: { query: TokenListQuery; ownerId: string | null; nowMs: number }) {
  const { query, nowMs } = request;
  const all: RawBuilder<SqlBool>[] = [];
  if (request.ownerId !== null) all.push(sql<SqlBool>`api_tokens.user_id = ${request.ownerId}`);
  if (query.text !== undefined) {
    const pattern = containsPattern(query.text.toLowerCase());
    all.push(
      sql<SqlBool>`(lower(api_tokens.name) like ${pattern} escape '\\' or lower(users.username) like ${pattern} escape '\\')`,
    );
  }
  if (query.status === 'revoked') all.push(sql<SqlBool>`api_tokens.revoked_at is not null`);
  if (query.status === 'expired')
    all.push(sql<SqlBool>`api_tokens.revoked_at is null and api_tokens.expires_at <= ${nowMs}`);
  if (query.status === 'active')
    all.push(
      sql<SqlBool>`api_tokens.revoked_at is null and (api_tokens.expires_at is null or api_tokens.expires_at > ${nowMs})`,
    );
  return all;
}

/**
 * One page of API tokens (of one owner, or everyone's when `ownerId` is null) in a total order (the id breaks ties),
 * with the total the filters select.
 */
export function listTokenPage<T>(
  db: Db,
  request: { query: TokenListQuery; ownerId: string | null; nowMs: number; toItem: (row: TokenRow) => T },
): Promise<Page<T>> {
  const { query } = request;
  const { direction } = parseSortParam(query.sort);
  const keys = sortKeysOf(query.sort, {
    columns: {
      createdAt: sql<KeyValue>`api_tokens.created_at`,
      name: sql<KeyValue>`lower(api_tokens.name)`,
      lastUsedAt: sql<KeyValue>`coalesce(api_tokens.last_used_at, ${sql.lit(AFTER_ALL[direction])})`,
    },
    unique: sql<KeyValue>`api_tokens.id`,
  });
  const filtered = db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('api_tokens')
    .select('users.username')
    .where(allOf(conditions(request)));
  return pageOfQuery(filtered, { ...query, keys, toItem: request.toItem });
}
