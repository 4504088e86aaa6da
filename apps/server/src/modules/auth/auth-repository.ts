import type { Kysely } from 'kysely';
import type { TokenListQuery, UserListQuery } from '@ganzhi/contracts';
import type { ApiTokenTable, DatabaseSchema, UserTable } from '../../db/schema.js';
import { listTokenPage, type TokenRow } from './token-list-repository.js';
import { listUserPage } from './user-list-repository.js';

type Db = Kysely<DatabaseSchema>;

/** Users, sessions, API tokens and login throttling: the tables the auth module owns. */
export function createAuthRepository(db: Db) {
  return {
    countUsers: async () =>
      Number(
        (await db.selectFrom('users').select(db.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0,
      ),
    listUsers: () => db.selectFrom('users').selectAll().orderBy('username').execute(),
    /** A page of users as `GET /users` asks for it. */
    listUserPage: <T>(query: UserListQuery, toItem: (row: UserTable) => T) =>
      listUserPage(db, { query, toItem }),
    findUserByName: (username: string) =>
      db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst(),
    findUserById: (id: string) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst(),
    insertUser: (row: Omit<UserTable, 'last_login_at' | 'disabled_at' | 'totp_secret'>) =>
      db
        .insertInto('users')
        .values({ ...row, last_login_at: null, disabled_at: null, totp_secret: null })
        .execute(),
    updateUser: (
      id: string,
      patch: Partial<Omit<UserTable, 'id' | 'username' | 'created_at' | 'password_hash'>>,
    ) => db.updateTable('users').set(patch).where('id', '=', id).execute(),
    updatePassword: (userId: string, passwordHash: string) =>
      db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute(),

    insertSession: (row: { id_hash: string; user_id: string; created_at: number; expires_at: number }) =>
      db
        .insertInto('sessions')
        .values({ ...row, last_seen_at: row.created_at })
        .execute(),
    findSession: (idHash: string, nowMs: number) =>
      db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select([
          'sessions.last_seen_at',
          'sessions.created_at as session_created_at',
          'users.id as user_id',
          'users.username',
          'users.roles_json',
          'users.regions_json',
          'users.disabled_at',
          'users.totp_secret',
        ])
        .where('sessions.id_hash', '=', idHash)
        .where('sessions.expires_at', '>', nowMs)
        .executeTakeFirst(),
    touchSession: (idHash: string, nowMs: number) =>
      db.updateTable('sessions').set({ last_seen_at: nowMs }).where('id_hash', '=', idHash).execute(),
    deleteSession: (idHash: string) => db.deleteFrom('sessions').where('id_hash', '=', idHash).execute(),
    deleteSessionsOf: (userId: string) => db.deleteFrom('sessions').where('user_id', '=', userId).execute(),
    deleteExpiredSessions: (nowMs: number, idleBeforeMs: number) =>
      db
        .deleteFrom('sessions')
        .where((eb) => eb.or([eb('expires_at', '<=', nowMs), eb('last_seen_at', '<', idleBeforeMs)]))
        .execute(),

    insertToken: (row: Omit<ApiTokenTable, 'last_used_at' | 'revoked_at' | 'last_used_address'>) =>
      db
        .insertInto('api_tokens')
        .values({ ...row, last_used_at: null, revoked_at: null, last_used_address: null })
        .execute(),
    findToken: (tokenHash: string) =>
      db
        .selectFrom('api_tokens')
        .innerJoin('users', 'users.id', 'api_tokens.user_id')
        .select([
          'api_tokens.id',
          'api_tokens.user_id',
          'api_tokens.scopes_json',
          'api_tokens.regions_json as token_regions_json',
          'api_tokens.expires_at',
          'api_tokens.revoked_at',
          'api_tokens.last_used_at',
          'users.username',
          'users.roles_json',
          'users.regions_json',
          'users.disabled_at',
        ])
        .where('api_tokens.token_hash', '=', tokenHash)
        .executeTakeFirst(),
    /** A page of API tokens as `GET /tokens` asks for it: of one owner, or everyone's (`ownerId` null). */
    listTokenPage: <T>(request: {
      query: TokenListQuery;
      ownerId: string | null;
      nowMs: number;
      toItem: (row: TokenRow) => T;
    }) => listTokenPage(db, request),
    findTokenById: (id: string) =>
      db
        .selectFrom('api_tokens')
        .innerJoin('users', 'users.id', 'api_tokens.user_id')
        .selectAll('api_tokens')
        .select('users.username')
        .where('api_tokens.id', '=', id)
        .executeTakeFirst(),
    revokeToken: (id: string, nowMs: number) =>
      db
        .updateTable('api_tokens')
        .set({ revoked_at: nowMs })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .execute(),
    touchToken: (id: string, nowMs: number, address: string | null) =>
      db
        .updateTable('api_tokens')
        .set({ last_used_at: nowMs, last_used_address: address })
        .where('id', '=', id)
        .execute(),

    findLoginAttempt: (key: string) =>
      db.selectFrom('login_attempts').selectAll().where('key', '=', key).executeTakeFirst(),
    saveLoginAttempt: (row: {
      key: string;
      failures: number;
      last_failure_at: number;
      blocked_until: number;
    }) =>
      db
        .insertInto('login_attempts')
        .values(row)
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            failures: row.failures,
            last_failure_at: row.last_failure_at,
            blocked_until: row.blocked_until,
          }),
        )
        .execute(),
    clearLoginAttempt: (key: string) => db.deleteFrom('login_attempts').where('key', '=', key).execute(),
    pruneLoginAttempts: (beforeMs: number) =>
      db.deleteFrom('login_attempts').where('last_failure_at', '<', beforeMs).execute(),

    listRoles: () => db.selectFrom('roles').selectAll().orderBy('name').execute(),
    findRole: (name: string) =>
      db.selectFrom('roles').selectAll().where('name', '=', name).executeTakeFirst(),
    upsertRole: (row: {
      name: string;
      description: string;
      permissions_json: string;
      created_at: number;
      updated_at: number;
    }) =>
      db
        .insertInto('roles')
        .values(row)
        .onConflict((oc) =>
          oc.column('name').doUpdateSet({
            description: row.description,
            permissions_json: row.permissions_json,
            updated_at: row.updated_at,
          }),
        )
        .execute(),
    deleteRole: (name: string) => db.deleteFrom('roles').where('name', '=', name).execute(),
  };
}

export type AuthRepository = ReturnType<typeof createAuthRepository>;
