import type { Kysely } from 'kysely';

// Frozen in time: never edit after merge; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  // A scoring run: what was scored (definition version, settings), over which submissions (the
  // fingerprint: SHA-256 over their sorted content hashes), and the output kept whole, so that a
  // locked run is re-exported byte for byte months later. Aggregates only: no submission id.
  await db.schema
    .createTable('scoring_run')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('definition_id', 'text', (c) => c.notNull().references('definition.id'))
    .addColumn('definition_code', 'text', (c) => c.notNull())
    .addColumn('definition_version', 'integer', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('official', 'integer', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('submission_count', 'integer', (c) => c.notNull())
    .addColumn('results', 'text', (c) => c.notNull())
    .addColumn('distributions', 'text', (c) => c.notNull())
    .addColumn('locked_at', 'text')
    .addColumn('locked_by', 'text')
    .execute();
  await db.schema
    .createIndex('scoring_run_campaign')
    .on('scoring_run')
    .columns(['campaign_id', 'created_at'])
    .execute();
  // The fingerprint reads a campaign's content hashes in order: an index makes that a scan.
  await db.schema
    .createIndex('submission_campaign_hash')
    .on('submission')
    .columns(['campaign_id', 'content_hash'])
    .execute();
  // The version of a comment an analyst has cleared for export, names blanked; null until then,
  // '' when it is not to be exported at all. The respondent's text stays as written.
  await db.schema.alterTable('comment').addColumn('redacted_text', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('comment').dropColumn('redacted_text').execute();
  await db.schema.dropIndex('submission_campaign_hash').execute();
  await db.schema.dropTable('scoring_run').execute();
}
