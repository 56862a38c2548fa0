import { Hono } from 'hono';
import { END_NOT_AHEAD } from '../../contract/console/campaign-words';
import {
  type CampaignDetail,
  CampaignPatch,
  type Campaign as CampaignReply,
  NewCampaignBody,
  OpenCampaignBody,
} from '../../contract/console/campaigns';
import { MoveBody } from '../../contract/console/organisations';
import { audit } from '../audit/log';
import { currentUser, requireRole } from '../auth/middleware';
import type { Db } from '../db/connect';
import type { Campaign } from '../db/schema';
import { ApiError } from '../errors';
import { readJson, readPatch } from '../http';
import { countInvitationsByStatus } from '../invitations/queries';
import { moveCampaign, organisationName } from '../organisations/move';
import { findOrganisation, subtreeIds } from '../organisations/queries';
import { reachableOrganisation } from '../organisations/service';
import { paperWaiting } from '../paper/queries';
import { viDateTime } from '../results/export/format';
import { openingsOf } from './lifecycle';
import { campaignPhase } from './phase';
import { personalDataStatus } from './purge';
import {
  findDefinition,
  findDefinitionName,
  listCampaigns,
  listUnits,
  updateCampaign,
} from './queries';
import { type CampaignEnv, requireCampaign } from './scope';
import { createCampaign, setCampaignOpen } from './service';
import { campaignSource } from './source';

export async function describeCampaign(db: Db, c: Campaign): Promise<CampaignReply> {
  const definition = await findDefinitionName(db, c.definitionId);
  const counts = await countInvitationsByStatus(db, c.id);
  const by = Object.fromEntries(counts.map((r) => [r.status, Number(r.n)]));
  const invited = counts.reduce((s, r) => s + (r.status === 'revoked' ? 0 : Number(r.n)), 0);
  // A SIPAS campaign invites nobody: its forms are counted as they are stored (issue #14).
  if (c.kind === 'sipas') {
    const forms = await db
      .selectFrom('sipasForm')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('campaignId', '=', c.id)
      .executeTakeFirst();
    by.submitted = Number(forms?.n ?? 0);
  }
  const organisation = await findOrganisation(db, c.organisationId);
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    phase: campaignPhase(c),
    opensAt: c.opensAt,
    closesAt: c.closesAt,
    contactName: c.contactName,
    contactPhone: c.contactPhone,
    targetRate: c.targetRate,
    definition: definition
      ? { code: definition.code, version: definition.version, name: definition.name }
      : null,
    counts: { invited, submitted: by.submitted ?? 0 },
    organisation: { id: c.organisationId, name: organisation?.name ?? '' },
    archivedAt: c.archivedAt,
  };
}

/**
 * A start time already past opens the campaign at once and fixes its questionnaire: the caller
 * must say so (`openNow: true`). The server decides, on its own clock, so that no client — the
 * console, a script, a tab left open since yesterday — opens a campaign by mistake (#13.14).
 */
function confirmOpensNow(opensAt: string | null | undefined, openNow: boolean | undefined) {
  if (!opensAt || openNow || opensAt > new Date().toISOString()) return;
  throw new ApiError(
    409,
    'opens_in_past',
    `Thời điểm bắt đầu (${viDateTime(opensAt)}) đã qua: đợt khảo sát sẽ mở ngay và bộ câu hỏi, cách tính điểm bị cố định, không sửa được nữa. Hãy chọn thời điểm sau, hoặc xác nhận mở ngay.`,
    { opensAt },
  );
}

