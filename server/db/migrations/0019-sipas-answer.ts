import { type Kysely, sql } from 'kysely';
import { onSqlite } from './portable';

// Frozen in time: never edit after merge; add a new migration instead.

/**
 * What answering a SIPAS poster needs besides 0018 (issue #14.3), both short-lived and deleted
 * by the minute tick (docs/anonymity.md):
 * - `sipas_proof`: the ids of spent proof-of-work challenges until they expire, so that two
 *   server processes agree that a proof pays for one answer only;
 * - `sipas_receipt`: the receipt of an answer under HMAC(secret, point + the form's own
 *   submission id), so that a retry of the same submit gets the same receipt and counts once;
 *   no form id, no device: nothing joins it to the answer or to the browser. Kept for the day.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const withoutRowid = onSqlite(db) ? sql`without rowid` : sql``;
  await db.schema
    .createTable('sipas_proof')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .modifyEnd(withoutRowid)
    .execute();
  await db.schema
    .createTable('sipas_receipt')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('receipt', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .modifyEnd(withoutRowid)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sipas_receipt').execute();
  await db.schema.dropTable('sipas_proof').execute();
}
