import { sql } from 'kysely';
import { type Db, isPostgres } from './connect';

/**
 * PostgreSQL's counterpart of SQLite's rebuild (server/db/rewrite.ts, docs/anonymity.md §4).
 * Every row version carries the id of the transaction that wrote it (`xmin`), and a submit's
 * transaction writes the person's invitation and their anonymous rows alike: one shared xmin
 * tells who answered what. Rows also lie where they were written (`ctid`), in arrival order.
 * Both survive VACUUM FREEZE.
 *
 * So the anonymous tables are rewritten in one transaction: each row deleted and inserted again
 * (a data-modifying CTE per group of tables tied by foreign keys), in the order of its random
 * key. Afterwards every anonymous row carries this transaction's xmin and lies where its random
 * key put it; then a plain VACUUM removes the old versions (not the bytes they leave in free
 * space: §8).
 *
 * Nothing committed is lost, nothing waits for long:
 * - a DELETE removes only the rows its snapshot sees, so forms committed meanwhile stay as they
 *   are (the next rewrite takes them); submits only insert into submission, answer, demographic
 *   and comment, so they never wait for this transaction there;
 * - the tallies, which every submit updates, are rewritten last, under a table lock that waits
 *   for the submits already writing them and holds new ones back for those few milliseconds (no
 *   deadlock between a submit's upserts and this rewrite's deletes; no count lost); each count's
 *   parts are folded into one row then (part 0);
 * - the only other writers of these rows (a paper entry claiming its serial, an analyst's
 *   redaction, deleting a campaign) take `holdRewrite`'s lock: an UPDATE of a row this rewrite
 *   replaced would otherwise find it deleted and change nothing.
 */

/** The advisory lock between a rewrite (exclusive) and the other writers of anonymous rows. */
const REWRITE_LOCK = 4_712_012_003;

/**
 * Called first in a transaction that updates or deletes anonymous rows (not one that only
 * inserts them): waits while a rewrite runs, and keeps one from starting until it commits.
 * Nothing on SQLite, where the rewrite holds the whole database anyway.
 */
export async function holdRewrite(trx: Db): Promise<void> {
  if (isPostgres(trx)) await sql`SELECT pg_advisory_xact_lock_shared(${REWRITE_LOCK})`.execute(trx);
}

/** The anonymous tables, each with its key: the order rows are written back in. */
const KEYS = {
  submission: 'id',
  answer: 'submission_id, questionnaire_id, question_id, unit_code',
  demographic: 'submission_id, key',
  comment: 'id',
  paper_serial: 'serial_hash',
  answer_tally: 'campaign_id, unit_code, questionnaire_id, question_id, group_code, option, part',
  form_tally: 'campaign_id, unit_code, criterion_code, group_code, part',
  // SIPAS (issue #14): its forms, and what a submit updates beside them — the one-time code it
  // used and the counts by day, hour and 10-minute slot (one xmin would date a form).
  sipas_form: 'id',
  sipas_answer: 'form_id, question_id, option',
  sipas_comment: 'id',
  sipas_code: 'code_hash',
  sipas_tally: 'campaign_id, point_id, day, channel, question_id, option',
  sipas_hour: 'campaign_id, point_id, hour, channel',
  sipas_slot: 'campaign_id, point_id, slot',
} as const;
type Table = keyof typeof KEYS;

export const REWRITTEN_TABLES = Object.keys(KEYS) as Table[];

/**
 * One statement deleting every row of `tables` and writing it back in key order: the foreign
 * keys between them (answer → submission) are checked at the end of the statement, when the
 * referenced rows are back.
 */
