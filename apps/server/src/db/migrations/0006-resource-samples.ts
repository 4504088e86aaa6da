import type { Kysely, Migration } from 'kysely';

/** The resource layer: per-minute metrics per system and host, Prometheus scrape targets, capacity settings. */
export const resourceSamplesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    // One row per system, host, metric and minute; several samples in a minute merge into sum, count, min and max.
    await db.schema
      .createTable('resource_minute')
      .addColumn('system', 'text', (c) => c.notNull())
      .addColumn('host', 'text', (c) => c.notNull())
      .addColumn('metric', 'text', (c) => c.notNull())
      .addColumn('bucket_start', 'bigint', (c) => c.notNull())
      .addColumn('sum', 'double precision', (c) => c.notNull())
      .addColumn('count', 'bigint', (c) => c.notNull())
      .addColumn('min', 'double precision', (c) => c.notNull())
      .addColumn('max', 'double precision', (c) => c.notNull())
      .addPrimaryKeyConstraint('resource_minute_pk', ['system', 'host', 'metric', 'bucket_start'])
      .execute();
    // The capacity month reads one system's metric over a time range across all its hosts.
    await db.schema
      .createIndex('resource_minute_system_metric')
      .on('resource_minute')
      .columns(['system', 'metric', 'bucket_start'])
      .execute();
    await db.schema
      .createIndex('resource_minute_bucket')
      .on('resource_minute')
      .column('bucket_start')
      .execute();

    await db.schema
      .createTable('scrape_targets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('interval_seconds', 'integer', (c) => c.notNull())
      .addColumn('timeout_ms', 'integer', (c) => c.notNull())
      .addColumn('system', 'text', (c) => c.notNull())
      .addColumn('host_json', 'text', (c) => c.notNull())
      .addColumn('mappings_json', 'text', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('last_scrape_at', 'bigint')
      .addColumn('last_status', 'text')
      .addColumn('last_samples', 'integer')
      .addColumn('last_error', 'text')
      .execute();

    await db.schema
      .createTable('system_capacity')
      .addColumn('system', 'text', (c) => c.primaryKey())
      .addColumn('planned_tpmc', 'double precision')
      .addColumn('configured_tpmc', 'double precision')
      .addColumn('cpu_threshold_percent', 'double precision', (c) => c.notNull())
      .addColumn('daytime_start_hour', 'integer', (c) => c.notNull())
      .addColumn('daytime_end_hour', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
  },
};
