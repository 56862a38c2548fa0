import { randomInt } from 'node:crypto';
import { type Insertable, sql } from 'kysely';
import type { Answer } from '../../contract/respondent';
import { type Db, isPostgres } from '../db/connect';
import type { AnswerTallyTable, FormTallyTable } from '../db/schema';
import { insertRows } from './bulk-insert';

/** Rows per statement: stays far below SQLite's limit of 32,766 bound parameters. */
const CHUNK = 400;

type AnswerTallyRow = Insertable<AnswerTallyTable>;
const upsertAnswerTally = (db: Db, rows: AnswerTallyRow[]) =>
  db
    .insertInto('answerTally')
    .values(rows)
    .onConflict((oc) =>
      oc
        .columns(['campaignId', 'unitCode', 'questionnaireId', 'questionId', 'groupCode', 'option'])
        .doUpdateSet({ n: sql`${sql.ref('answerTally.n')} + 1` }),
    );

type FormTallyRow = Insertable<FormTallyTable>;
const upsertFormTally = (db: Db, rows: FormTallyRow[]) =>
  db
    .insertInto('formTally')
    .values(rows)
    .onConflict((oc) =>
      oc
        .columns(['campaignId', 'unitCode', 'criterionCode', 'groupCode'])
        .doUpdateSet({ n: sql`${sql.ref('formTally.n')} + 1` }),
    );

/**
 * Adds one form's answers to the running tallies that scoring reads (inside the submit's
 * transaction): +1 per answer on its unit × question × group × option, and +1 per unit ×
 * criterion × group where the form gave at least one valid (A–D) answer — step 1 of the method
 * and the small-group rule's count. `criteria` maps "questionnaire\0question" to its criterion.
 */
export async function addToTallies(
  trx: Db,
  campaignId: string,
  groupCode: string,
  answers: Answer[],
  criteria: Map<string, string>,
) {
  // One row per unit × criterion, in the order each was first met.
  const cells = new Map<string, FormTallyRow>();
  for (const a of answers) {
    const criterionCode = criteria.get(`${a.questionnaireId}\u0000${a.questionId}`);
    if (!criterionCode || a.option === 'E') continue;
    const cell = `${a.unitCode}\u0000${criterionCode}`;
    if (!cells.has(cell))
      cells.set(cell, { campaignId, unitCode: a.unitCode, criterionCode, groupCode, n: 1 });
  }
  const rows = [...cells.values()];
  if (isPostgres(trx)) return addToTalliesAtOnce(trx, campaignId, groupCode, answers, rows);
  for (let i = 0; i < answers.length; i += CHUNK) {
    await insertRows(
      trx,
      upsertAnswerTally,
      answers.slice(i, i + CHUNK).map((a) => ({
        campaignId,
        groupCode,
        unitCode: a.unitCode,
        questionnaireId: a.questionnaireId,
        questionId: a.questionId,
        option: a.option,
        n: 1,
      })),
    );
  }
  for (let i = 0; i < rows.length; i += CHUNK) {
    await insertRows(trx, upsertFormTally, rows.slice(i, i + CHUNK));
  }
}

/**
 * Parts of each count on PostgreSQL (migration 0020): a submit adds to one part only, so
 * submits of the same group that write at the same time lock different rows.
 */
export const TALLY_PARTS = 16;

/** The parts in the order a submit tries them: from a random one on, all of them once. */
function partsToTry(): number[] {
  const first = randomInt(TALLY_PARTS);
  return Array.from({ length: TALLY_PARTS }, (_, i) => (first + i) % TALLY_PARTS);
}

/**
 * PostgreSQL: both tallies in one statement (arrays of values, so its text never changes). The
 * tally rows are shared by every submit of the group that writes the same part, and their locks
 * last until the commit: one round trip between taking them and committing, not two.
 *
 * A part is taken with an advisory lock per campaign × group × part, held to the commit too
 * (`queued`: every row inserted joins it, so it is taken before any tally row): the first part
 * of `partsToTry` no other transaction holds (`pg_try_advisory_xact_lock`: a row of the
 * unnest is tried only when the previous one failed, and the LIMIT stops at the first taken),
 * or, when all are taken, the queue of the first one. Before the parts, every submit of a group
 * queued on one lock: 88 stored a second on one process, 131 on two (BENCHMARKS.md). The queue
 * stays for when all parts are busy: a crowd waiting on the same 180 row locks was all woken
 * at each commit and mostly stalled itself (two processes after a flood: no submit stored in
 * 8 s; with the queue, 20 a second). A submit writes one part, its answers sorted, so rows are
 * always locked in the same order: no deadlock. The part depends on chance and on which parts
 * are busy, never on a clock or a counter, and the rewrite (server/db/rewrite-rows.ts) folds
 * every part back into part 0.
 */
async function addToTalliesAtOnce(
  trx: Db,
  campaignId: string,
  groupCode: string,
  answers: Answer[],
  cells: FormTallyRow[],
) {
  const parts = partsToTry();
  const lock = `tally:${campaignId}:${groupCode}:`;
  await sql`
    WITH queued AS (
      SELECT coalesce(
        (SELECT p FROM unnest(${parts}::integer[]) AS t(p)
          WHERE pg_try_advisory_xact_lock(hashtext(${lock} || p)) LIMIT 1),
        (SELECT ${parts[0]}::integer FROM (SELECT pg_advisory_xact_lock(hashtext(${lock} || ${parts[0]}::integer))) AS w)
      ) AS part
    ), answers AS (
      INSERT INTO answer_tally
        (campaign_id, unit_code, questionnaire_id, question_id, group_code, option, part, n)
      SELECT ${campaignId}, u, q, x, ${groupCode}, o, queued.part, 1
      FROM queued, unnest(${answers.map((a) => a.unitCode)}::text[], ${answers.map((a) => a.questionnaireId)}::text[],
                  ${answers.map((a) => a.questionId)}::text[], ${answers.map((a) => a.option)}::text[])
        AS t(u, q, x, o)
      ON CONFLICT (campaign_id, unit_code, questionnaire_id, question_id, group_code, option, part)
      DO UPDATE SET n = answer_tally.n + 1
    )
    INSERT INTO form_tally (campaign_id, unit_code, criterion_code, group_code, part, n)
    SELECT ${campaignId}, u, c, ${groupCode}, queued.part, 1
    FROM queued, unnest(${cells.map((c) => c.unitCode)}::text[], ${cells.map((c) => c.criterionCode)}::text[])
      AS t(u, c)
    ON CONFLICT (campaign_id, unit_code, criterion_code, group_code, part)
    DO UPDATE SET n = form_tally.n + 1`.execute(trx);
}
