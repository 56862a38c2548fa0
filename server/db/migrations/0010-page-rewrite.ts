import type { Kysely } from 'kysely';

// Frozen in time: never edit after merge; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  // When the database file was last rebuilt (VACUUM) so that no page order dates a form, how
  // many submissions it held then and how long the rebuild took (server/db/rewrite.ts). One row
  // at most. None of it says more than the roster's submitted_at times already do.
  await db.schema
    .createTable('page_rewrite')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('rewritten_at', 'text', (c) => c.notNull())
    .addColumn('submissions', 'integer', (c) => c.notNull())
    .addColumn('took_ms', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('page_rewrite').execute();
}
