import { sipasDays } from '../../analysis/sipas-days';
import type { SipasDays } from '../../contract/console/sipas-analysis';
import { type Db, inSnapshot } from '../db/connect';
import type { SipasContext } from './analysis-context';
import { listPoints, loadHours, loadSlots } from './analysis-queries';

/**
 * The days table (issue #14.4): per collection point × day, the forms, shares and flags. A day
 * under the small-group threshold shows no figure; while the campaign is open the share
 * satisfied is not shown either (no satisfaction figure before closing, docs/method.md §11).
 */
export async function daysView(db: Db, ctx: SipasContext): Promise<SipasDays> {
  const { campaign, definition, units, closed } = ctx;
  const { points, hours, slots } = await inSnapshot(db, async (trx) => ({
    points: await listPoints(trx, campaign.id),
    hours: await loadHours(trx, campaign.id),
    slots: await loadSlots(trx, campaign.id),
  }));
  const names = new Map(units.map((u) => [u.code, u.name.normalize('NFC')]));
  const days = sipasDays(points, hours, slots, definition.method).map((d) => ({
    ...d,
    flags: [...d.flags],
    figures: d.figures && !closed ? { ...d.figures, satisfiedPercent: null } : (d.figures ?? null),
  }));
  return {
    minCellSize: definition.method.minCellSize,
    closed,
    method: {
      burst: definition.method.burst,
      fullDay: definition.method.fullDay,
      repeats: definition.method.repeats,
    },
    points: points.map((p) => ({
      id: p.id,
      code: p.code,
      name: p.name,
      unitCode: p.unitCode,
      unitName: names.get(p.unitCode) ?? p.unitCode,
    })),
    days,
  };
}
