import type { Kysely } from 'kysely';

// Frozen in time: never edit after merge; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  // Paper sheets may be typed after closing, for stubs received before it (issue #13.1): a run
  // records how many sheets were still awaited when it was made, and says so.
  await db.schema.alterTable('scoring_run').addColumn('paper_waiting', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('scoring_run').dropColumn('paper_waiting').execute();
}
