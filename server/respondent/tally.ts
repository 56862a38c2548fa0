import { type Insertable, sql } from 'kysely';
import type { Answer } from '../../contract/respondent';
import type { Db } from '../db/connect';
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
  // One row per unit × criterion, in the order each was first met.
  const cells = new Map<string, FormTallyRow>();
  for (const a of answers) {
    const criterionCode = criteria.get(`${a.questionnaireId}\u0000${a.questionId}`);
    if (!criterionCode || a.option === 'E') continue;
    const cell = `${a.unitCode}\u0000${criterionCode}`;
    if (!cells.has(cell))
      cells.set(cell, { campaignId, unitCode: a.unitCode, criterionCode, groupCode, n: 1 });
  }
  if (cells.size === 0) return;
  const rows = [...cells.values()];
  for (let i = 0; i < rows.length; i += CHUNK) {
    await insertRows(trx, upsertFormTally, rows.slice(i, i + CHUNK));
  }
}
