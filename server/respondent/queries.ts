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

/**
 * Gives an unclaimed, unused link to the device that opened it: only one of two racing first
 * opens wins. Any draft left from before (sealed under other keys) goes with the old claim.
 */
export async function claimInvitation(
  db: Db,
  invitationId: string,
  hashes: { claimHash: string; resumeHash: string },
): Promise<boolean> {
  const won = await db
    .updateTable('invitation')
    .set(hashes)
    .where('id', '=', invitationId)
    .where('claimHash', 'is', null)
    .where('status', 'not in', ['submitted', 'revoked'])
    .executeTakeFirst();
  if (won.numUpdatedRows === 0n) return false;
  await db.deleteFrom('draft').where('invitationId', '=', invitationId).execute();
  return true;
}

/** After this many wrong claims on a link, typed resume codes wait longer and longer. */
export const FREE_CLAIM_FAILURES = 10;
const MAX_LOCK_SECONDS = 3600;

/**
 * Counts a wrong claim on a link (atomically, whoever sent it and from wherever) and, past the
 * free ones, refuses typed resume codes on it for 2, 4, 8 … seconds, at most an hour.
 */
export async function recordClaimFailure(db: Db, invitationId: string, now: Date) {
  const row = await db
    .updateTable('invitation')
    .set((eb) => ({ claimFailures: eb('claimFailures', '+', 1) }))
    .where('id', '=', invitationId)
    .returning('claimFailures')
    .executeTakeFirst();
  const over = (row?.claimFailures ?? 0) - FREE_CLAIM_FAILURES;
  if (over <= 0) return;
  const seconds = Math.min(MAX_LOCK_SECONDS, 2 ** over);
  await db
    .updateTable('invitation')
    .set({ claimLockedUntil: new Date(now.getTime() + seconds * 1000).toISOString() })
    .where('id', '=', invitationId)
    .execute();
}
