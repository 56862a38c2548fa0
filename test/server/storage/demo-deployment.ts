import { expect } from 'vitest';
import { builtInDefinition } from '../../../questionnaires';
import { createApp } from '../../../server/app';
import { audit } from '../../../server/audit/log';
import { setCampaignOpen } from '../../../server/campaigns/service';
import { type Db, migrateToLatest } from '../../../server/db/connect';
import { createDemo, DEMO_CAMPAIGN_ID } from '../../../server/demo/demo';
import { listLinks } from '../../../server/invitations/service';
import { addOrganisation } from '../../../server/organisations/service';
import { createRun } from '../../../server/results/service';
import { config, fullAnswers, SECRET, submissionId, submitThrough } from '../helpers';

const OPTIONS = ['A', 'B', 'C', 'D', 'E'] as const;

/**
 * The 2023 demo as a deployment leaves it, for moving and keeping data: every one of its 24
 * people submitted (comments and demographics too), the campaign closed, an official run kept,
 * two organisations below the root (one whose id sorts before its parent's). The run.
 */
export async function fillDemo(db: Db) {
  await migrateToLatest(db);
  await createDemo(db, SECRET);
  const office = await addOrganisation(db, { name: 'Sở Nội vụ', parentId: 'root' });
  await addOrganisation(db, { name: 'Phòng Nội vụ xã', parentId: office.id });
  const app = createApp({ db, config });
  const groups = new Map(builtInDefinition().groups.map((g) => [g.code, g.name]));
  const links = await listLinks(db, config, DEMO_CAMPAIGN_ID, groups);
  for (const [i, link] of links.entries()) {
    const answers = await fullAnswers(db, link.group_code, (j) => OPTIONS[(i * 7 + j) % 5] ?? 'A');
    const extra =
      link.group_code === 'HDND_HUYEN'
        ? { comments: { P01: `Ý kiến số ${i}` } }
        : link.group_code === 'LD_CQCM_HUYEN'
          ? { comments: { P02: 'Cần rút ngắn thời gian.' }, demographics: { gender: 'Nữ' } }
          : {};
    const res = await submitThrough(app, link.link.split('/s/')[1] ?? '', {
      submissionId: submissionId(),
      answers,
      ...extra,
    });
    expect(res.status).toBe(201);
  }
  await setCampaignOpen(db, DEMO_CAMPAIGN_ID, false);
  await audit(db, { action: 'campaign_close', campaignId: DEMO_CAMPAIGN_ID });
  return createRun(db, DEMO_CAMPAIGN_ID);
}
