import { builtInSipasDefinition } from '../../questionnaires';
import { provinceUnitSet } from '../../questionnaires/official';
import { findCampaign } from '../campaigns/queries';
import { createCampaign } from '../campaigns/service';
import type { Db } from '../db/connect';
import { createPoint, pointUrl } from '../sipas/points';
import { demoDeadline } from './deadline';

export const SIPAS_DEMO_ID = 'demo-sipas-dong-nai-2026';

/** Three real places of Đồng Nai where citizens file dossiers (units of the 2025 list). */
const POINTS = [
  {
    name: 'Trung tâm Phục vụ hành chính công tỉnh Đồng Nai',
    unitCode: 'TTPVHCC',
    serviceArea: null,
    opens: '07:00',
    closes: '17:00',
    weekdays: [1, 2, 3, 4, 5, 6],
    dailyLimit: 1,
  },
  {
    name: 'Bộ phận Một cửa UBND phường Trấn Biên',
    unitCode: '26041',
    serviceArea: 'Đất đai',
    opens: '07:30',
    closes: '17:00',
    weekdays: [1, 2, 3, 4, 5],
    dailyLimit: 1,
  },
  {
    name: 'Bộ phận Một cửa UBND xã Tân Khai',
    unitCode: '25357',
    serviceArea: 'Hộ tịch',
    opens: '07:30',
    closes: '16:30',
    weekdays: [1, 2, 3, 4, 5],
    dailyLimit: 1,
  },
];

/**
 * `npm run cli -- demo --sipas` (issue #14): a SIPAS campaign of the province of Đồng Nai, open
 * for 60 days, with three collection points on real units. Made once; the poster addresses are
 * returned to print.
 */
export async function createSipasDemo(db: Db, publicUrl: string, now = new Date()) {
  const existing = await findCampaign(db, SIPAS_DEMO_ID);
  const created = !existing;
  if (created) {
    await db.transaction().execute(async (trx) => {
      await createCampaign(trx, {
        id: SIPAS_DEMO_ID,
        name: 'Khảo sát sự hài lòng của người dân, tổ chức năm 2026 — tỉnh Đồng Nai (bản dùng thử)',
        definition: builtInSipasDefinition(),
        unitSet: provinceUnitSet('75'),
        opensAt: now.toISOString(),
        closesAt: demoDeadline(now),
        contact: { name: 'Sở Nội vụ tỉnh Đồng Nai', phone: '0251 3822 123' },
      });
      const campaign = await findCampaign(trx, SIPAS_DEMO_ID);
      if (!campaign) throw new Error('Không tạo được đợt khảo sát mẫu SIPAS.');
      for (const p of POINTS) await createPoint(trx, campaign, p);
    });
  }
  const points = await db
    .selectFrom('collectionPoint')
    .select(['name', 'code'])
    .where('campaignId', '=', SIPAS_DEMO_ID)
    .orderBy('position')
    .execute();
  return {
    campaignId: SIPAS_DEMO_ID,
    created,
    points: points.map((p) => ({ name: p.name, url: pointUrl(publicUrl, p.code) })),
  };
}
