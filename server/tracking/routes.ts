import { Hono } from 'hono';
import type { Tracking } from '../../contract/console/tracking';
import { currentUser, requireRole } from '../auth/middleware';
import { findDefinition, listUnits } from '../campaigns/queries';
import type { CampaignEnv } from '../campaigns/scope';
import type { Db } from '../db/connect';
import type { Campaign } from '../db/schema';
import { trackingCounts } from '../invitations/queries';
import { type CountCell, protectCounts } from './protect';
import { dailyStatusCounts } from './queries';

/** The small-group threshold when a definition has none (docs/method.md §12). */
const DEFAULT_MIN_CELL_SIZE = 3;

type Cell = CountCell;

const emptyCell = (
  groupCode: string,
  groupName: string,
  unitCode: string | null,
  unitName: string,
): Cell => ({
  groupCode,
  groupName,
  unitCode,
  unitName,
  invited: 0,
  notOpened: 0,
  opened: 0,
  inProgress: 0,
  submitted: 0,
  rate: 0,
});

function addTo(cell: Cell, status: string, n: number) {
  if (status === 'revoked') return;
  cell.invited += n;
  if (status === 'not_opened') cell.notOpened += n;
  if (status === 'opened') cell.opened += n;
  if (status === 'in_progress') cell.inProgress += n;
  if (status === 'submitted') cell.submitted += n;
}
const finish = (cell: Cell) => ({
  ...cell,
  rate: cell.invited ? Math.round((cell.submitted / cell.invited) * 1000) / 10 : 0,
});

/** Tracking: counts per group × unit and per day (the non-responders: server/invitations/non-responders.ts). */
export function trackingRoutes(db: Db) {
  const app = new Hono<CampaignEnv>();

  async function context(campaign: Campaign) {
    const definition = await findDefinition(db, campaign.definitionId);
    const units = new Map((await listUnits(db, campaign.unitSetId)).map((u) => [u.code, u]));
    const groupName = (code: string) =>
      definition?.groups.find((g) => g.code === code)?.name ?? code;
    return { campaign, definition, units, groupName };
  }

  // Counts only, never names: analysts may see response rates too.
  app.get('/:id/tracking', requireRole('admin', 'officer', 'analyst'), async (c) => {
    const { campaign, definition, units, groupName } = await context(c.get('campaign'));
    // A province rates departments and communes with two indexes: each row says which.
    const indexes = (definition?.indexes ?? []).map(({ code, name, unitKinds }) => ({
      code,
      name,
      unitKinds,
    }));
    const indexOfKind = new Map<string, string>();
    for (const i of indexes)
      for (const k of i.unitKinds) if (!indexOfKind.has(k)) indexOfKind.set(k, i.code);
    const cells = new Map<string, Cell>();
    const groups = new Map<string, Cell>();
    const total = emptyCell('', 'Tổng cộng', null, '');
    for (const r of await trackingCounts(db, campaign.id)) {
      const key = `${r.groupCode}\u0000${r.unitCode ?? ''}`;
      const unit = r.unitCode ? units.get(r.unitCode) : undefined;
      if (!cells.has(key))
        cells.set(key, {
          ...emptyCell(
            r.groupCode,
            groupName(r.groupCode),
            r.unitCode,
            unit?.name ?? 'Không theo đơn vị',
          ),
          unitKind: unit?.kind ?? null,
          index: unit ? (indexOfKind.get(unit.kind) ?? null) : null,
        });
      if (!groups.has(r.groupCode))
        groups.set(r.groupCode, emptyCell(r.groupCode, groupName(r.groupCode), null, ''));
      for (const cell of [cells.get(key), groups.get(r.groupCode), total])
        if (cell) addTo(cell, r.status, Number(r.n));
    }
    const order = new Map(definition?.groups.map((g, i) => [g.code, i]));
    const rows = [...cells.values()]
      .map(finish)
      .sort(
        (a, b) =>
          (order.get(a.groupCode) ?? 99) - (order.get(b.groupCode) ?? 99) ||
          (units.get(a.unitCode ?? '')?.position ?? 1e9) -
            (units.get(b.unitCode ?? '')?.position ?? 1e9),
      );
    // Responses over time come from the invitations' status changes, in Vietnam's calendar days.
    const daily = await dailyStatusCounts(db, campaign.id);
    const view = {
      total: finish(total),
      groups: [...groups.values()]
        .map(finish)
        .sort((a, b) => (order.get(a.groupCode) ?? 99) - (order.get(b.groupCode) ?? 99)),
      rows,
      daily: daily.map((d) => ({ day: d.day, status: d.status, n: Number(d.n) })),
    };
    // Officers know the names behind each cell; an analyst sees no cell small enough to name
    // someone, nor a margin or a day that gives one back (protect.ts).
    if (currentUser(c).role === 'analyst') {
      const k = definition?.method.minCellSize ?? DEFAULT_MIN_CELL_SIZE;
      return c.json({
        targetRate: campaign.targetRate,
        indexes,
        minCellSize: k,
        ...protectCounts(view, k),
      } satisfies Tracking);
    }
    return c.json({ targetRate: campaign.targetRate, indexes, ...view } satisfies Tracking);
  });

  return app;
}
