import { Hono } from 'hono';
import { DefinitionBody } from '../../contract/console/campaigns';
import { DefinitionError, loadDefinition } from '../../questionnaires';
import { audit } from '../audit/log';
import { type AuthEnv, currentUser, requireRole } from '../auth/middleware';
import type { Db } from '../db/connect';
import { ApiError } from '../errors';
import { readJson } from '../http';
import { campaignPhase } from './phase';
import { findCampaign, findDefinition, listUnits, saveDefinition } from './queries';
import { checkUnitsFitDefinition } from './service';

/**
 * A campaign's definition (questionnaire wording, criteria points, method settings, group
 * assignment): readable by every role, editable by staff until the campaign opens. Each edit is
 * stored as a new version; the campaign then pins it.
 */
export function definitionRoutes(db: Db) {
  const app = new Hono<AuthEnv>();

  app.get('/:id/definition', requireRole('admin', 'officer', 'analyst'), async (c) => {
    const campaign = await findCampaign(db, c.req.param('id'));
    const definition = campaign && (await findDefinition(db, campaign.definitionId));
    if (!campaign || !definition)
      throw new ApiError(404, 'not_found', 'Không tìm thấy đợt khảo sát.');
    return c.json({ editable: campaignPhase(campaign) === 'not_open', definition });
  });

  app.put('/:id/definition', requireRole('admin', 'officer'), async (c) => {
    const campaign = await findCampaign(db, c.req.param('id'));
    if (!campaign) throw new ApiError(404, 'not_found', 'Không tìm thấy đợt khảo sát.');
    if (campaignPhase(campaign) !== 'not_open') {
      throw new ApiError(
        409,
        'definition_fixed',
        'Đợt khảo sát đã mở: bộ câu hỏi và cách tính điểm đã được cố định.',
      );
    }
    const body = await readJson(c.req.raw, DefinitionBody);
    const current = await findDefinition(db, campaign.definitionId);
    let next: ReturnType<typeof loadDefinition>;
    try {
      next = loadDefinition(body.definition);
    } catch (err) {
      if (err instanceof DefinitionError) {
        throw new ApiError(
          422,
          'invalid_definition',
          'Định nghĩa bộ chỉ số không hợp lệ.',
          err.problems,
        );
      }
      throw err;
    }
    const units = await listUnits(db, campaign.unitSetId);
    const problems = checkUnitsFitDefinition(next, {
      code: '',
      name: '',
      validFrom: '2000-01-01',
      units,
    });
    const groups = await db
      .selectFrom('respondent')
      .select('groupCode')
      .distinct()
      .where('campaignId', '=', campaign.id)
      .execute();
    for (const { groupCode } of groups) {
      if (!next.groups.some((g) => g.code === groupCode))
        problems.push(`Nhóm "${groupCode}" đang có người trong danh sách; không thể bỏ.`);
    }
    if (problems.length > 0)
      throw new ApiError(
        422,
        'invalid_definition',
        'Định nghĩa không khớp với đợt khảo sát.',
        problems.map((message) => ({ path: '', message })),
      );
    // A new version of the same code: earlier campaigns keep pinning theirs.
    const latest = await db
      .selectFrom('definition')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('code', '=', next.code)
      .executeTakeFirst();
    const version = Math.max(Number(latest?.v ?? 0), current?.version ?? 0) + 1;
    const definitionId = await saveDefinition(db, { ...next, version });
    await db.updateTable('campaign').set({ definitionId }).where('id', '=', campaign.id).execute();
    await audit(db, {
      user: currentUser(c),
      action: 'definition_edited',
      campaignId: campaign.id,
      details: { code: next.code, version },
      ip: c.get('ip'),
    });
    return c.json({ editable: true, definition: await findDefinition(db, definitionId) });
  });

  return app;
}
