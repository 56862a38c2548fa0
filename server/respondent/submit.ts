import type { SubmitBody } from '../../contract/respondent';
import type { Definition } from '../../questionnaires';
import type { Db } from '../db/connect';
import type { Invitation } from '../db/schema';
import { ApiError } from '../errors';
import { newReceipt } from '../secrets';
import { insertAnonymousForm } from './store-form';

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
    await trx.deleteFrom('draft').where('invitationId', '=', invitation.id).execute();
    // The form last: its tallies' row locks, shared with every other submit, until the commit.
    const { answers, comments, demographics } = body;
    await insertAnonymousForm(
      trx,
      { campaignId: invitation.campaignId, groupCode, answers, comments, demographics },
      criteria,
    );
  });
  return { receipt };
}
