import { describe, expect, it } from 'vitest';
import type { SurveyView } from '../../../contract/respondent';
import { builtInProvinceDefinition } from '../../../questionnaires';
import { provinceUnitSet } from '../../../questionnaires/official';
import { createApp } from '../../../server/app';
import { createCampaign } from '../../../server/campaigns/service';
import { addRespondents, listLinks } from '../../../server/invitations/service';
import { freshDb } from '../../db';
import { claimLink, config, json, submissionId, withClaim } from '../helpers';

/**
 * The form submits every question × every unit (E for the units not picked): a council delegate
 * of the province with the most communes (Hồ Chí Minh City, 168) owes the most answers of any
 * respondent of the built-in definitions, and must be able to send them.
 */
describe('a council delegate of the largest province', () => {
  it('submits every answer owed: 16 × 20 departments + 12 × 168 communes', async () => {
    const db = await freshDb();
    const now = Date.now();
    await createCampaign(db, {
      id: 'hcm-2026',
      name: 'Khảo sát 2026 — TP. Hồ Chí Minh',
      definition: builtInProvinceDefinition(),
      unitSet: provinceUnitSet('79'),
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 86_400_000).toISOString(),
    });
    await addRespondents(db, config.secret, 'hcm-2026', [
      { name: 'Nguyễn Văn Đại Biểu', groupCode: 'DB_HDND_TINH' },
    ]);
    const [link] = await listLinks(db, config, 'hcm-2026', new Map());
    const token = link?.link.split('/s/')[1] ?? '';
    const app = createApp({ db, config });
    const claim = await claimLink(app, token);
    const view = (await (
      await app.request(`/api/s/${token}`, withClaim(claim))
    ).json()) as SurveyView;
    expect(view.questionnaires.map((q) => q.units.length)).toEqual([20, 168]);
    // Twelve communes picked, every other one "Không biết", as the form sends it.
    const picked = new Set(view.questionnaires[1]?.units.slice(0, 12).map((u) => u.code));
    const answers = view.questionnaires.flatMap((q) =>
      q.questions.flatMap((question) =>
        q.units.map((u) => ({
          questionnaireId: q.id,
          questionId: question.id,
          unitCode: u.code,
          option: q.id === 'P01' || picked.has(u.code) ? ('B' as const) : ('E' as const),
        })),
      ),
    );
    expect(answers).toHaveLength(16 * 20 + 12 * 168);
    const res = await app.request(
      `/api/s/${token}/submit`,
      withClaim(claim, json({ submissionId: submissionId(), answers, demographics: {} })),
    );
    expect(res.status).toBe(201);
    await db.destroy();
  });
});
