import type { Db } from '../db/connect';
import type { InvitationStatus } from '../db/schema';

export function findInvitationByTokenHash(db: Db, hash: string) {
  return db.selectFrom('invitation').selectAll().where('tokenHash', '=', hash).executeTakeFirst();
}

export function findRespondentGroup(db: Db, respondentId: string) {
  return db
    .selectFrom('respondent')
    .select('groupCode')
    .where('id', '=', respondentId)
    .executeTakeFirst();
}

export function findDraft(db: Db, invitationId: string) {
  return db
    .selectFrom('draft')
    .select(['iv', 'ciphertext'])
    .where('invitationId', '=', invitationId)
    .executeTakeFirst();
}

export async function saveDraft(
  db: Db,
  invitationId: string,
  sealed: { iv: string; ciphertext: string },
) {
  await db
    .insertInto('draft')
    .values({ invitationId, ...sealed })
    .onConflict((oc) => oc.column('invitationId').doUpdateSet(sealed))
    .execute();
}

const TIME_COLUMN = {
  opened: 'openedAt',
  in_progress: 'startedAt',
  submitted: 'submittedAt',
  revoked: 'revokedAt',
} as const;

/**
 * Moves an invitation forward (not_opened → opened → in_progress), never back, and records the
 * change as an event: response-over-time charts are drawn from these, never from submissions.
 */
export async function advanceStatus(
  db: Db,
  invitationId: string,
  to: 'opened' | 'in_progress',
  now: string,
) {
  const from: InvitationStatus[] = to === 'opened' ? ['not_opened'] : ['not_opened', 'opened'];
  const result = await db
    .updateTable('invitation')
    .set({ status: to, [TIME_COLUMN[to]]: now })
    .where('id', '=', invitationId)
    .where('status', 'in', from)
    .executeTakeFirst();
  if (result.numUpdatedRows > 0n) {
    await db.insertInto('invitationEvent').values({ invitationId, status: to, at: now }).execute();
  }
}
