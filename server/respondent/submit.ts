import { createHash } from 'node:crypto';
import type { Definition } from '../../questionnaires';
import type { Db } from '../db/connect';
import type { Invitation } from '../db/schema';
import { ApiError } from '../errors';
import { newReceipt, randomId } from '../secrets';
import type { Answer, SubmitBody } from './contract';
import { addToTallies } from './tally';

/** Rows per INSERT: stays far below SQLite's limit of 32,766 bound parameters. */
const CHUNK = 400;

const answerKey = (a: Answer) => `${a.questionnaireId}\u0000${a.questionId}\u0000${a.unitCode}`;

const criterionMaps = new WeakMap<Definition, Map<string, string>>();

/** question → criterion, for the form tally (small-group rule); built once per definition. */
export function criterionMap(definition: Definition) {
  let map = criterionMaps.get(definition);
  if (!map) {
    map = new Map();
    for (const q of definition.questionnaires)
      for (const x of q.questions) map.set(`${q.id}\u0000${x.id}`, x.criterion);
    criterionMaps.set(definition, map);
  }
  return map;
}

/**
 * Stores a submission in one transaction: the invitation becomes `submitted` (only if it was
 * not already), the answers, comments and demographics are written under a fresh random id
 * that nothing links back, the tallies grow, and the draft is deleted. All of it or none of it.
 */
export async function storeSubmission(
  db: Db,
  invitation: Invitation,
  groupCode: string,
  body: SubmitBody,
  hash: string,
  criteria: Map<string, string>,
  now = new Date(),
): Promise<{ receipt: string }> {
  const receipt = newReceipt();
  const at = now.toISOString();
  const submissionId = randomId();
  const campaignId = invitation.campaignId;
  // Sorted so that the content hash does not depend on the order the form sent them in.
  const answers = [...body.answers].sort((a, b) => (answerKey(a) < answerKey(b) ? -1 : 1));
  const contentHash = createHash('sha256')
    .update(submissionId)
    .update(answers.map((a) => `${answerKey(a)}\u0000${a.option}`).join('\n'))
    .digest('base64url');
  await db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('invitation')
      .set({ status: 'submitted', submittedAt: at, receipt, submitHash: hash })
      .where('id', '=', invitation.id)
      .where('status', 'not in', ['submitted', 'revoked'])
      .executeTakeFirst();
    if (claimed.numUpdatedRows === 0n) {
      throw new ApiError(409, 'already_submitted', 'Phiếu của đường dẫn này đã được gửi trước đó.');
    }
    await trx
      .insertInto('invitationEvent')
      .values({ invitationId: invitation.id, status: 'submitted', at })
      .execute();
    await trx
      .insertInto('submission')
      .values({ id: submissionId, campaignId, groupCode, contentHash })
      .execute();
    for (let i = 0; i < answers.length; i += CHUNK) {
      await trx
        .insertInto('answer')
        .values(
          answers.slice(i, i + CHUNK).map((a) => ({ submissionId, campaignId, groupCode, ...a })),
        )
        .execute();
    }
    await addToTallies(trx, campaignId, groupCode, answers, criteria);
    const comments = Object.entries(body.comments ?? {}).filter(([, text]) => text.trim() !== '');
    if (comments.length > 0) {
      await trx
        .insertInto('comment')
        .values(
          comments.map(([questionnaireId, text]) => ({
            id: randomId(),
            campaignId,
            groupCode,
            questionnaireId,
            text: text.normalize('NFC').trim(),
          })),
        )
        .execute();
    }
    const demographics = Object.entries(body.demographics ?? {}).filter(([, v]) => v !== '');
    if (demographics.length > 0) {
      await trx
        .insertInto('demographic')
        .values(
          demographics.map(([key, value]) => ({
            submissionId,
            key,
            value: value.normalize('NFC'),
          })),
        )
        .execute();
    }
    await trx.deleteFrom('draft').where('invitationId', '=', invitation.id).execute();
  });
  return { receipt };
}
