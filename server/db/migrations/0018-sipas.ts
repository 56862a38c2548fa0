import { type Kysely, sql } from 'kysely';
import { onSqlite } from './portable';

// Frozen in time: never edit after merge; add a new migration instead.

/**
 * SIPAS (issue #14): a public kind of campaign with collection points, one-time codes, anonymous
 * forms and their counts. The answer-level tables (`sipas_form`, `sipas_answer`,
 * `sipas_comment`) carry no time and random keys (WITHOUT ROWID on SQLite, like `submission`);
 * the count tables may be keyed by day, hour or 10-minute slot, never by a form
 * (docs/anonymity.md §2).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const withoutRowid = onSqlite(db) ? sql`without rowid` : sql``;

  await db.schema
    .alterTable('campaign')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('par'))
    .execute();

  // A place where citizens answer: a desk, a commune's service centre, a department's reception.
  await db.schema
    .createTable('collection_point')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('service_area', 'text')
    .addColumn('opens', 'text', (c) => c.notNull())
    .addColumn('closes', 'text', (c) => c.notNull())
    .addColumn('weekdays', 'text', (c) => c.notNull())
    .addColumn('daily_limit', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('collection_point_campaign')
    .on('collection_point')
    .columns(['campaign_id', 'position'])
    .execute();

  await db.schema
    .createTable('sipas_code_batch')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id'))
    .addColumn('point_id', 'text', (c) => c.notNull().references('collection_point.id'))
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();

  // One-time codes: only their HMAC; the code itself is printed, never stored. No time.
  await db.schema
    .createTable('sipas_code')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id'))
    .addColumn('point_id', 'text', (c) => c.notNull().references('collection_point.id'))
    .addColumn('batch_id', 'text', (c) => c.notNull().references('sipas_code_batch.id'))
    .addColumn('used', 'integer', (c) => c.notNull().defaultTo(0))
    .modifyEnd(withoutRowid)
    .execute();
  await db.schema.createIndex('sipas_code_batch_id').on('sipas_code').column('batch_id').execute();

  // Anonymous: a form under a random id; no time, no device, no address.
  await db.schema
    .createTable('sipas_form')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id'))
    .addColumn('point_id', 'text', (c) => c.notNull().references('collection_point.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .modifyEnd(withoutRowid)
    .execute();
  await db.schema
    .createIndex('sipas_form_campaign')
    .on('sipas_form')
    .columns(['campaign_id', 'point_id'])
    .execute();

  await db.schema
    .createTable('sipas_answer')
    .addColumn('form_id', 'text', (c) => c.notNull().references('sipas_form.id'))
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('option', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sipas_answer_pk', ['form_id', 'question_id', 'option'])
    .modifyEnd(withoutRowid)
    .execute();

  // Free text, not even linked to its form.
  await db.schema
    .createTable('sipas_comment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id'))
    .addColumn('point_id', 'text', (c) => c.notNull().references('collection_point.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('redacted', 'text')
    .modifyEnd(withoutRowid)
    .execute();

  // Counts per point × day (Vietnam time) × channel × question × option: scoring reads these.
  await db.schema
    .createTable('sipas_tally')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('point_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('option', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('sipas_tally_pk', [
      'campaign_id',
      'point_id',
      'day',
      'channel',
      'question_id',
      'option',
    ])
    .modifyEnd(withoutRowid)
    .execute();

  // Counts per point × hour × channel: forms, repeats, wholly satisfied forms (the flags).
  await db.schema
    .createTable('sipas_hour')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('point_id', 'text', (c) => c.notNull())
    .addColumn('hour', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('forms', 'integer', (c) => c.notNull())
    .addColumn('repeats', 'integer', (c) => c.notNull())
    .addColumn('satisfied', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('sipas_hour_pk', ['campaign_id', 'point_id', 'hour', 'channel'])
    .modifyEnd(withoutRowid)
    .execute();

  // Forms per point × 10-minute slot: "many answers in minutes".
  await db.schema
    .createTable('sipas_slot')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('point_id', 'text', (c) => c.notNull())
    .addColumn('slot', 'text', (c) => c.notNull())
    .addColumn('forms', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('sipas_slot_pk', ['campaign_id', 'point_id', 'slot'])
    .modifyEnd(withoutRowid)
    .execute();

  // Ephemeral: HMACs of this hour's forms per point, to count repeats; past hours deleted.
  await db.schema
    .createTable('sipas_recent')
    .addColumn('point_id', 'text', (c) => c.notNull())
    .addColumn('hour', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sipas_recent_pk', ['point_id', 'hour', 'hash'])
    .modifyEnd(withoutRowid)
    .execute();

  // Ephemeral: answers per device session × point × day (HMAC key); past days deleted.
  await db.schema
    .createTable('sipas_device_day')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .modifyEnd(withoutRowid)
    .execute();

  await db.schema
    .createTable('sipas_run')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('official', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('excluded_days', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('locked_at', 'text')
    .execute();
  await db.schema.createIndex('sipas_run_campaign').on('sipas_run').column('campaign_id').execute();

  // A locked SIPAS run feeding a field of a PAR campaign's total index.
  await db.schema
    .createTable('sipas_link')
    .addColumn('par_campaign_id', 'text', (c) => c.notNull().references('campaign.id'))
    .addColumn('sipas_run_id', 'text', (c) => c.notNull().references('sipas_run.id'))
    .addColumn('field_code', 'text', (c) => c.notNull())
    .addColumn('max_points', 'text', (c) => c.notNull())
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addColumn('linked_by', 'text')
    .addPrimaryKeyConstraint('sipas_link_pk', ['par_campaign_id', 'field_code'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'sipas_link',
    'sipas_run',
    'sipas_device_day',
    'sipas_recent',
    'sipas_slot',
    'sipas_hour',
    'sipas_tally',
    'sipas_comment',
    'sipas_answer',
    'sipas_form',
    'sipas_code',
    'sipas_code_batch',
    'collection_point',
  ])
    await db.schema.dropTable(table).execute();
  await db.schema.alterTable('campaign').dropColumn('kind').execute();
}
