import type { Kysely, Migration } from 'kysely';

/** Indicator definitions edited or added by users (built-ins live in code), and score snapshots. */
export const indicatorsScoresMigration: Migration = {
  async up(db: Kysely<unknown>) {
    // A built-in's row overrides it (thresholds, formula, enabled); a row without a built-in is a custom indicator.
    await db.schema
      .createTable('indicator_definitions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('definition', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    // One row per scope and bucket. Absent dimensions are '' so the primary key covers every scope kind.
    await db.schema
      .createTable('score_snapshots')
      .addColumn('resolution', 'text', (c) => c.notNull())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('business', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('region', 'text', (c) => c.notNull())
      .addColumn('bucket_start', 'bigint', (c) => c.notNull())
      .addColumn('score', 'double precision')
      .addColumn('reliability', 'double precision')
      .addColumn('efficiency', 'double precision')
      .addColumn('usability', 'double precision')
      .addColumn('integrity', 'double precision')
      .addColumn('volume', 'bigint', (c) => c.notNull())
      .addColumn('failures', 'bigint', (c) => c.notNull())
      .addColumn('p95_ms', 'double precision')
      .addColumn('worst_key', 'text')
      .addColumn('worst_score', 'double precision')
      .addColumn('capped', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('score_snapshots_pk', [
        'resolution',
        'scope',
        'bucket_start',
        'business',
        'channel',
        'region',
      ])
      .execute();
  },
};
