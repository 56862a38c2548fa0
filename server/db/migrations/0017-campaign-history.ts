import type { Kysely } from 'kysely';

// Frozen in time: never edit after merge; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  // Issue #13.14: reopening keeps the first opening time; each reopening is kept with the end
  // it replaced, so the campaign page shows every period the campaign was open.
  await db.schema
    .createTable('campaign_reopening')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id'))
    .addColumn('reopened_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('campaign_reopening_pk', ['campaign_id', 'reopened_at'])
    .execute();
  // A closed campaign can be archived: hidden from the default list, shown by a filter.
  await db.schema.alterTable('campaign').addColumn('archived_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('campaign').dropColumn('archived_at').execute();
  await db.schema.dropTable('campaign_reopening').execute();
}