function rewriteStatement(tables: Table[]) {
  const ctes = tables.flatMap((t) => [
    sql`${sql.raw(`old_${t}`)} AS (DELETE FROM ${sql.table(t)} RETURNING *)`,
    sql`${sql.raw(`new_${t}`)} AS (INSERT INTO ${sql.table(t)} SELECT * FROM ${sql.raw(`old_${t}`)} ORDER BY ${sql.raw(KEYS[t])} RETURNING 1)`,
  ]);
  const counts = tables.map(
    (t) => sql`(SELECT count(*) FROM ${sql.raw(`new_${t}`)}) AS ${sql.ref(t)}`,
  );
  return sql<Record<Table, number>>`WITH ${sql.join(ctes)} SELECT ${sql.join(counts)}`;
}

/**
 * The tallies' statement: like `rewriteStatement`, but each count's parts (migration 0020,
 * server/respondent/tally.ts) are folded into one row, part 0, so no part outlives a rewrite.
 */
function foldTalliesStatement() {
  const tables = [
    ['answer_tally', 'campaign_id, unit_code, questionnaire_id, question_id, group_code, option'],
    ['form_tally', 'campaign_id, unit_code, criterion_code, group_code'],
  ] as const;
  const ctes = tables.flatMap(([t, key]) => [
    sql`${sql.raw(`old_${t}`)} AS (DELETE FROM ${sql.table(t)} RETURNING *)`,
    sql`${sql.raw(`new_${t}`)} AS (INSERT INTO ${sql.table(t)} (${sql.raw(key)}, n, part)
      SELECT ${sql.raw(key)}, sum(n), 0 FROM ${sql.raw(`old_${t}`)}
      GROUP BY ${sql.raw(key)} ORDER BY ${sql.raw(key)} RETURNING 1)`,
  ]);
  const counts = tables.map(
    ([t]) => sql`(SELECT count(*) FROM ${sql.raw(`new_${t}`)}) AS ${sql.ref(t)}`,
  );
  return sql`WITH ${sql.join(ctes)} SELECT ${sql.join(counts)}`;
}

export interface RowsRewritten {
  /** Submissions rewritten (those committed before the rewrite's snapshot). */
  submissions: number;
  /** Whether the VACUUM that removes the old versions ran. */
  vacuumed: boolean;
  error?: string;
}

/** Rewrites the anonymous tables as above, then VACUUMs them. PostgreSQL only; throws on failure. */
export async function rewriteRows(db: Db): Promise<RowsRewritten> {
  const submissions = await db.transaction().execute(async (trx) => {
    // Neither wait long for another rewrite or a writer, nor hold submits behind the tally lock.
    await sql`SET LOCAL lock_timeout = '5s'`.execute(trx);
    await sql`SELECT pg_advisory_xact_lock(${REWRITE_LOCK})`.execute(trx);
    const { rows } = await rewriteStatement(['submission', 'answer', 'demographic']).execute(trx);
    await rewriteStatement(['comment', 'paper_serial']).execute(trx);
    await sql`LOCK TABLE answer_tally, form_tally IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
    await foldTalliesStatement().execute(trx);
    const { rows: sipas } = await rewriteStatement(['sipas_form', 'sipas_answer']).execute(trx);
    await rewriteStatement(['sipas_comment']).execute(trx);
    // A SIPAS submit updates its code, then its counts: locked in that order, as the tallies
    // above (no deadlock, no update lost on a row this rewrite replaced).
    await sql`LOCK TABLE sipas_code, sipas_tally, sipas_hour, sipas_slot IN SHARE ROW EXCLUSIVE MODE`.execute(
      trx,
    );
    await rewriteStatement(['sipas_code', 'sipas_tally', 'sipas_hour', 'sipas_slot']).execute(trx);
    return Number(rows[0]?.submission ?? 0) + Number(sipas[0]?.sipas_form ?? 0);
  });
  try {
    // Outside any transaction (VACUUM cannot run in one): on a connection of the pool.
    await sql`VACUUM ${sql.join(REWRITTEN_TABLES.map((t) => sql.table(t)))}`.execute(db);
    return { submissions, vacuumed: true };
  } catch (err) {
    // The rows are rewritten; autovacuum removes the old versions later.
    return {
      submissions,
      vacuumed: false,
      error: err instanceof Error ? err.message : String(err),
    };
  }
}
