import ExcelJS from 'exceljs';
import { Hono } from 'hono';
import { z } from 'zod';
import { type Invitation, Reminder } from '../../contract/console/invitations';
import type { Definition } from '../../questionnaires';
import { audit } from '../audit/log';
import { currentUser, requireRole } from '../auth/middleware';
import { findDefinition } from '../campaigns/queries';
import type { CampaignEnv } from '../campaigns/scope';
import type { Config } from '../config';
import { toCsv } from '../csv';
import type { Db } from '../db/connect';
import type { Campaign, InvitationStatus } from '../db/schema';
import { ApiError } from '../errors';
import { attachment, CommaList, CSV, readJson, XLSX } from '../http';
import { shortCode } from '../secrets';
import {
  findInvitation,
  type InvitationFilter,
  type InvitationRow,
  insertReminder,
  listInvitations,
  reissueInvitation,
  revokeInvitation,
} from './queries';
import { linkFor, newToken } from './service';
import { inviteMessage, slipsPage } from './slips';

const STATUSES = ['not_opened', 'opened', 'in_progress', 'submitted', 'revoked'] as const;
const Filter = z.object({
  status: z
    .string()
    .optional()
    .transform((s) =>
      s
        ?.split(',')
        .filter((x): x is InvitationStatus => (STATUSES as readonly string[]).includes(x)),
    ),
  group: z.string().optional(),
  unit: z.string().optional(),
  ids: CommaList,
});

const vnTime = (iso: string | null) =>
  iso
    ? new Date(iso).toLocaleString('vi-VN', {
        timeZone: 'Asia/Ho_Chi_Minh',
        dateStyle: 'short',
        timeStyle: 'short',
      })
    : null;

interface Deps {
  db: Db;
  config: Pick<Config, 'publicUrl' | 'secret'>;
}

