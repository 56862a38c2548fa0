import type { Kysely } from 'kysely';

// Frozen in time: never edit after merge; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  // Every sign-in and short-code attempt, reserved before it is evaluated (issue #9, points 6-7):
  // scope 'account' (key: the e-mail typed), 'device' (key: a device cookie's id), 'code' (key:
  // 'all', one budget for the whole site), 'ok' once an attempt succeeded. No address is kept.
  // The id is a proof of work's challenge id when one was paid, so a proof is spent once.
  await db.schema
    .createTable('login_attempt')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('login_attempt_scope_key_at')
    .on('login_attempt')
    .columns(['scope', 'key', 'at'])
    .execute();
  await db.schema
    .createIndex('login_attempt_scope_at')
    .on('login_attempt')
    .columns(['scope', 'at'])
    .execute();
  await db.schema.createIndex('login_attempt_at').on('login_attempt').column('at').execute();
  // The old per-address failure log: addresses are no longer a throttling key, so none is kept.
  await db.schema.dropTable('login_failure').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_attempt').execute();
  await db.schema
    .createTable('login_failure')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('login_failure_key_at')
    .on('login_failure')
    .columns(['key', 'at'])
    .execute();
}
