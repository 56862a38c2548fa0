import type { Opening } from '../../contract/console/campaigns';
import type { SessionUser } from '../auth/session';
import { type Db, inTransaction } from '../db/connect';
import type { Campaign } from '../db/schema';
import { ApiError } from '../errors';
import { campaignPhase } from './phase';

/**
 * A campaign's life after its season (issue #13.14): the periods it was open, deleting a draft
 * or a test campaign with all its rows, archiving a closed one.
 */

/**
 * Every period the campaign was open, first to last: from the first opening to the first
 * closing, then from each reopening to the next closing (the last `closedAt` is the current
 * end, null while none is set). Empty before the campaign has a start time.
 */
export async function openingsOf(db: Db, c: Campaign): Promise<Opening[]> {
  if (!c.opensAt) return [];
  const reopenings = await db
    .selectFrom('campaignReopening')
    .select(['reopenedAt', 'closedAt'])
    .where('campaignId', '=', c.id)
    .orderBy('reopenedAt')
    .execute();
  const starts = [c.opensAt, ...reopenings.map((r) => r.reopenedAt)];
  const ends = [...reopenings.map((r) => r.closedAt), c.closesAt];
  return starts.map((openedAt, i) => ({ openedAt, closedAt: ends[i] ?? null }));
}

/**
 * Deletes a campaign and every row that belongs to it, in one transaction (all or nothing): a
 * draft (never opened) by an officer or an admin; a closed campaign without locked results (a
 * test season) by an admin only. Never an open campaign, nor one whose results were locked for
 * publication: that one is archived instead. The definition and unit set stay (shared,
 * versioned); the audit log keeps its rows.
 * @returns how many forms and people were deleted with it.
 */
export async function deleteCampaign(db: Db, c: Campaign, user: SessionUser) {
  const phase = campaignPhase(c);
  if (phase === 'open')
    throw new ApiError(409, 'not_deletable', 'Đợt khảo sát đang mở: hãy đóng đợt trước khi xóa.');
  if (phase === 'closed' && user.role !== 'admin')
    throw new ApiError(
      403,
      'forbidden',
      'Chỉ quản trị viên được xóa một đợt khảo sát đã mở (đợt dùng thử).',
    );
  return inTransaction(db, async (trx) => {
    const locked = await trx
      .selectFrom('scoringRun')
      .select('id')
      .where('campaignId', '=', c.id)
      .where('lockedAt', 'is not', null)
      .executeTakeFirst();
    const lockedSipas = await trx
      .selectFrom('sipasRun')
      .select('id')
      .where('campaignId', '=', c.id)
      .where('lockedAt', 'is not', null)
      .executeTakeFirst();
    if (locked || lockedSipas)
      throw new ApiError(
        409,
        'not_deletable',
        'Đợt khảo sát đã có kết quả khóa để công bố: không xóa được. Có thể lưu trữ đợt này để ẩn khỏi danh sách.',
      );
    const invitations = trx.selectFrom('invitation').select('id').where('campaignId', '=', c.id);
    const submissions = trx.selectFrom('submission').select('id').where('campaignId', '=', c.id);
    const count = async (table: 'submission' | 'respondent' | 'sipasForm') =>
      Number(
        (
          await trx
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .where('campaignId', '=', c.id)
            .executeTakeFirst()
        )?.n ?? 0,
      );
    const deleted = {
      forms: (await count('submission')) + (await count('sipasForm')),
      people: await count('respondent'),
    };
    // SIPAS (issue #14): its forms, counts, codes and points; a PAR campaign's links to SIPAS runs.
    const sipasForms = trx.selectFrom('sipasForm').select('id').where('campaignId', '=', c.id);
    const points = trx.selectFrom('collectionPoint').select('id').where('campaignId', '=', c.id);
    await trx.deleteFrom('sipasAnswer').where('formId', 'in', sipasForms).execute();
    await trx.deleteFrom('sipasRecent').where('pointId', 'in', points).execute();
    await trx.deleteFrom('sipasLink').where('parCampaignId', '=', c.id).execute();
    for (const table of [
      'sipasForm',
      'sipasComment',
      'sipasTally',
      'sipasHour',
      'sipasSlot',
      'sipasCode',
      'sipasCodeBatch',
      'sipasRun',
      'collectionPoint',
    ] as const)
      await trx.deleteFrom(table).where('campaignId', '=', c.id).execute();
    await trx.deleteFrom('reminder').where('invitationId', 'in', invitations).execute();
    await trx.deleteFrom('invitationEvent').where('invitationId', 'in', invitations).execute();
    await trx.deleteFrom('draft').where('invitationId', 'in', invitations).execute();
    await trx.deleteFrom('invitation').where('campaignId', '=', c.id).execute();
    await trx.deleteFrom('respondent').where('campaignId', '=', c.id).execute();
    await trx.deleteFrom('demographic').where('submissionId', 'in', submissions).execute();
    await trx.deleteFrom('answer').where('campaignId', '=', c.id).execute();
    await trx.deleteFrom('submission').where('campaignId', '=', c.id).execute();
    for (const table of [
      'comment',
      'answerTally',
      'formTally',
      'paperSerial',
      'scoringRun',
      'selfAssessment',
      'campaignReopening',
    ] as const)
      await trx.deleteFrom(table).where('campaignId', '=', c.id).execute();
    await trx.deleteFrom('campaign').where('id', '=', c.id).execute();
    return deleted;
  });
}

/** Archives a closed campaign (hidden from the default list) or brings it back. */
export async function setArchived(db: Db, c: Campaign, archived: boolean) {
  if (archived && campaignPhase(c) !== 'closed')
    throw new ApiError(
      409,
      'campaign_open',
      'Chỉ lưu trữ được đợt khảo sát đã kết thúc: hãy đóng đợt trước.',
    );
  await db
    .updateTable('campaign')
    .set({ archivedAt: archived ? new Date().toISOString() : null })
    .where('id', '=', c.id)
    .execute();
}
