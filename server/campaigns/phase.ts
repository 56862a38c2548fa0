import type { Campaign } from '../db/schema';

export type CampaignPhase = 'not_open' | 'open' | 'closed';

/**
 * Where a campaign stands at `now`. Opening and closing are times, so a scheduled deadline takes
 * effect by itself and "open now" / "close now" are the same columns set to the present.
 */
export function campaignPhase(
  c: Pick<Campaign, 'opensAt' | 'closesAt'>,
  now = new Date(),
): CampaignPhase {
  const t = now.toISOString();
  if (c.closesAt && c.closesAt <= t) return 'closed';
  if (c.opensAt && c.opensAt <= t) return 'open';
  return 'not_open';
}
