import { Hono } from 'hono';
import { DefinitionBody, type DefinitionReply } from '../../contract/console/campaigns';
import { DefinitionError, loadDefinition } from '../../questionnaires';
import { audit } from '../audit/log';
import { currentUser, requireRole } from '../auth/middleware';
import type { Db } from '../db/connect';
import { ApiError } from '../errors';
import { readJson } from '../http';
import { listRosterGroups } from '../roster/queries';
import { campaignPhase } from './phase';
import {
  findDefinition,
  latestDefinitionVersion,
  listUnits,
  saveDefinition,
  updateCampaign,
} from './queries';
import { CAMPAIGN_NOT_FOUND, type CampaignEnv } from './scope';
import { checkUnitsFitDefinition } from './service';

/**
 * A campaign's definition (questionnaire wording, criteria points, method settings, group
 * assignment): readable by every role, editable by staff until the campaign opens. Each edit is
 * stored as a new version; the campaign then pins it.
 */
export function definitionRoutes(db: Db) {
  const app = new Hono<CampaignEnv>();

  app.get('/:id/definition', requireRole('admin', 'officer', 'analyst'), async (c) => {
    const campaign = c.get('campaign');
    const definition = await findDefinition(db, campaign.definitionId);
    if (!definition) throw new ApiError(404, 'not_found', CAMPAIGN_NOT_FOUND);
    return c.json({
      editable: campaignPhase(campaign) === 'not_open',
      definition,
    } satisfies DefinitionReply);
  });

  app.put('/:id/definition', requireRole('admin', 'officer'), async (c) => {
    const campaign = c.get('campaign');
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
    for (const groupCode of await listRosterGroups(db, campaign.id)) {
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
    const latest = await latestDefinitionVersion(db, next.code);
    const version = Math.max(latest, current?.version ?? 0) + 1;
    const definitionId = await saveDefinition(db, { ...next, version });
    await updateCampaign(db, campaign.id, { definitionId });
    await audit(db, {
      user: currentUser(c),
      action: 'definition_edited',
      campaignId: campaign.id,
      details: { code: next.code, version },
      ip: c.get('ip'),
    });
    const saved = (await findDefinition(db, definitionId)) ?? { ...next, version };
    return c.json({ editable: true, definition: saved } satisfies DefinitionReply);
  });

  return app;
}
