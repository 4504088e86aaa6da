import type { Kysely, Migration } from 'kysely';

/** Remote agents: credentials, status reports, enrolment tokens, locations, gaps and platform events. */
export const distributedAgentsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    const agentColumns: [string, 'text' | 'bigint' | 'integer', string | number | null][] = [
      ['hostname', 'text', null],
      ['credential_hash', 'text', null],
      ['revoked_at', 'bigint', null],
      ['oldest_unsent_at', 'bigint', null],
      ['clock_offset_ms', 'bigint', null],
      ['browser_available', 'integer', null],
      ['supported_kinds_json', 'text', '[]'],
      ['unsupported_json', 'text', '[]'],
      ['health_state', 'text', 'healthy'],
    ];
    for (const [name, type, fallback] of agentColumns) {
      await db.schema
        .alterTable('agents')
        .addColumn(name, type, (c) => (fallback === null ? c : c.notNull().defaultTo(fallback)))
        .execute();
    }
    await db.schema
      .createIndex('agents_credential_hash')
      .on('agents')
      .column('credential_hash')
      .unique()
      .execute();
    await db.schema.alterTable('runs').addColumn('clock_correction_ms', 'bigint').execute();

    await db.schema
      .createTable('enrolment_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('location', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('used_at', 'bigint')
      .addColumn('agent_id', 'text')
      .execute();
    await db.schema
      .createTable('locations')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('region_code', 'text')
      .addColumn('site', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('agent_gaps')
      .addColumn('agent_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('location', 'text', (c) => c.notNull())
      .addColumn('from_at', 'bigint', (c) => c.notNull())
      .addColumn('to_at', 'bigint', (c) => c.notNull())
      .addColumn('dropped_runs', 'integer', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('by_check_json', 'text', (c) => c.notNull())
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('agent_gaps_pk', ['agent_id', 'id'])
      .execute();
    await db.schema
      .createTable('platform_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('details_json', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('platform_events_at').on('platform_events').column('at').execute();
    await db.schema
      .createIndex('runs_location_started')
      .on('runs')
      .columns(['location', 'started_at'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('runs_location_started').ifExists().execute();
    for (const table of ['platform_events', 'agent_gaps', 'locations', 'enrolment_tokens'])
      await db.schema.dropTable(table).ifExists().execute();
    await db.schema.alterTable('runs').dropColumn('clock_correction_ms').execute();
    await db.schema.dropIndex('agents_credential_hash').ifExists().execute();
    for (const name of [
      'health_state',
      'unsupported_json',
      'supported_kinds_json',
      'browser_available',
      'clock_offset_ms',
      'oldest_unsent_at',
      'revoked_at',
      'credential_hash',
      'hostname',
    ])
      await db.schema.alterTable('agents').dropColumn(name).execute();
  },
};
