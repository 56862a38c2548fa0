import { Hono } from 'hono';
import type { NonResponder, NonResponderPage } from '../../contract/console/invitations';
import { audit } from '../audit/log';
import { currentUser, requireRole } from '../auth/middleware';
import type { CampaignEnv } from '../campaigns/scope';
import { csvLine } from '../csv';
import type { Db } from '../db/connect';
import { attachment, CSV } from '../http';
import { vnDateTime } from '../vn-time';
import { type invitationContext, LIVE } from './context';
import { pageOf, parseListQuery } from './list';
import type { InvitationRow } from './queries';

type Context = ReturnType<typeof invitationContext>;

/** A link's status as the office says it. */
export const STATUS_NAMES = {
  not_opened: 'Chưa mở',
  opened: 'Đã mở',
  in_progress: 'Đang trả lời',
  submitted: 'Đã gửi',
  revoked: 'Đã thu hồi',
} as const;

/** The CSV's columns: a heading the office reads, and the field under it. */
const COLUMNS: [string, (r: NonResponder) => unknown][] = [
  ['Họ và tên', (r) => r.name],
  ['Nhóm đối tượng', (r) => r.group],
  ['Đơn vị', (r) => r.unit],
  ['Điện thoại', (r) => r.phone],
  ['E-mail', (r) => r.email],
  ['Trạng thái', (r) => r.statusName],
  ['Số lần đã nhắc', (r) => r.reminders],
  ['Lần nhắc gần nhất', (r) => vnDateTime(r.lastReminderAt)],
];

/**
 * `GET …/non-responders`: the people whose link is live and not yet submitted, to chase. JSON is
 * one page (searched, filtered by group, unit or status, sorted, as the invitations list);
 * `format=csv` is every matching row, never a page, under Vietnamese headings.
 */
export function nonResponderRoutes(db: Db, matching: Context['matching']) {
  const app = new Hono<CampaignEnv>();
  app.get('/:id/non-responders', requireRole('admin', 'officer'), async (c) => {
    const campaign = c.get('campaign');
    const q = parseListQuery(c.req.query());
    const { keys, rows, groupName } = await matching(campaign, q, LIVE);
    // No link, no short code: a call list needs neither.
    const toRow = (r: InvitationRow): NonResponder => ({
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
    });
    if (c.req.query('format') === 'csv') {
      await audit(db, {
        user: currentUser(c),
        action: 'non_responders_exported',
        campaignId: campaign.id,
        details: { count: keys.length },
        ip: c.get('ip'),
      });
      const lines = (await rows(keys)).map((r) => {
        const row = toRow(r);
        return csvLine(COLUMNS.map(([, get]) => get(row)));
      });
      const csv = `\uFEFF${csvLine(COLUMNS.map(([head]) => head))}${lines.join('')}`;
      return c.body(csv, 200, attachment(`chua-tra-loi-${campaign.id}.csv`, CSV));
    }
    const page = pageOf(keys, q);
    return c.json({
      ...page,
      items: (await rows(page.items)).map(toRow),
    } satisfies NonResponderPage);
  });
  return app;
}
