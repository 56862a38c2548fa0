import { Hono } from 'hono';
import { sql } from 'kysely';
import type { Tracking } from '../../contract/console/tracking';
import { audit } from '../audit/log';
import { type AuthEnv, currentUser, requireRole } from '../auth/middleware';
import { findCampaign, findDefinition, listUnits } from '../campaigns/queries';
import { toCsv } from '../csv';
import type { Db } from '../db/connect';
import { ApiError } from '../errors';
import { listInvitations, trackingCounts } from '../invitations/queries';
import { protectCounts } from './protect';

/** The small-group threshold when a definition has none (the domain README's default). */
const DEFAULT_MIN_CELL_SIZE = 3;

const STATUS_NAMES = {
  not_opened: 'Chưa mở',
  opened: 'Đã mở',
  in_progress: 'Đang trả lời',
  submitted: 'Đã gửi',
  revoked: 'Đã thu hồi',
} as const;

interface Cell {
  groupCode: string;
  groupName: string;
  unitCode: string | null;
  unitName: string;
  invited: number;
  notOpened: number;
  opened: number;
  inProgress: number;
  submitted: number;
  /** Percent submitted of invited, one decimal. */
  rate: number;
}

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

/** Tracking: counts per group × unit and per day; the non-responders for reminders. */
export function trackingRoutes(db: Db) {
  const app = new Hono<AuthEnv>();

  async function context(id: string) {
    const campaign = await findCampaign(db, id);
    if (!campaign) throw new ApiError(404, 'not_found', 'Không tìm thấy đợt khảo sát.');
    const definition = await findDefinition(db, campaign.definitionId);
    const units = new Map((await listUnits(db, campaign.unitSetId)).map((u) => [u.code, u]));
    const groupName = (code: string) =>
      definition?.groups.find((g) => g.code === code)?.name ?? code;
    return { campaign, definition, units, groupName };
  }

  // Counts only, never names: analysts may see response rates too.
  app.get('/:id/tracking', requireRole('admin', 'officer', 'analyst'), async (c) => {
    const { campaign, definition, units, groupName } = await context(c.req.param('id'));
    const cells = new Map<string, Cell>();
    const groups = new Map<string, Cell>();
    const total = emptyCell('', 'Tổng cộng', null, '');
    for (const r of await trackingCounts(db, campaign.id)) {
      const key = `${r.groupCode}\u0000${r.unitCode ?? ''}`;
      const unit = r.unitCode ? units.get(r.unitCode) : undefined;
      if (!cells.has(key))
        cells.set(
          key,
          emptyCell(
            r.groupCode,
            groupName(r.groupCode),
            r.unitCode,
            unit?.name ?? 'Không theo đơn vị',
          ),
        );
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
    const daily = await db
      .selectFrom('invitationEvent as e')
      .innerJoin('invitation as i', 'i.id', 'e.invitationId')
      .select([
        sql<string>`date(e.at, '+7 hours')`.as('day'),
        'e.status',
        (eb) => eb.fn.countAll<number>().as('n'),
      ])
      .where('i.campaignId', '=', campaign.id)
      .groupBy(['day', 'e.status'])
      .orderBy('day')
      .execute();
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
        minCellSize: k,
        ...protectCounts(view, k),
      } satisfies Tracking);
    }
    return c.json({ targetRate: campaign.targetRate, ...view } satisfies Tracking);
  });

  app.get('/:id/non-responders', requireRole('admin', 'officer'), async (c) => {
    const { campaign, groupName } = await context(c.req.param('id'));
    const rows = (
      await listInvitations(db, campaign.id, { status: ['not_opened', 'opened', 'in_progress'] })
    ).map((r) => ({
      id: r.id,
      name: r.name,
      group: groupName(r.groupCode),
      unit: r.unitName ?? r.workplace ?? '',
      phone: r.phone ?? '',
      email: r.email ?? '',
      status: r.status,
      statusName: STATUS_NAMES[r.status],
      reminders: Number(r.reminders ?? 0),
      lastReminderAt: r.lastReminderAt ?? null,
    }));
    if (c.req.query('format') === 'csv') {
      await audit(db, {
        user: currentUser(c),
        action: 'non_responders_exported',
        campaignId: campaign.id,
        details: { count: rows.length },
        ip: c.get('ip'),
      });
      const columns = [
        'name',
        'group',
        'unit',
        'phone',
        'email',
        'statusName',
        'reminders',
        'lastReminderAt',
      ];
      return c.body(toCsv(columns, rows), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="chua-tra-loi-${campaign.id}.csv"`,
      });
    }
    return c.json(rows);
  });

  return app;
}
