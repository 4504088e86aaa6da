import type { Kysely, Migration } from 'kysely';

/**
 * Users with roles and a region scope, roles as data, scoped and expiring tokens, sessions with idle timeout,
 * login throttling shared through the database, and the append-only audit log.
 */
export const accessControlMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('users')
      .addColumn('display_name', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema
      .alterTable('users')
      .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    // The bootstrap admin that existed before roles were data keeps every right.
    await db.schema
      .alterTable('users')
      .addColumn('roles_json', 'text', (c) => c.notNull().defaultTo('["admin"]'))
      .execute();
    await db.schema
      .alterTable('users')
      .addColumn('regions_json', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();
    await db.schema.alterTable('users').addColumn('disabled_at', 'bigint').execute();
    await db.schema.alterTable('users').addColumn('last_login_at', 'bigint').execute();
    await db.schema.alterTable('users').addColumn('totp_secret', 'text').execute();
    await db.schema.alterTable('sessions').addColumn('last_seen_at', 'bigint').execute();
    // Tokens created before scopes existed were full admin credentials; they keep working only as their owner.
    await db.schema
      .alterTable('api_tokens')
      .addColumn('scopes_json', 'text', (c) => c.notNull().defaultTo('["*"]'))
      .execute();
    await db.schema
      .alterTable('api_tokens')
      .addColumn('regions_json', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();
    await db.schema.alterTable('api_tokens').addColumn('expires_at', 'bigint').execute();
    await db.schema.alterTable('api_tokens').addColumn('last_used_address', 'text').execute();
    await db.schema
      .createTable('roles')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('permissions_json', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('login_attempts')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('last_failure_at', 'bigint', (c) => c.notNull())
      .addColumn('blocked_until', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('audit_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('actor_kind', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('resource', 'text', (c) => c.notNull())
      .addColumn('resource_id', 'text')
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('changes_json', 'text')
      .addColumn('request_id', 'text')
      .addColumn('client_address', 'text')
      .addColumn('detail', 'text')
      .execute();
    await db.schema.createIndex('audit_events_at').on('audit_events').columns(['at', 'id']).execute();
  },
};
