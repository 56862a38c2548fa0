import { sql } from 'kysely';
import type { Db } from '../db/connect';
import type { Answer } from './contract';

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
  const CHUNK = 400;
  for (let i = 0; i < answers.length; i += CHUNK) {
    await trx
      .insertInto('answerTally')
      .values(
        answers.slice(i, i + CHUNK).map((a) => ({
          campaignId,
          groupCode,
          unitCode: a.unitCode,
          questionnaireId: a.questionnaireId,
          questionId: a.questionId,
          option: a.option,
          n: 1,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns([
            'campaignId',
            'unitCode',
            'questionnaireId',
            'questionId',
            'groupCode',
            'option',
          ])
          .doUpdateSet({ n: sql`n + 1` }),
      )
      .execute();
  }
  const cells = new Set<string>();
  for (const a of answers) {
    const criterion = criteria.get(`${a.questionnaireId}\u0000${a.questionId}`);
    if (criterion && a.option !== 'E') cells.add(`${a.unitCode}\u0000${criterion}`);
  }
  if (cells.size === 0) return;
  await trx
    .insertInto('formTally')
    .values(
      [...cells].map((cell) => {
        const [unitCode = '', criterionCode = ''] = cell.split('\u0000');
        return { campaignId, unitCode, criterionCode, groupCode, n: 1 };
      }),
    )
    .onConflict((oc) =>
      oc
        .columns(['campaignId', 'unitCode', 'criterionCode', 'groupCode'])
        .doUpdateSet({ n: sql`n + 1` }),
    )
    .execute();
}
