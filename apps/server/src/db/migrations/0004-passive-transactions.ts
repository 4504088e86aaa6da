import type { Kysely, Migration } from 'kysely';

/** The service model's other dimensions (segments, systems, aliases) and passive transaction ingestion. */
export const passiveTransactionsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('segments')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('name_zh', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('systems')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('name_zh', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('planned_utilisation', 'double precision', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('dimension_aliases')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('alias', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('dimension_aliases_pk', ['kind', 'alias'])
      .execute();
    await db.schema.alterTable('series').addColumn('segment', 'text').execute();
    await db.schema
      .createIndex('series_source')
      .on('series')
      .columns(['source', 'business', 'channel'])
      .execute();

    // External ids already accepted, so a replayed record is counted once; pruned after the dedup window.
    await db.schema
      .createTable('ingest_external_ids')
      .addColumn('external_id', 'text', (c) => c.primaryKey())
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('ingest_external_ids_received')
      .on('ingest_external_ids')
      .column('received_at')
      .execute();

    // Raw records: optional (off by default), with their own retention.
    await db.schema
      .createTable('transactions')
      .addColumn('time_ms', 'bigint', (c) => c.notNull())
      .addColumn('business', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('region', 'text', (c) => c.notNull())
      .addColumn('segment', 'text')
      .addColumn('system', 'text')
      .addColumn('host', 'text')
      .addColumn('clerk_id', 'text')
      .addColumn('terminal_id', 'text')
      .addColumn('customer', 'text')
      .addColumn('latency_ms', 'double precision', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('error_class', 'text')
      .addColumn('external_id', 'text')
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('transactions_time').on('transactions').column('time_ms').execute();
  },
};
