import { Hono } from 'hono';
import type { PersonalData, PurgeResult } from '../../contract/console/campaigns';
import { audit } from '../audit/log';
import { currentUser, requireRole } from '../auth/middleware';
import type { Db } from '../db/connect';
import type { Campaign } from '../db/schema';
import { ApiError } from '../errors';
import { campaignPhase } from './phase';
import { lastLockedAt, purgePersonalData } from './queries';
import { type CampaignEnv, requireCampaign } from './scope';

/** Days after the results are locked when keeping the roster's personal data is no longer needed. */
export const PURGE_AFTER_DAYS = 30;

/**
 * Personal data (Nghị định 13/2023/NĐ-CP): names, phones and e-mails are needed to invite and
 * remind, not to score. Once the campaign is closed and its results locked, an admin may erase
 * them; the console says so from `purgeDueAt` on.
 */
export async function personalDataStatus(
  db: Db,
  campaign: Campaign,
  now = new Date(),
): Promise<PersonalData> {
  const lockedAt = await lastLockedAt(db, campaign.id);
  const closed = campaignPhase(campaign, now) === 'closed';
  const due =
    lockedAt && closed
      ? new Date(new Date(lockedAt).getTime() + PURGE_AFTER_DAYS * 86_400_000).toISOString()
      : null;
  return {
    purgedAt: campaign.personalDataPurgedAt,
    purgeDueAt: campaign.personalDataPurgedAt ? null : due,
    purgeAllowed: !campaign.personalDataPurgedAt && closed && lockedAt !== null,
  };
}

export function purgeRoutes(db: Db) {
  const app = new Hono<CampaignEnv>();
  app.post('/:id/purge-personal-data', requireRole('admin'), async (c) => {
    const campaign = c.get('campaign');
    const status = await personalDataStatus(db, campaign);
    if (campaign.personalDataPurgedAt)
      throw new ApiError(409, 'already_purged', 'Dữ liệu cá nhân của đợt này đã được xóa.');
    if (!status.purgeAllowed) {
      throw new ApiError(
        409,
        'not_allowed_yet',
        'Chỉ xóa được khi đợt khảo sát đã đóng và kết quả đã được khóa để công bố.',
      );
    }
    const count = await purgePersonalData(db, campaign.id);
    await audit(db, {
      user: currentUser(c),
      action: 'personal_data_purged',
      campaignId: campaign.id,
      details: { respondents: count },
      ip: c.get('ip'),
    });
    return c.json({
      purged: count,
      ...(await personalDataStatus(db, await requireCampaign(db, campaign.id))),
    } satisfies PurgeResult);
  });
  return app;
}
