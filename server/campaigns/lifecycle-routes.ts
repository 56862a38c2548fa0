import { Hono } from 'hono';
import type { DeletedCampaign } from '../../contract/console/campaigns';
import { audit } from '../audit/log';
import { currentUser, requireRole } from '../auth/middleware';
import type { Db } from '../db/connect';
import { deleteCampaign, setArchived } from './lifecycle';
import { describeCampaign } from './routes';
import { type CampaignEnv, requireCampaign } from './scope';

/** Deleting a draft or test campaign, archiving a closed one (issue #13.14). Audited. */
export function lifecycleRoutes(db: Db) {
  const app = new Hono<CampaignEnv>();
  const staff = requireRole('admin', 'officer');

  app.delete('/:id', staff, async (c) => {
    const campaign = c.get('campaign');
    const user = currentUser(c);
    const deleted = await deleteCampaign(db, campaign, user);
    await audit(db, {
      user,
      action: 'campaign_deleted',
      campaignId: campaign.id,
      details: { name: campaign.name, ...deleted },
      ip: c.get('ip'),
    });
    return c.json({ id: campaign.id, ...deleted } satisfies DeletedCampaign);
  });

  for (const [action, archived] of [
    ['archive', true],
    ['unarchive', false],
  ] as const) {
    app.post(`/:id/${action}`, staff, async (c) => {
      const campaign = c.get('campaign');
      await setArchived(db, campaign, archived);
      await audit(db, {
        user: currentUser(c),
        action: `campaign_${action}d`,
        campaignId: campaign.id,
        ip: c.get('ip'),
      });
      return c.json(await describeCampaign(db, await requireCampaign(db, campaign.id)));
    });
  }
  return app;
}
