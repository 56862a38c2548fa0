import type { Kysely } from 'kysely';

// Frozen in time: never edit after merge; add a new migration instead.

/** The organisation every existing campaign, account and audit row belongs to. */
const ROOT = 'root';

export async function up(db: Kysely<any>): Promise<void> {
  // Issue #12: one deployment for many offices. Organisations form a tree (the Ministry → a
  // province → a commune); an account sees its organisation's subtree only. Portable types only
  // (text, integer): the same migration runs on SQLite and PostgreSQL.
  await db.schema
    .createTable('organisation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text', (c) => c.references('organisation.id'))
    .addColumn('official_code', 'text')
    .addColumn('kind', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('organisation_parent')
    .on('organisation')
    .column('parent_id')
    .execute();
  await db
    .insertInto('organisation')
    .values({
      id: ROOT,
      name: 'Toàn hệ thống',
      parent_id: null,
      official_code: null,
      kind: null,
      created_at: new Date().toISOString(),
    })
    .execute();
  // Existing rows join the root through the default. SQLite cannot add a column that both
  // references another table and has a default, so the link is kept by the code that writes it.
  for (const table of ['campaign', 'user', 'audit_log']) {
    await db.schema
      .alterTable(table)
      .addColumn('organisation_id', 'text', (c) => c.notNull().defaultTo(ROOT))
      .execute();
    await db.schema
      .createIndex(`${table}_organisation`)
      .on(table)
      .column('organisation_id')
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['audit_log', 'user', 'campaign']) {
    await db.schema.dropIndex(`${table}_organisation`).execute();
    await db.schema.alterTable(table).dropColumn('organisation_id').execute();
  }
  await db.schema.dropIndex('organisation_parent').execute();
  await db.schema.dropTable('organisation').execute();
}
