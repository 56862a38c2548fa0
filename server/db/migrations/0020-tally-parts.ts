import { type Kysely, sql } from 'kysely';
import { onSqlite } from './portable';

// Frozen in time: never edit after merge; add a new migration instead.

/**
 * The tallies split into parts (issue #12, speed): on PostgreSQL every submit of a group added
 * to the same `answer_tally` and `form_tally` rows and held their locks until its commit, so a
 * group's submits were stored one at a time whatever the number of processes. A submit now adds
 * to one part of each count, picked at random (`part`, 0 to 15); readers sum the parts, and the
 * rows' rewrite (server/db/rewrite-rows.ts) folds them back into part 0. A part is a random
 * number, chosen independently of time and order, and it does not survive the next rewrite.
 *
 * PostgreSQL: the column joins the primary key. SQLite has one writer anyway: every count stays
 * in part 0 and the key is unchanged (a WITHOUT ROWID table would have to be rebuilt for it).
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['answer_tally', 'form_tally']) {
    await db.schema
      .alterTable(table)
      .addColumn('part', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  }
  if (onSqlite(db)) return;
  await sql`ALTER TABLE answer_tally DROP CONSTRAINT answer_tally_pk,
    ADD CONSTRAINT answer_tally_pk PRIMARY KEY
      (campaign_id, unit_code, questionnaire_id, question_id, group_code, option, part)`.execute(
    db,
  );
  await sql`ALTER TABLE form_tally DROP CONSTRAINT form_tally_pk,
    ADD CONSTRAINT form_tally_pk PRIMARY KEY
      (campaign_id, unit_code, criterion_code, group_code, part)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!onSqlite(db)) {
    for (const [table, key] of [
      ['answer_tally', 'campaign_id, unit_code, questionnaire_id, question_id, group_code, option'],
      ['form_tally', 'campaign_id, unit_code, criterion_code, group_code'],
    ] as const) {
      // Parts folded into one row per count before the narrower key comes back.
      await sql`WITH old AS (DELETE FROM ${sql.table(table)} RETURNING *)
        INSERT INTO ${sql.table(table)} SELECT ${sql.raw(key)}, sum(n), 0 FROM old
        GROUP BY ${sql.raw(key)}`.execute(db);
      await sql`ALTER TABLE ${sql.table(table)} DROP CONSTRAINT ${sql.raw(`${table}_pk`)},
        ADD CONSTRAINT ${sql.raw(`${table}_pk`)} PRIMARY KEY (${sql.raw(key)})`.execute(db);
    }
  }
  for (const table of ['answer_tally', 'form_tally']) {
    await db.schema.alterTable(table).dropColumn('part').execute();
  }
}
