import { loadSipasDefinition } from '../../questionnaires/sipas-load';
import type { SipasDefinition } from '../../questionnaires/sipas-schema';
import { checkKind } from '../campaigns/kind';
import { campaignPhase } from '../campaigns/phase';
import { listUnits } from '../campaigns/queries';
import type { Db } from '../db/connect';
import type { Campaign } from '../db/schema';
import { ApiError } from '../errors';

/** What every SIPAS analysis route asks first: a SIPAS campaign (409), its definition, its units. */

export function requireSipas(campaign: Pick<Campaign, 'kind'>) {
  checkKind(campaign, 'sipas');
}

export async function sipasContext(db: Db, campaign: Campaign) {
  requireSipas(campaign);
  const row = await db
    .selectFrom('definition')
    .select('body')
    .where('id', '=', campaign.definitionId)
    .executeTakeFirst();
  if (!row) throw new ApiError(404, 'not_found', 'Không tìm thấy bộ câu hỏi của đợt.');
  const definition: SipasDefinition = loadSipasDefinition(JSON.parse(row.body));
  const units = await listUnits(db, campaign.unitSetId);
  return {
    campaign,
    definition,
    units,
    closed: campaignPhase(campaign) === 'closed',
  };
}
export type SipasContext = Awaited<ReturnType<typeof sipasContext>>;
