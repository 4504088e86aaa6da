import type { Kysely, Migration } from 'kysely';

/** Enrolment tokens can be revoked before use, and the list says so. */
export const enrolmentRevocationMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('enrolment_tokens').addColumn('revoked_at', 'bigint').execute();
  },
};
