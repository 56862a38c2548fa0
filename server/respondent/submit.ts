import { createHash } from 'node:crypto';
import type { Db } from '../db/connect';
import type { Invitation } from '../db/schema';
import { ApiError } from '../errors';
import { canonicalJson, newReceipt, randomId } from '../secrets';
import type { SubmitBody } from './contract';

/** Answers per INSERT: 7 parameters a row stays far below SQLite's variable limit. */
const CHUNK = 400;

export interface StoredSubmission {
  receipt: string;
}

/**
 * Stores a submission in one transaction: the invitation becomes `submitted` (only if it was
 * not already), the answers, comments and demographics are written under a fresh random id
 * that nothing links back, and the draft is deleted. All of it or none of it.
 */
export async function storeSubmission(
  db: Db,
  invitation: Invitation,
  groupCode: string,
  body: SubmitBody,
  hash: string,
  now = new Date(),
): Promise<StoredSubmission> {
  const receipt = newReceipt();
  const at = now.toISOString();
  const submissionId = randomId();
  // Sorted so that the content hash does not depend on the order the form sent them in.
  const key = (a: SubmitBody['answers'][number]) =>
    `${a.questionnaireId}\u0000${a.questionId}\u0000${a.unitCode}`;
  const answers = [...body.answers].sort((a, b) => (key(a) < key(b) ? -1 : 1));
  const contentHash = createHash('sha256')
    .update(submissionId)
    .update(canonicalJson(answers))
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
      .values({ id: submissionId, campaignId: invitation.campaignId, groupCode, contentHash })
      .execute();
    for (let i = 0; i < answers.length; i += CHUNK) {
      await trx
        .insertInto('answer')
        .values(
          answers.slice(i, i + CHUNK).map((a) => ({
            submissionId,
            campaignId: invitation.campaignId,
            groupCode,
            questionnaireId: a.questionnaireId,
            questionId: a.questionId,
            unitCode: a.unitCode,
            option: a.option,
          })),
        )
        .execute();
    }
    const comments = Object.entries(body.comments ?? {}).filter(([, text]) => text.trim() !== '');
    if (comments.length > 0) {
      await trx
        .insertInto('comment')
        .values(
          comments.map(([questionnaireId, text]) => ({
            id: randomId(),
            campaignId: invitation.campaignId,
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
