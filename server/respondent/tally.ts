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
 * PostgreSQL: both tallies in one statement (arrays of values, so its text never changes). The
 * tally rows are shared by every submit of the group and their locks last until the commit:
 * one round trip between taking them and committing, not two. Submits of a campaign's group
 * first queue on one advisory lock (`queued`: every row inserted joins it, so it is taken before
 * any tally row), held to the commit too: without it, a crowd of submits waiting on the same 180
 * row locks were all woken at each commit and mostly stalled one another (two processes after a
 * flood: no submit stored in 8 s; with it, 20 a second). Answers are unique per question × unit
 * and come sorted, so the rows are also always locked in the same order.
 */
async function addToTalliesAtOnce(
  trx: Db,
  campaignId: string,
  groupCode: string,
  answers: Answer[],
  cells: FormTallyRow[],
) {
  await sql`
    WITH queued AS (
      SELECT pg_advisory_xact_lock(hashtext(${`tally:${campaignId}:${groupCode}`})) AS turn
    ), answers AS (
      INSERT INTO answer_tally
        (campaign_id, unit_code, questionnaire_id, question_id, group_code, option, n)
      SELECT ${campaignId}, u, q, x, ${groupCode}, o, 1
      FROM queued, unnest(${answers.map((a) => a.unitCode)}::text[], ${answers.map((a) => a.questionnaireId)}::text[],
                  ${answers.map((a) => a.questionId)}::text[], ${answers.map((a) => a.option)}::text[])
        AS t(u, q, x, o)
      ON CONFLICT (campaign_id, unit_code, questionnaire_id, question_id, group_code, option)
      DO UPDATE SET n = answer_tally.n + 1
    )
    INSERT INTO form_tally (campaign_id, unit_code, criterion_code, group_code, n)
    SELECT ${campaignId}, u, c, ${groupCode}, 1
    FROM queued, unnest(${cells.map((c) => c.unitCode)}::text[], ${cells.map((c) => c.criterionCode)}::text[])
      AS t(u, c)
    ON CONFLICT (campaign_id, unit_code, criterion_code, group_code)
    DO UPDATE SET n = form_tally.n + 1`.execute(trx);
}
