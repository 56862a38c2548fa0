import { campaignPhase } from '../campaigns/phase';
import { findDefinition, listUnits } from '../campaigns/queries';
import { requireCampaign } from '../campaigns/scope';
import type { Db } from '../db/connect';
import type { Campaign, ScoringRun } from '../db/schema';
import { ApiError } from '../errors';

/**
 * What every results route and the `results` CLI ask first: the campaign (404), closed (409,
 * docs/method.md §11), and the run (404).
 */

export const CAMPAIGN_OPEN_MESSAGE =
  'Đợt khảo sát chưa kết thúc: kết quả chỉ có sau khi đóng đợt (trong khi đợt đang mở chỉ xem được số phiếu đã nhận, ở mục Theo dõi).';

/**
 * A campaign with its pinned definition and units. The routes pass the campaign their scope
 * loaded (server/campaigns/scope.ts); the CLI and tests pass an id (404 when there is none).
 */
export async function loadCampaign(db: Db, campaignOrId: Campaign | string) {
  const campaign =
    typeof campaignOrId === 'string' ? await requireCampaign(db, campaignOrId) : campaignOrId;
  const definition = await findDefinition(db, campaign.definitionId);
  if (!definition) throw new ApiError(404, 'not_found', 'Không tìm thấy bộ chỉ số của đợt.');
  const units = await listUnits(db, campaign.unitSetId);
  return { campaign, definition, units };
}

export type CampaignContext = Awaited<ReturnType<typeof loadCampaign>>;

/** Step 10: nobody sees a score, a distribution or an answer before the campaign is closed. */
export function requireClosed(campaign: Pick<Campaign, 'opensAt' | 'closesAt'>, now = new Date()) {
  if (campaignPhase(campaign, now) !== 'closed')
    throw new ApiError(409, 'campaign_open', CAMPAIGN_OPEN_MESSAGE);
}

/** The campaign, closed; 404 or 409 otherwise. */
export async function closedCampaign(
  db: Db,
  campaignOrId: Campaign | string,
): Promise<CampaignContext> {
  const ctx = await loadCampaign(db, campaignOrId);
  requireClosed(ctx.campaign);
  return ctx;
}

/** The run a query found, or 404. */
export function foundRun(run: ScoringRun | undefined): ScoringRun {
  if (!run) throw new ApiError(404, 'not_found', 'Không tìm thấy lần tính điểm này.');
  return run;
}