/** Campaigns: create (from a built-in template or last year's), schedule, open, close. */
export function campaignRoutes(db: Db) {
  const app = new Hono<CampaignEnv>();
  const staff = requireRole('admin', 'officer');

  // Only the campaigns of the account's organisation and those below it; `?organisation=` narrows
  // to one organisation's subtree (a parent's filter by child). Archived campaigns only with
  // `?archived=1` (issue #13.14).
  app.get('/', requireRole('admin', 'officer', 'analyst'), async (c) => {
    const user = currentUser(c);
    const only = c.req.query('organisation');
    const all = c.req.query('archived') === '1';
    const root = only ? (await reachableOrganisation(db, only, user.organisationId)).id : null;
    const rows = (
      await listCampaigns(db, await subtreeIds(db, root ?? user.organisationId))
    ).filter((r) => all || r.archivedAt === null);
    return c.json(await Promise.all(rows.map((r) => describeCampaign(db, r))));
  });

  app.post('/', staff, async (c) => {
    const body = await readJson(c.req.raw, NewCampaignBody);
    const user = currentUser(c);
    const organisationId = body.organisationId
      ? (await reachableOrganisation(db, body.organisationId, user.organisationId)).id
      : user.organisationId;
    const source = await campaignSource(db, body, user.organisationId);
    if (body.opensAt && body.closesAt && body.closesAt <= body.opensAt) {
      throw new ApiError(422, 'invalid_dates', 'Thời điểm kết thúc phải sau thời điểm bắt đầu.');
    }
    confirmOpensNow(body.opensAt, body.openNow);
    const id = await createCampaign(db, {
      name: body.name,
      definition: source.definition,
      unitSet: source.unitSet,
      opensAt: body.opensAt ?? null,
      closesAt: body.closesAt ?? null,
      contact:
        body.contactName || body.contactPhone
          ? { name: body.contactName ?? '', phone: body.contactPhone ?? '' }
          : null,
      organisationId,
    });
    if (body.targetRate) await updateCampaign(db, id, { targetRate: body.targetRate });
    await audit(db, {
      user,
      action: 'campaign_created',
      campaignId: id,
      details: {
        name: body.name,
        ...(source.kind === 'sipas' ? { kind: 'sipas' } : {}),
        copyOf: body.copyOf ?? null,
        template: body.copyOf ? null : (body.template ?? 'district_2023'),
        provinceCode: body.provinceCode ?? null,
        ...(body.openNow ? { openNow: true } : {}),
      },
      ip: c.get('ip'),
    });
    return c.json(await describeCampaign(db, await requireCampaign(db, id)), 201);
  });

  app.get('/:id', requireRole('admin', 'officer', 'analyst'), async (c) => {
    const campaign = c.get('campaign');
    const definition = await findDefinition(db, campaign.definitionId);
    const units = await listUnits(db, campaign.unitSetId);
    return c.json({
      ...(await describeCampaign(db, campaign)),
      personalData: await personalDataStatus(db, campaign),
      paperWaiting: await paperWaiting(db, campaign.id),
      openings: await openingsOf(db, campaign),
      groups: definition?.groups.map((g) => ({
        code: g.code,
        name: g.name,
        questionnaires: g.questionnaires,
        unitRequired: g.unitRequired,
      })),
      units: units.map(({ code, name, kind, parentCode, officialCode, area }) => ({
        code,
        name,
        kind,
        parentCode,
        officialCode,
        area,
      })),
    } satisfies CampaignDetail);
  });

  app.patch('/:id', staff, async (c) => {
    const campaign = c.get('campaign');
    const { openNow, ...patch } = await readPatch(c.req.raw, CampaignPatch);
    if (Object.values(patch).every((v) => v === undefined))
      throw new ApiError(400, 'invalid_request', 'Không có gì để sửa ngoài xác nhận mở ngay.');
    const phase = campaignPhase(campaign);
    if (patch.opensAt !== undefined && phase !== 'not_open' && patch.opensAt !== campaign.opensAt) {
      throw new ApiError(
        409,
        'already_open',
        'Đợt khảo sát đã mở; không thể đổi thời điểm bắt đầu.',
      );
    }
    const opensAt = patch.opensAt !== undefined ? patch.opensAt : campaign.opensAt;
    const closesAt = patch.closesAt !== undefined ? patch.closesAt : campaign.closesAt;
    if (opensAt && closesAt && closesAt <= opensAt) {
      throw new ApiError(422, 'invalid_dates', 'Thời điểm kết thúc phải sau thời điểm bắt đầu.');
    }
    if (phase === 'not_open' && patch.opensAt !== campaign.opensAt)
      confirmOpensNow(patch.opensAt, openNow);
    await updateCampaign(db, campaign.id, patch);
    await audit(db, {
      user: currentUser(c),
      action: 'campaign_edited',
      campaignId: campaign.id,
      details: openNow ? { ...patch, openNow } : patch,
      ip: c.get('ip'),
    });
    return c.json(await describeCampaign(db, await requireCampaign(db, campaign.id)));
  });

  // Opening (or reopening) may set the end in the same step: a reopened campaign has none.
  app.post('/:id/open', staff, async (c) => {
    const campaign = c.get('campaign');
    const { closesAt } = await readJson(c.req.raw, OpenCampaignBody, { empty: {} });
    const now = new Date();
    if (closesAt && Date.parse(closesAt) <= now.getTime())
      throw new ApiError(422, 'invalid_dates', END_NOT_AHEAD);
    const reopen = campaignPhase(campaign, now) === 'closed';
    await setCampaignOpen(db, campaign.id, true, now, closesAt);
    await audit(db, {
      user: currentUser(c),
      action: reopen ? 'campaign_reopen' : 'campaign_open',
      campaignId: campaign.id,
      ...(closesAt !== undefined ? { details: { closesAt } } : {}),
      ip: c.get('ip'),
    });
    return c.json(await describeCampaign(db, await requireCampaign(db, campaign.id)));
  });
  app.post('/:id/close', staff, async (c) => {
    const campaign = c.get('campaign');
    await setCampaignOpen(db, campaign.id, false);
    await audit(db, {
      user: currentUser(c),
      action: 'campaign_close',
      campaignId: campaign.id,
      ip: c.get('ip'),
    });
    return c.json(await describeCampaign(db, await requireCampaign(db, campaign.id)));
  });

  // To another organisation of the admin's reach (issue #12): who sees it changes at once; its
  // rosters, forms and runs go with it.
  app.post('/:id/move', requireRole('admin'), async (c) => {
    const me = currentUser(c);
    const campaign = c.get('campaign');
    const body = await readJson(c.req.raw, MoveBody);
    const to = await reachableOrganisation(db, body.organisationId, me.organisationId);
    const from = await organisationName(db, campaign.organisationId);
    await moveCampaign(db, campaign.id, to.id);
    await audit(db, {
      user: me,
      action: 'campaign_moved',
      campaignId: campaign.id,
      details: { from, to: to.name },
      organisationId: to.id,
      ip: c.get('ip'),
    });
    return c.json(await describeCampaign(db, await requireCampaign(db, campaign.id)));
  });

  return app;
}
