import type { Kysely } from 'kysely';

// Frozen in time: never edit after merge; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  // A link belongs to the first device that opens it (issue #9): the HMACs of its claim and of
  // the resume code derived from it, null until then; wrong claims counted per link, and the
  // time until which typed resume codes are refused after too many of them.
  await db.schema.alterTable('invitation').addColumn('claim_hash', 'text').execute();
  await db.schema.alterTable('invitation').addColumn('resume_hash', 'text').execute();
  await db.schema
    .alterTable('invitation')
    .addColumn('claim_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('invitation').addColumn('claim_locked_until', 'text').execute();
  // Drafts saved before this were sealed under the token alone, which the office holds. They
  // are deleted rather than handed to whoever claims the link first (the office could be first);
  // the form keeps its own copy on the device and sends it again once it has claimed the link.
  await db.deleteFrom('draft').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('invitation').dropColumn('claim_locked_until').execute();
  await db.schema.alterTable('invitation').dropColumn('claim_failures').execute();
  await db.schema.alterTable('invitation').dropColumn('resume_hash').execute();
  await db.schema.alterTable('invitation').dropColumn('claim_hash').execute();
}
