import type { MiddlewareHandler } from 'hono';
import type { AuthEnv } from '../auth/middleware';
import type { Db } from '../db/connect';
import type { Campaign } from '../db/schema';
import { ApiError } from '../errors';
import { isWithin } from '../organisations/queries';
import { findCampaign } from './queries';

export const CAMPAIGN_NOT_FOUND = 'Không tìm thấy đợt khảo sát.';

/** What every `/api/campaigns/:id/*` route finds in its context: the user, and the campaign. */
export interface CampaignEnv {
  Variables: AuthEnv['Variables'] & { campaign: Campaign };
}

/**
 * The campaign, or 404 (for callers outside the scoped routes: the CLI, a re-read after a change).
 * With `within` (an organisation's id), a campaign outside that organisation's subtree answers
 * exactly as one that does not exist: its id tells a guesser nothing (issue #12).
 */
export async function requireCampaign(db: Db, id: string, within?: string): Promise<Campaign> {
  const campaign = await findCampaign(db, id);
  if (
    !campaign ||
    (within !== undefined && !(await isWithin(db, campaign.organisationId, within)))
  ) {
    throw new ApiError(404, 'not_found', CAMPAIGN_NOT_FOUND);
  }
  return campaign;
}

/**
 * Loads the campaign once for every `/api/campaigns/:id/*` route (and `/api/campaigns/:id`):
 * routes read it with `c.get('campaign')`. Signed out, it loads nothing and lets the route's
 * `requireRole` answer 401 (401 before 404, as before; an unknown path stays a plain 404).
 */
export function campaignScope(db: Db): MiddlewareHandler<CampaignEnv> {
  return async (c, next) => {
    // Only the campaigns of the account's organisation and those below it (issue #12).
    const user = c.get('user');
    if (user)
      c.set('campaign', await requireCampaign(db, c.req.param('id') ?? '', user.organisationId));
    await next();
  };
}
