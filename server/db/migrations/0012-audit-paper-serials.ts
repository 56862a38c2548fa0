import type { Kysely } from 'kysely';

// Frozen in time: never edit after merge; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  // The audit of a paper entry kept the sheets' serial in clear (and its group) with a time:
  // next to the stub received just before, it tied a person to the sheets kept on paper. The
  // database promises only an HMAC of a serial, with no time. Entries now log that they
  // happened, by whom; earlier rows lose what they said of the serial.
  await db
    .updateTable('audit_log')
    .set({ target: null, details: null })
    .where('action', '=', 'paper_entered')
    .execute();
  // secure_delete overwrites the old cells; the WAL's copy goes at the server's next checkpoint.
}

export async function down(_db: Kysely<any>): Promise<void> {
  // What was removed cannot come back.
}
