import type { Kysely, Migration } from 'kysely';

/** Probe secrets kept in the product, sealed with the server's secret key; values are never read back out. */
export const storedSecretsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('stored_secrets')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('sealed_value', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .execute();
  },
};
