import type { Kysely } from 'kysely';
import type { DatabaseSchema, StoredSecretTable } from '../../db/schema.js';

export function createSecretRepository(db: Kysely<DatabaseSchema>) {
  return {
    list: () =>
      db
        .selectFrom('stored_secrets')
        .select(['name', 'description', 'updated_at', 'updated_by'])
        .orderBy('name')
        .execute(),
    find: (name: string) =>
      db.selectFrom('stored_secrets').selectAll().where('name', '=', name).executeTakeFirst(),
    findMany: (names: readonly string[]) =>
      names.length === 0
        ? Promise.resolve([])
        : db
            .selectFrom('stored_secrets')
            .selectAll()
            .where('name', 'in', [...names])
            .execute(),
    upsert: (row: StoredSecretTable) =>
      db
        .insertInto('stored_secrets')
        .values(row)
        .onConflict((oc) =>
          oc.column('name').doUpdateSet({
            sealed_value: row.sealed_value,
            description: row.description,
            updated_at: row.updated_at,
            updated_by: row.updated_by,
          }),
        )
        .execute(),
    delete: (name: string) => db.deleteFrom('stored_secrets').where('name', '=', name).executeTakeFirst(),
  };
}
