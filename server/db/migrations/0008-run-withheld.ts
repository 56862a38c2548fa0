import type { Kysely } from 'kysely';

// Frozen in time: never edit after merge; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  // The units a trial run leaves out (JSON: code, name, index), null when none: a trial that
  // weighs the groups otherwise than the campaign's method would, next to the official run, give
  // away the answers of a group too small to show (docs/method.md §12).
  await db.schema.alterTable('scoring_run').addColumn('withheld', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('scoring_run').dropColumn('withheld').execute();
}
