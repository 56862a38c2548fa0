import { Hono } from 'hono';
import { z } from 'zod';
import {
  type EntryReply,
  PaperEntry,
  type SerialLookup,
  Stub,
  type StubReply,
} from '../../contract/console/paper';
import { questionnairesFor } from '../../contract/questionnaires-for';
import type { DemographicView, QuestionnaireView } from '../../contract/respondent';
import type { Definition } from '../../questionnaires';
import { audit } from '../audit/log';
import { currentUser, requireRole } from '../auth/middleware';
import { campaignPhase } from '../campaigns/phase';
import { findDefinition, lastLockedAt, listUnits } from '../campaigns/queries';
import { CAMPAIGN_NOT_FOUND, type CampaignEnv } from '../campaigns/scope';
import type { Config } from '../config';
import type { Db } from '../db/connect';
import type { Campaign } from '../db/schema';
import { ApiError } from '../errors';
import { CommaList, readJson } from '../http';
import { qrSvg } from '../invitations/qr';
import { listInvitations } from '../invitations/queries';
import { linkFor } from '../invitations/service';
import { criterionMap } from '../respondent/submit';
import { requireValidAnswers } from '../respondent/validate';
import { shortCode, shortCodeHash } from '../secrets';
import { type PaperForm, paperPage } from './page';
import { findPaperSerial, findStub } from './queries';
import { formatSerial, parseSerial, serialHash } from './serial';
import { createSerials, enterPaperForm, receiveStub, serialUsed } from './service';

/** People per print: each form runs to several pages. */
const MAX_FORMS_PER_PRINT = 200;

const Filter = z.object({
  group: z.string().optional(),
  unit: z.string().optional(),
  ids: CommaList,
});

interface Deps {
  db: Db;
  config: Pick<Config, 'publicUrl' | 'secret'>;
}

/** Refuses stubs and entries outside the campaign's window, as the online form does. */
function requireOpen(campaign: Campaign, now = new Date()) {
  const phase = campaignPhase(campaign, now);
  if (phase === 'not_open') throw new ApiError(403, 'not_open', 'Đợt khảo sát chưa bắt đầu.');
  if (phase === 'closed') {
    throw new ApiError(410, 'closed', 'Đợt khảo sát đã kết thúc; không nhận thêm phiếu.');
  }
}

function demographicsAsked(definition: Definition, views: QuestionnaireView[]): DemographicView[] {
  const asked = views.some(
    (v) => definition.questionnaires.find((q) => q.id === v.id)?.demographics,
  );
  return asked ? definition.demographics : [];
}

/**
 * Paper forms (officers and admins): print a person's stub with their group's answer sheets
 * under a fresh serial; receive a returned stub (the person's link counts as used); enter the
 * sheets by their serial, stored like any online form. No endpoint returns answers.
 */