/** Invitations: the list, reissue, revoke, reminders, QR slips, link exports, tracking. */
export function invitationRoutes({ db, config }: Deps) {
  const app = new Hono<CampaignEnv>();
  const staff = requireRole('admin', 'officer');

  async function context(campaign: Campaign) {
    const definition = (await findDefinition(db, campaign.definitionId)) as Definition;
    const groupName = (code: string) =>
      definition.groups.find((g) => g.code === code)?.name ?? code;
    return { campaign, definition, groupName };
  }

  function present(row: InvitationRow, groupName: (c: string) => string): Invitation {
    const { tokenNonce, unitPosition: _p, ...rest } = row;
    return {
      ...rest,
      group: groupName(row.groupCode),
      unit: row.unitName ?? row.workplace ?? '',
      reminders: Number(row.reminders ?? 0),
      link: row.status === 'revoked' ? null : linkFor(config, tokenNonce),
      shortCode: row.status === 'revoked' ? null : shortCode(config.secret, tokenNonce),
    };
  }

  const filterOf = (query: Record<string, string>): InvitationFilter => {
    const f = Filter.parse(query);
    return { status: f.status, groupCode: f.group, unitCode: f.unit, ids: f.ids };
  };

  app.get('/:id/invitations', staff, async (c) => {
    const { campaign, groupName } = await context(c.get('campaign'));
    const rows = await listInvitations(db, campaign.id, filterOf(c.req.query()));
    return c.json(rows.map((r) => present(r, groupName)));
  });

  for (const action of ['reissue', 'revoke'] as const) {
    app.post(`/:id/invitations/:inv/${action}`, staff, async (c) => {
      const { campaign } = await context(c.get('campaign'));
      const invitation = await findInvitation(db, campaign.id, c.req.param('inv'));
      if (!invitation) throw new ApiError(404, 'not_found', 'Không tìm thấy lời mời.');
      // A submitted form stays counted and its person cannot answer twice.
      if (invitation.status === 'submitted') {
        throw new ApiError(
          409,
          'already_submitted',
          'Người này đã gửi phiếu; không thể cấp lại hay thu hồi đường dẫn.',
        );
      }
      const now = new Date().toISOString();
      if (action === 'reissue') {
        // A new token for the same invitation: the old link stops working at once, the status
        // stays. The new link is unclaimed (its first open claims it); the old draft, sealed
        // under the old token and claim, could be opened by no one and is deleted.
        await reissueInvitation(db, invitation.id, newToken(config.secret));
      } else {
        await revokeInvitation(db, invitation.id, now);
      }
      await audit(db, {
        user: currentUser(c),
        action: `invitation_${action}`,
        campaignId: campaign.id,
        target: invitation.id,
        // Whether a device had claimed the old link (a front-runner, or the person): no answers.
        ...(action === 'reissue' ? { details: { wasClaimed: invitation.claimHash !== null } } : {}),
        ip: c.get('ip'),
      });
      const [row] = await listInvitations(db, campaign.id, { ids: [invitation.id] });
      const { groupName } = await context(campaign);
      if (!row) throw new ApiError(404, 'not_found', 'Không tìm thấy lời mời.');
      return c.json(present(row, groupName));
    });
  }

  app.post('/:id/invitations/:inv/reminders', staff, async (c) => {
    const { campaign } = await context(c.get('campaign'));
    const invitation = await findInvitation(db, campaign.id, c.req.param('inv'));
    if (!invitation) throw new ApiError(404, 'not_found', 'Không tìm thấy lời mời.');
    const { channel } = await readJson(c.req.raw, Reminder);
    const user = currentUser(c);
    await insertReminder(db, {
      invitationId: invitation.id,
      channel,
      userId: user.id,
      at: new Date().toISOString(),
    });
    await audit(db, {
      user,
      action: 'reminder_sent',
      campaignId: campaign.id,
      target: invitation.id,
      details: { channel },
      ip: c.get('ip'),
    });
    return c.body(null, 204);
  });

  app.get('/:id/slips', staff, async (c) => {
    const { campaign, groupName } = await context(c.get('campaign'));
    const filter = filterOf(c.req.query());
    const rows = (
      await listInvitations(db, campaign.id, {
        status: ['not_opened', 'opened', 'in_progress'],
        ...filter,
      })
    ).filter((r) => r.status !== 'revoked' && r.status !== 'submitted');
    const slips = rows.map((r) => {
      const p = present(r, groupName);
      return {
        name: r.name,
        group: p.group,
        unit: p.unit,
        link: p.link ?? '',
        shortCode: p.shortCode ?? '',
        unitKey: r.unitName ?? 'Đại biểu HĐND huyện',
      };
    });
    await audit(db, {
      user: currentUser(c),
      action: 'slips_printed',
      campaignId: campaign.id,
      details: { count: slips.length, ...c.req.query() },
      ip: c.get('ip'),
    });
    return c.html(slipsPage({ campaignName: campaign.name, home: config.publicUrl, slips }));
  });

  app.get('/:id/links.:format{csv|xlsx}', staff, async (c) => {
    const { campaign, groupName } = await context(c.get('campaign'));
    const rows = (await listInvitations(db, campaign.id, filterOf(c.req.query()))).map((r) => {
      const p = present(r, groupName);
      const slip = {
        name: r.name,
        group: p.group,
        unit: p.unit,
        link: p.link ?? '',
        shortCode: p.shortCode ?? '',
      };
      return {
        id: r.id,
        name: r.name,
        group: p.group,
        group_code: r.groupCode,
        unit: p.unit,
        phone: r.phone ?? '',
        email: r.email ?? '',
        status: r.status,
        link: p.link ?? '',
        short_code: p.shortCode ?? '',
        message: p.link
          ? inviteMessage(slip, campaign.name, vnTime(campaign.closesAt), config.publicUrl)
          : '',
      };
    });
    const columns = [
      'id',
      'name',
      'group',
      'group_code',
      'unit',
      'phone',
      'email',
      'status',
      'link',
      'short_code',
      'message',
    ];
    const format = c.req.param('format');
    await audit(db, {
      user: currentUser(c),
      action: 'links_exported',
      campaignId: campaign.id,
      details: { format, count: rows.length },
      ip: c.get('ip'),
    });
    const name = `duong-dan-${campaign.id}.${format}`;
    if (format === 'csv') {
      return c.body(toCsv(columns, rows), 200, attachment(name, CSV));
    }
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Đường dẫn');
    sheet.columns = columns.map((key) => ({
      header: key,
      key,
      width: key === 'message' ? 80 : key === 'link' ? 50 : 22,
    }));
    sheet.addRows(rows);
    sheet.getRow(1).font = { bold: true };
    const buffer = await book.xlsx.writeBuffer();
    return c.body(new Uint8Array(buffer as ArrayBuffer), 200, attachment(name, XLSX));
  });

  return app;
}
