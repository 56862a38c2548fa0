import type { Kysely } from 'kysely';

// Frozen in time: never edit after merge; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  // The appraised self-assessment (docs/method.md §9): points per evaluated
  // unit, field_code '' for the unit's total and LV1…LV8 where the office has them per field.
  // Points are decimal text ("60.50"), never floats. One import per campaign: a new import
  // replaces every row of the campaign in one transaction.
  await db.schema
    .createTable('self_assessment')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id'))
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('field_code', 'text', (c) => c.notNull())
    .addColumn('points', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('imported_by', 'text')
    .addPrimaryKeyConstraint('self_assessment_pk', ['campaign_id', 'unit_code', 'field_code'])
    .execute();
  // The self-assessment a run was computed with (import time, fingerprint, number of units), as
  // JSON; null when none was imported. With it a locked run stays reproducible after a new import.
  await db.schema.alterTable('scoring_run').addColumn('self_assessment', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('scoring_run').dropColumn('self_assessment').execute();
  await db.schema.dropTable('self_assessment').execute();
}
