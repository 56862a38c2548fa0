import type { MiddlewareHandler } from 'hono';
import type { CampaignKind } from '../db/schema';
import { ApiError } from '../errors';
import type { CampaignEnv } from './scope';

/**
 * What a campaign of the other kind answers (issue #14): a SIPAS campaign has no roster, links,
 * slips, PAR paper sheets or PAR scoring; a PAR campaign has no collection points.
 */
const WRONG_KIND: Record<CampaignKind, string> = {
  par: 'Đợt khảo sát này là khảo sát sự hài lòng (SIPAS), không có chức năng này.',
  sipas:
    'Đợt khảo sát này là khảo sát chỉ số cải cách hành chính (PAR), không có chức năng này của khảo sát sự hài lòng (SIPAS).',
};

/** 409 `wrong_campaign_kind` unless the campaign is of this kind. */
export function checkKind(campaign: { kind: CampaignKind }, kind: CampaignKind): void {
  if (campaign.kind !== kind) throw new ApiError(409, 'wrong_campaign_kind', WRONG_KIND[kind]);
}

/** A route of one kind of campaign only; after `campaignScope` (the campaign is loaded). */
export function requireKind(kind: CampaignKind): MiddlewareHandler<CampaignEnv> {
  return async (c, next) => {
    const campaign = c.get('campaign');
    if (campaign) checkKind(campaign, kind);
    await next();
  };
}

/**
 * The PAR-only resources under `/api/campaigns/:id/`: the roster and its people, links, slips,
 * reminders, tracking by group, PAR paper sheets, PAR comments, raw answers, the PAR definition,
 * the self-assessment, PAR scoring runs and the link of a SIPAS result into the PAR total. The campaign itself, opening and closing, archiving,
 * deleting and its units serve both kinds.
 */
export const PAR_ONLY =
  /^\/api\/campaigns\/[^/]+\/(comments|definition|invitations|links|non-responders|paper|purge-personal-data|raw-answers|reminders|respondents|roster|runs|self-assessment|sipas-link|slips|tracking)(?=$|[/.-])/;

/** Refuses a SIPAS campaign on every PAR-only path (mounted on `/campaigns/:id/*`). */
export function parOnlyPaths(): MiddlewareHandler<CampaignEnv> {
  return async (c, next) => {
    const campaign = c.get('campaign');
    if (campaign && PAR_ONLY.test(c.req.path)) checkKind(campaign, 'par');
    await next();
  };
}
