import type { Kysely } from 'kysely';

// Frozen in time: never edit after merge; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  // When the names, phones and e-mails of a campaign's roster were erased (Nghị định 13/2023).
  await db.schema.alterTable('campaign').addColumn('personal_data_purged_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('campaign').dropColumn('personal_data_purged_at').execute();
}
