import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../db/schema.js';

type Db = Kysely<DatabaseSchema>;

export function createAuthRepository(db: Db) {
  return {
    countUsers: async () =>
      Number(
        (await db.selectFrom('users').select(db.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0,
      ),
    findUserByName: (username: string) =>
      db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst(),
    insertUser: (row: { id: string; username: string; password_hash: string; created_at: number }) =>
      db.insertInto('users').values(row).execute(),
    updatePassword: (userId: string, passwordHash: string) =>
      db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute(),
    insertSession: (row: { id_hash: string; user_id: string; created_at: number; expires_at: number }) =>
      db.insertInto('sessions').values(row).execute(),
    findSession: (idHash: string, nowMs: number) =>
      db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select(['users.id as user_id', 'users.username'])
        .where('sessions.id_hash', '=', idHash)
        .where('sessions.expires_at', '>', nowMs)
        .executeTakeFirst(),
    deleteSession: (idHash: string) => db.deleteFrom('sessions').where('id_hash', '=', idHash).execute(),
    deleteExpiredSessions: (nowMs: number) =>
      db.deleteFrom('sessions').where('expires_at', '<=', nowMs).execute(),
    insertToken: (row: {
      id: string;
      name: string;
      user_id: string;
      token_hash: string;
      created_at: number;
    }) =>
      db
        .insertInto('api_tokens')
        .values({ ...row, last_used_at: null, revoked_at: null })
        .execute(),
    findToken: (tokenHash: string) =>
      db
        .selectFrom('api_tokens')
        .innerJoin('users', 'users.id', 'api_tokens.user_id')
        .select(['api_tokens.id', 'api_tokens.user_id', 'users.username', 'api_tokens.last_used_at'])
        .where('api_tokens.token_hash', '=', tokenHash)
        .where('api_tokens.revoked_at', 'is', null)
        .executeTakeFirst(),
    touchToken: (id: string, nowMs: number) =>
      db.updateTable('api_tokens').set({ last_used_at: nowMs }).where('id', '=', id).execute(),
  };
}

export type AuthRepository = ReturnType<typeof createAuthRepository>;
