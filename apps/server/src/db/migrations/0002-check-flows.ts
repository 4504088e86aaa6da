import type { Kysely, Migration } from 'kysely';

/** Checks become flows: initial variables and a budget for the whole flow. */
export const checkFlowsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('checks')
      .addColumn('variables_json', 'text', (c) => c.notNull().defaultTo('{}'))
      .execute();
    await db.schema
      .alterTable('checks')
      .addColumn('flow_timeout_ms', 'integer', (c) => c.notNull().defaultTo(120_000))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('checks').dropColumn('flow_timeout_ms').execute();
    await db.schema.alterTable('checks').dropColumn('variables_json').execute();
  },
};
