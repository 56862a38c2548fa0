import type { Kysely } from 'kysely';
import { autoId } from './portable';

// Frozen in time: never edit after merge; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('user')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('password_changed_at', 'text', (c) => c.notNull())
    .addColumn('disabled_at', 'text')
    .execute();

  // Sessions live in the database so that several servers can share them.
  await db.schema
    .createTable('session')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('user.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('session_user').on('session').column('user_id').execute();

  // Failed logins per client address and per e-mail, for throttling (shared across servers).
  await db.schema
    .createTable('login_failure')
    .addColumn('id', ...autoId(db))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('login_failure_key_at')
    .on('login_failure')
    .columns(['key', 'at'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', ...autoId(db))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('user_email', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text')
    .addColumn('target', 'text')
    .addColumn('details', 'text')
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();

  // A short code a person can type on the home page instead of scanning the QR code; like the
  // token it is derived from the secret, and only its HMAC is stored.
  await db.schema.alterTable('invitation').addColumn('short_code_hash', 'text').execute();
  await db.schema
    .createIndex('invitation_short_code_hash')
    .on('invitation')
    .column('short_code_hash')
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('invitation_short_code_hash').execute();
  await db.schema.alterTable('invitation').dropColumn('short_code_hash').execute();
  for (const table of ['audit_log', 'login_failure', 'session', 'user']) {
    await db.schema.dropTable(table).execute();
  }
}
