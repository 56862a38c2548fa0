import { type Kysely, SqliteAdapter, sql } from 'kysely';

// Frozen in time: never edit after merge; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const withoutRowid = sqlite ? sql`without rowid` : sql``;

  // The serials printed on paper answer sheets. Anonymous like `submission`: keyed by an HMAC of
  // the serial (random, never derived from an invitation), with the campaign and the group the
  // sheets were printed for, and whether they have been entered. No person, no invitation, no
  // submission, no time, no batch, no rowid: nothing lines a serial up with a stub.
  await db.schema
    .createTable('paper_serial')
    .addColumn('serial_hash', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id'))
    .addColumn('group_code', 'text', (c) => c.notNull())
    .addColumn('entered', 'integer', (c) => c.notNull().defaultTo(0))
    .modifyEnd(withoutRowid)
    .execute();
  await db.schema
    .createIndex('paper_serial_campaign')
    .on('paper_serial')
    .columns(['campaign_id', 'group_code', 'entered'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('paper_serial').execute();
}
