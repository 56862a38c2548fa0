import type { Kysely } from 'kysely';

// Frozen in time: never edit after merge; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  // An account whose password someone else chose (an admin's reset, the first admin's printed
  // password) must choose its own before anything else (issue #13.3).
  await db.schema
    .alterTable('user')
    .addColumn('must_change_password', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('user').dropColumn('must_change_password').execute();
}
