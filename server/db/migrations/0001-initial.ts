import { type Kysely, SqliteAdapter, sql } from 'kysely';
import { autoId } from './portable';

// Frozen in time: never edit after merge; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  // On SQLite a table keeps insertion order in its rowid; the anonymous tables are WITHOUT ROWID
  // with random keys so that nothing physical lines them up with invitations' submit times.
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const withoutRowid = sqlite ? sql`without rowid` : sql``;

  await db.schema
    .createTable('definition')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('definition_code_version', ['code', 'version'])
    .execute();

  await db.schema
    .createTable('unit_set')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('unit')
    .addColumn('unit_set_id', 'text', (c) => c.notNull().references('unit_set.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('unit_pk', ['unit_set_id', 'code'])
    .execute();

  await db.schema
    .createTable('campaign')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('definition_id', 'text', (c) => c.notNull().references('definition.id'))
    .addColumn('unit_set_id', 'text', (c) => c.notNull().references('unit_set.id'))
    .addColumn('opens_at', 'text')
    .addColumn('closes_at', 'text')
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('respondent')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('group_code', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text')
    .addColumn('workplace', 'text')
    .addColumn('position', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('respondent_campaign')
    .on('respondent')
    .column('campaign_id')
    .execute();

  await db.schema
    .createTable('invitation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id'))
    .addColumn('respondent_id', 'text', (c) => c.notNull().unique().references('respondent.id'))
    .addColumn('token_nonce', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text')
    .addColumn('started_at', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('receipt', 'text')
    .addColumn('submit_hash', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('invitation_campaign_status')
    .on('invitation')
    .columns(['campaign_id', 'status'])
    .execute();

  await db.schema
    .createTable('invitation_event')
    .addColumn('id', ...autoId(db))
    .addColumn('invitation_id', 'text', (c) => c.notNull().references('invitation.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('invitation_event_invitation')
    .on('invitation_event')
    .column('invitation_id')
    .execute();

  await db.schema
    .createTable('draft')
    .addColumn('invitation_id', 'text', (c) => c.primaryKey().references('invitation.id'))
    .addColumn('iv', 'text', (c) => c.notNull())
    .addColumn('ciphertext', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('submission')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id'))
    .addColumn('group_code', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .modifyEnd(withoutRowid)
    .execute();
  await db.schema
    .createIndex('submission_campaign')
    .on('submission')
    .columns(['campaign_id', 'group_code'])
    .execute();

  await db.schema
    .createTable('answer')
    .addColumn('submission_id', 'text', (c) => c.notNull().references('submission.id'))
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('group_code', 'text', (c) => c.notNull())
    .addColumn('questionnaire_id', 'text', (c) => c.notNull())
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('option', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('answer_pk', [
      'submission_id',
      'questionnaire_id',
      'question_id',
      'unit_code',
    ])
    .modifyEnd(withoutRowid)
    .execute();
  // Running totals for scoring, kept in the submit's transaction. A covering index on `answer`
  // would scatter each submit's 180 rows over ~100 pages (7.5 ms a submit, measured); the tallies
  // are a few hot pages (2 ms). They hold counts only: no submission, no order, no time.
  await db.schema
    .createTable('answer_tally')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('questionnaire_id', 'text', (c) => c.notNull())
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('group_code', 'text', (c) => c.notNull())
    .addColumn('option', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('answer_tally_pk', [
      'campaign_id',
      'unit_code',
      'questionnaire_id',
      'question_id',
      'group_code',
      'option',
    ])
    .modifyEnd(withoutRowid)
    .execute();
  // Forms with at least one valid answer per unit × criterion × group: the small-group rule.
  await db.schema
    .createTable('form_tally')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('criterion_code', 'text', (c) => c.notNull())
    .addColumn('group_code', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('form_tally_pk', [
      'campaign_id',
      'unit_code',
      'criterion_code',
      'group_code',
    ])
    .modifyEnd(withoutRowid)
    .execute();

  await db.schema
    .createTable('demographic')
    .addColumn('submission_id', 'text', (c) => c.notNull().references('submission.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('demographic_pk', ['submission_id', 'key'])
    .modifyEnd(withoutRowid)
    .execute();

  await db.schema
    .createTable('comment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id'))
    .addColumn('group_code', 'text', (c) => c.notNull())
    .addColumn('questionnaire_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .modifyEnd(withoutRowid)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'form_tally',
    'answer_tally',
    'comment',
    'demographic',
    'answer',
    'submission',
    'draft',
    'invitation_event',
    'invitation',
    'respondent',
    'campaign',
    'unit',
    'unit_set',
    'definition',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
