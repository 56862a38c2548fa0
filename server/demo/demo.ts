import { builtInDefinition, builtInUnitSet } from '../../questionnaires';
import { findCampaign } from '../campaigns/queries';
import { createCampaign } from '../campaigns/service';
import type { Db } from '../db/connect';
import { addRespondents, type NewPerson } from '../invitations/service';
import { demoDeadline } from './deadline';
import roster from './roster.json' with { type: 'json' };

export const DEMO_CAMPAIGN_ID = 'demo-2023';

/**
 * The Hớn Quản 2023 demo campaign: the built-in definition and units, 24 fictional people (6 per
 * group) with their invitations, open from now for 60 days. Running it again changes nothing.
 */
export async function createDemo(db: Db, secret: string, now = new Date()) {
  if (await findCampaign(db, DEMO_CAMPAIGN_ID))
    return { campaignId: DEMO_CAMPAIGN_ID, created: false };
  await db.transaction().execute(async (trx) => {
    await createCampaign(trx, {
      id: DEMO_CAMPAIGN_ID,
      name: 'Khảo sát xã hội học Chỉ số CCHC năm 2023 (bản dùng thử)',
      definition: builtInDefinition(),
      unitSet: builtInUnitSet(),
      opensAt: now.toISOString(),
      closesAt: demoDeadline(now),
      contact: { name: 'Phòng Nội vụ huyện Hớn Quản', phone: '0271 3645 123' },
    });
    await addRespondents(trx, secret, DEMO_CAMPAIGN_ID, roster as NewPerson[]);
  });
  return { campaignId: DEMO_CAMPAIGN_ID, created: true };
}
