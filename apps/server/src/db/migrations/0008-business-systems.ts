import { sql, type Kysely, type Migration } from 'kysely';

/** Which back-end systems serve each business (JSON array of system codes). */
export const businessSystemsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('businesses')
      .addColumn('systems', 'text', (c) => c.notNull().defaultTo(sql`'[]'`))
      .execute();
  },
};
