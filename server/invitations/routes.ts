import { Hono } from 'hono';
import {
  type SlipArrangement,
  type SlipLayout,
  slipPageCount,
} from '../../contract/console/invitation-list';
import {
  BulkReminder,
  type BulkReminderReply,
  type InvitationPage,
  Reminder,
} from '../../contract/console/invitations';
import { audit } from '../audit/log';
import { currentUser, requireRole } from '../auth/middleware';
import type { CampaignEnv } from '../campaigns/scope';
import type { Config } from '../config';
import type { Db } from '../db/connect';
import { ApiError } from '../errors';
import { streamHtml } from '../html';
import { attachment, CSV, readJson, XLSX } from '../http';
import { invitationContext, LIVE, slipUnit } from './context';
import { linkLine, linksCsv, linksXlsx } from './link-file';
import { pageOf, parseListQuery } from './list';
import { nonResponderRoutes } from './non-responders';
import {
  findInvitation,
  insertReminder,
  insertReminders,
  listInvitations,
  reissueInvitation,
  revokeInvitation,
} from './queries';
import { newToken } from './service';
import { slipsPageParts } from './slips';

const BY_UNIT = { key: 'unit', desc: false } as const;

interface Deps {
  db: Db;
  config: Pick<Config, 'publicUrl' | 'secret'>;
}

/** Invitations: the list, reissue, revoke, reminders, QR slips, link exports, non-responders. */
export function invitationRoutes({ db, config }: Deps) {
  const app = new Hono<CampaignEnv>();
  const staff = requireRole('admin', 'officer');
  const { load: context, present, matching } = invitationContext(db, config);

  // One page, searched, filtered and sorted on the server (issue #13.12), with what the same
  // filters would print as slips.
  app.get('/:id/invitations', staff, async (c) => {
    const q = parseListQuery(c.req.query());
    const { keys, rows, groupName } = await matching(c.get('campaign'), q);
    const perUnit = new Map<string, number>();
    for (const k of keys) {
      const unit = slipUnit(k, groupName);
      if (LIVE.includes(k.status)) perUnit.set(unit, (perUnit.get(unit) ?? 0) + 1);
    }
    const page = pageOf(keys, q);
    const counts = [...perUnit.values()];
    return c.json({
      ...page,
      items: (await rows(page.items)).map((r) => present(r, groupName)),
      slips: {
        count: counts.reduce((a, b) => a + b, 0),
        pages: {
          '1': slipPageCount(counts, 1, 'units'),
          '4': slipPageCount(counts, 4, 'units'),
          '8': slipPageCount(counts, 8, 'units'),
        },
        unitPages: {
          '1': slipPageCount(counts, 1, 'unit-pages'),
          '4': slipPageCount(counts, 4, 'unit-pages'),
          '8': slipPageCount(counts, 8, 'unit-pages'),
        },
      },
    } satisfies InvitationPage);
  });

  for (const action of ['reissue', 'revoke'] as const) {
    app.post(`/:id/invitations/:inv/${action}`, staff, async (c) => {
      const campaign = c.get('campaign');
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

  // Many reminded at once: the rows picked, or every row the list's filters match.
  app.post('/:id/reminders', staff, async (c) => {
    const campaign = c.get('campaign');
    const { channel, ids, filter } = await readJson(c.req.raw, BulkReminder);
    const q = parseListQuery({
      ...(filter?.q ? { q: filter.q } : {}),
      ...(filter?.status?.length ? { status: filter.status.join(',') } : {}),
      ...(filter?.group ? { group: filter.group } : {}),
      ...(filter?.unit ? { unit: filter.unit } : {}),
    });
    const { keys } = await matching(campaign, { ...q, ids }, LIVE);
    const user = currentUser(c);
    const at = new Date().toISOString();
    await insertReminders(
      db,
      keys.map((k) => ({ invitationId: k.id, channel, userId: user.id, at })),
    );
    await audit(db, {
      user,
      action: 'reminders_sent',
      campaignId: campaign.id,
      details: { channel, count: keys.length, ...(ids ? { picked: ids.length } : { filter }) },
      ip: c.get('ip'),
    });
    return c.json({ recorded: keys.length } satisfies BulkReminderReply);
  });

  app.post('/:id/invitations/:inv/reminders', staff, async (c) => {
    const campaign = c.get('campaign');
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

  // The slips of every live link the filters (and the search, or the ids of a selection) match,
  // grouped by unit: a whole province's 5,000 in one page, or one person's to reprint.
  app.get('/:id/slips', staff, async (c) => {
    const query = c.req.query();
    const q = parseListQuery(query);
    const campaign = c.get('campaign');
    const { keys, rows, groupName } = await matching(campaign, { ...q, sort: BY_UNIT }, LIVE);
    const slips = (await rows(keys)).map((r) => {
      const p = present(r, groupName);
      return {
        name: r.name,
        group: p.group,
        unit: p.unit,
        link: p.link ?? '',
        shortCode: p.shortCode ?? '',
        unitKey: slipUnit(r, groupName),
      };
    });
    const { ids, ...filters } = query;
    await audit(db, {
      user: currentUser(c),
      action: 'slips_printed',
      campaignId: campaign.id,
      details: { count: slips.length, ...filters, ...(ids ? { ids: q.ids?.length ?? 0 } : {}) },
      ip: c.get('ip'),
    });
    const here = new URL(c.req.url);
    const href = (change: { layout?: SlipLayout; arrange?: SlipArrangement }) => {
      const next = new URLSearchParams(here.search);
      if (change.layout) next.set('layout', String(change.layout));
      if (change.arrange) next.set('arrange', change.arrange);
      return `${here.pathname}?${next}`;
    };
    const page = slipsPageParts({
      campaignName: campaign.name,
      home: config.publicUrl,
      slips,
      layout: q.layout,
      arrange: q.arrange,
      href,
    });
    const { body, headers } = streamHtml(page, c.req.header('Accept-Encoding'));
    return c.body(body, 200, headers);
  });

  app.get('/:id/links.:format{csv|xlsx}', staff, async (c) => {
    const campaign = c.get('campaign');
    const q = parseListQuery(c.req.query());
    const { keys, rows: full, groupName } = await matching(campaign, q);
    const lines = (await full(keys)).map((r) =>
      linkLine(present(r, groupName), campaign, config.publicUrl),
    );
    const format = c.req.param('format');
    await audit(db, {
      user: currentUser(c),
      action: 'links_exported',
      campaignId: campaign.id,
      details: { format, count: lines.length },
      ip: c.get('ip'),
    });
    const name = `duong-dan-${campaign.id}.${format}`;
    if (format === 'csv') return c.body(linksCsv(lines), 200, attachment(name, CSV));
    return c.body(await linksXlsx(lines), 200, attachment(name, XLSX));
  });

  app.route('/', nonResponderRoutes(db, matching));
  return app;
}
