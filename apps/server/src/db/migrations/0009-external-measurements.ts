import type { Kysely, Migration } from 'kysely';

/** Values other systems report for the external indicators, per minute and scope ('' where a scope is absent). */
export const externalMeasurementsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('external_minute')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('business', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('region', 'text', (c) => c.notNull())
      .addColumn('bucket_start', 'bigint', (c) => c.notNull())
      .addColumn('sum', 'double precision', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('external_minute_pk', [
        'name',
        'business',
        'channel',
        'region',
        'bucket_start',
      ])
      .execute();
    await db.schema
      .createIndex('external_minute_bucket')
      .on('external_minute')
      .column('bucket_start')
      .execute();
  },
};
