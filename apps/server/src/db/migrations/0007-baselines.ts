import type { Kysely, Migration } from 'kysely';

/** Stored baselines: frozen baseline versions of a reference period, and static values (load tests, targets). */
export const baselinesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('baselines')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('business', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('region', 'text')
      .addColumn('metric', 'text', (c) => c.notNull())
      .addColumn('from_ms', 'bigint')
      .addColumn('to_ms', 'bigint')
      .addColumn('value', 'double precision')
      .addColumn('slots', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('baselines_service')
      .on('baselines')
      .columns(['business', 'channel', 'metric'])
      .execute();
  },
};
