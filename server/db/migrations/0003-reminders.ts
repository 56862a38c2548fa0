import type { Kysely } from 'kysely';
import { autoId } from './portable';

// Frozen in time: never edit after merge; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  // Reminders sent to a non-responder (by phone, Zalo, SMS, e-mail): who chased whom, when.
  await db.schema
    .createTable('reminder')
    .addColumn('id', ...autoId(db))
    .addColumn('invitation_id', 'text', (c) => c.notNull().references('invitation.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('reminder_invitation')
    .on('reminder')
    .column('invitation_id')
    .execute();
  // The response-rate target shown against each group × unit (percent).
  await db.schema.alterTable('campaign').addColumn('target_rate', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('campaign').dropColumn('target_rate').execute();
  await db.schema.dropTable('reminder').execute();
}