export function paperRoutes({ db, config }: Deps) {
  const app = new Hono<CampaignEnv>();
  const staff = requireRole('admin', 'officer');

  async function context(campaign: Campaign) {
    const definition = await findDefinition(db, campaign.definitionId);
    if (!definition) throw new ApiError(404, 'not_found', CAMPAIGN_NOT_FOUND);
    const units = await listUnits(db, campaign.unitSetId);
    const groupName = (code: string) =>
      definition.groups.find((g) => g.code === code)?.name ?? code;
    return { campaign, definition, units, groupName };
  }

  app.get('/:id/paper', staff, async (c) => {
    const { campaign, definition, units, groupName } = await context(c.get('campaign'));
    if (campaignPhase(campaign) === 'closed') {
      throw new ApiError(410, 'closed', 'Đợt khảo sát đã kết thúc; không in thêm phiếu giấy.');
    }
    const filter = Filter.parse(c.req.query());
    const rows = (
      await listInvitations(db, campaign.id, {
        status: ['not_opened', 'opened', 'in_progress'],
        groupCode: filter.group,
        unitCode: filter.unit,
        ids: filter.ids,
      })
    ).filter((r) => r.status !== 'submitted' && r.status !== 'revoked');
    if (rows.length > MAX_FORMS_PER_PRINT) {
      throw new ApiError(
        422,
        'too_many',
        `Mỗi lần in tối đa ${MAX_FORMS_PER_PRINT} phiếu giấy; hãy lọc theo nhóm hoặc đơn vị.`,
      );
    }
    // Every person of the print gets a fresh serial, all made in one batch.
    const serials = await createSerials(
      db,
      config.secret,
      campaign.id,
      rows.map((r) => r.groupCode),
    );
    const viewsOf = new Map<string, QuestionnaireView[]>();
    const forms: PaperForm[] = [];
    for (const [i, r] of rows.entries()) {
      let views = viewsOf.get(r.groupCode);
      if (!views) {
        views = questionnairesFor(definition, r.groupCode, units);
        viewsOf.set(r.groupCode, views);
      }
      forms.push({
        name: r.name,
        group: groupName(r.groupCode),
        unit: r.unitName ?? r.workplace ?? '',
        qr: await qrSvg(linkFor(config, r.tokenNonce)),
        shortCode: shortCode(config.secret, r.tokenNonce),
        serial: serials[i] ?? '',
        questionnaires: views,
        demographics: demographicsAsked(definition, views),
      });
    }
    // How many, never who got which serial (nor which people: the stubs say that on return).
    await audit(db, {
      user: currentUser(c),
      action: 'paper_printed',
      campaignId: campaign.id,
      details: {
        count: forms.length,
        ...(filter.group ? { group: filter.group } : {}),
        ...(filter.unit ? { unit: filter.unit } : {}),
      },
      ip: c.get('ip'),
    });
    return c.html(paperPage({ campaignName: campaign.name, home: config.publicUrl, forms }), 200, {
      'Cache-Control': 'no-store',
    });
  });

  app.post('/:id/paper/stubs', staff, async (c) => {
    const { code } = await readJson(c.req.raw, Stub);
    const { campaign, units, groupName } = await context(c.get('campaign'));
    const row =
      code.replace(/[^0-9A-Za-z]/g, '').length === 8
        ? await findStub(db, campaign.id, shortCodeHash(config.secret, code))
        : undefined;
    if (!row) {
      throw new ApiError(
        404,
        'not_found',
        'Không tìm thấy mã phiếu giấy này trong đợt khảo sát; hãy kiểm tra lại mã in trên cuống phiếu.',
      );
    }
    if (row.status === 'revoked') {
      throw new ApiError(
        409,
        'revoked',
        'Đường dẫn của người này đã bị thu hồi; không nhận phiếu giấy của mã này.',
      );
    }
    if (row.status === 'submitted') {
      throw new ApiError(
        409,
        'already_submitted',
        'Người này đã gửi phiếu trước đó (trực tuyến hoặc phiếu giấy).',
      );
    }
    requireOpen(campaign);
    const { receipt } = await receiveStub(db, {
      invitationId: row.id,
      campaignId: campaign.id,
      user: currentUser(c),
      ip: c.get('ip'),
    });
    return c.json({
      id: row.id,
      name: row.name,
      group: groupName(row.groupCode),
      unit: units.find((u) => u.code === row.unitCode)?.name ?? row.workplace ?? '',
      status: 'submitted',
      receipt,
    } satisfies StubReply);
  });

  /**
   * Sheets are typed while the campaign is open and, as offices do, after it closed (issue
   * #13.1): then only until the official results are locked. Each still needs its stub, received
   * before closing (enterPaperForm: never more sheets entered than stubs received, per group).
   */
  async function requireEntryAllowed(campaign: Campaign, now = new Date()) {
    if (campaignPhase(campaign, now) !== 'closed') return requireOpen(campaign, now);
    if (await lastLockedAt(db, campaign.id)) {
      throw new ApiError(
        409,
        'results_locked',
        'Kết quả chính thức của đợt khảo sát đã khóa: không nhập thêm phiếu giấy được nữa.',
      );
    }
  }

  /** A typed serial: its 9 characters and its printed sheets' group; 422 or 404 otherwise. */
  async function printedSerial(campaignId: string, typed: string) {
    const serial = parseSerial(typed);
    if (!serial) {
      throw new ApiError(
        422,
        'invalid_serial',
        'Số phiếu không đúng: hãy kiểm tra lại từng ký tự, kể cả ký tự kiểm tra ở cuối.',
      );
    }
    const printed = await findPaperSerial(db, campaignId, serialHash(config.secret, serial));
    if (!printed) {
      throw new ApiError(
        404,
        'serial_not_found',
        'Không tìm thấy số phiếu này trong đợt khảo sát.',
      );
    }
    return { serial, groupCode: printed.groupCode, entered: printed.entered === 1 };
  }

  /**
   * Which sheets a serial was printed on, before they are typed: the entry form picks them by
   * itself and says at once when the serial was already entered. Nothing of any answer.
   */
  app.get('/:id/paper/serials/:serial', staff, async (c) => {
    const { campaign, groupName } = await context(c.get('campaign'));
    const printed = await printedSerial(campaign.id, c.req.param('serial'));
    return c.json({
      serial: formatSerial(printed.serial),
      groupCode: printed.groupCode,
      group: groupName(printed.groupCode),
      entered: printed.entered,
    } satisfies SerialLookup);
  });

  app.post('/:id/paper/entries', staff, async (c) => {
    const body = await readJson(c.req.raw, PaperEntry);
    const { campaign, definition, units, groupName } = await context(c.get('campaign'));
    await requireEntryAllowed(campaign);
    const { serial, ...printed } = await printedSerial(campaign.id, body.serial);
    if (printed.entered) throw serialUsed();
    const views = questionnairesFor(definition, printed.groupCode, units);
    // Exactly the online check; the submissionId of an online submit has no meaning on paper.
    requireValidAnswers(
      {
        submissionId: 'paper',
        answers: body.answers,
        comments: body.comments,
        demographics: body.demographics,
      },
      views,
      definition,
    );
    await enterPaperForm(db, {
      secret: config.secret,
      serial,
      form: {
        campaignId: campaign.id,
        groupCode: printed.groupCode,
        answers: body.answers,
        comments: body.comments,
        demographics: body.demographics,
      },
      criteria: criterionMap(definition),
      user: currentUser(c),
      ip: c.get('ip'),
    });
    // Nothing of the answers comes back: officers enter forms, they never read them.
    return c.json(
      {
        serial: formatSerial(serial),
        groupCode: printed.groupCode,
        group: groupName(printed.groupCode),
      } satisfies EntryReply,
      201,
    );
  });

  return app;
}
