import { beforeEach, describe, expect, it } from 'vitest';
import type { SipasLinks, SipasRun } from '../../../contract/console/sipas-analysis';
import type { ResultsDocument, RunList } from '../../../contract/results';
import { setCampaignOpen } from '../../../server/campaigns/service';
import { setup, signIn } from '../helpers';
import { closeCampaign, submitForms } from '../results/helpers';
import { type As, type Ctx, outsider, plantSeason, sipasCampaign } from './analysis-helpers';

/** A locked SIPAS run into the total PAR index of the demo campaign (docs/method.md §19.5). */

let ctx: Ctx;
let analyst: As;
let sipasId: string;
const PAR = '/api/campaigns/demo-2023';

const post = (body?: unknown): RequestInit => ({
  method: 'POST',
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});
const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string; message: string } }).error;

async function sipasRun(body: unknown = {}, lock = true) {
  const res = await analyst(`/api/campaigns/${sipasId}/sipas/runs`, post(body));
  expect(res.status).toBe(201);
  const run = (await res.json()) as SipasRun;
  if (lock)
    expect(
      (await analyst(`/api/campaigns/${sipasId}/sipas/runs/${run.id}/lock`, post())).status,
    ).toBe(200);
  return run;
}
async function parRun() {
  const res = await analyst(`${PAR}/runs`, post());
  expect(res.status).toBe(201);
  return (await res.json()) as ResultsDocument;
}
const unitOf = (doc: ResultsDocument, code: string) => {
  const unit = doc.units.find((u) => u.code === code);
  if (!unit) throw new Error(`no unit ${code}`);
  return unit;
};
const link = (body: unknown) => analyst(`${PAR}/sipas-link`, post(body));

beforeEach(async () => {
  ctx = await setup();
  analyst = await signIn(ctx, 'analyst');
  const officer = await signIn(ctx, 'officer');
  sipasId = await sipasCampaign(ctx, officer);
  await plantSeason(ctx, sipasId);
  await setCampaignOpen(ctx.db, sipasId, false);
  // The PAR season: 3 delegates answer all A, 3 office leaders all B; closed; self-assessment
  // imported with fields for An Phú (LV8 6.00 of its 70.00) and a total only for Minh Tâm.
  await submitForms(ctx, 'HDND_HUYEN', 'A', 3);
  await submitForms(ctx, 'LD_CQCM_HUYEN', 'B', 3);
  await closeCampaign(ctx);
  const row = (unitCode: string, fieldCode: string, points: string) => ({
    campaignId: 'demo-2023',
    unitCode,
    fieldCode,
    points,
    importedAt: '2024-01-10T03:00:00.000Z',
    importedBy: null,
  });
  await ctx.db
    .insertInto('selfAssessment')
    .values([
      row('X-ANPHU', '', '70.00'),
      row('X-ANPHU', 'LV1', '64.00'),
      row('X-ANPHU', 'LV8', '6.00'),
      row('X-MINHTAM', '', '60.00'),
      row('X-MINHDUC', '', '65.00'),
    ])
    .execute();
});

describe('POST /api/campaigns/:parId/sipas-link', () => {
  it('puts the SIPAS index × max into the field, replacing the self-assessment, and says so on the run', async () => {
    const before = await parRun();
    const run = await sipasRun(); // An Phú 9/10, Minh Tâm 0
    const res = await link({ runId: run.id, fieldCode: 'LV8', maxPoints: '10' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      parCampaignId: 'demo-2023',
      sipasRunId: run.id,
      sipasCampaignId: sipasId,
      fieldCode: 'LV8',
      maxPoints: '10',
    });
    const after = await parRun();
    // An Phú: 70 − 6 + 9/10 × 10 = 73: the PAR index rises by exactly 3 points.
    const [a0, a1] = [unitOf(before, 'X-ANPHU'), unitOf(after, 'X-ANPHU')];
    expect(a1.total?.selfAssessment).toBe(73);
    expect(Math.round(((a1.parIndex ?? 0) - (a0.parIndex ?? 0)) * 100)).toBe(300);
    expect(a1.total?.fields).toEqual([
      { code: 'LV1', selfAssessment: 64 },
      { code: 'LV8', selfAssessment: 9, source: 'sipas' },
    ]);
    // Minh Tâm gave a total only: LV8's points cannot be taken out of it, so it is kept.
    expect(unitOf(after, 'X-MINHTAM')).toEqual(unitOf(before, 'X-MINHTAM'));
    // Minh Đức has no SIPAS point: unchanged.
    expect(unitOf(after, 'X-MINHDUC')).toEqual(unitOf(before, 'X-MINHDUC'));
    expect(after.selfAssessment?.sipas).toEqual([
      expect.objectContaining({ fieldCode: 'LV8', runId: run.id, maxPoints: '10' }),
    ]);
    expect(after.selfAssessment?.sipas?.[0]?.text).toContain(
      'Lĩnh vực LV8: điểm từ SIPAS, lần tính',
    );
    // The run made before the link no longer describes what would be published: the list
    // says so, and it cannot be locked.
    const runs = (await (await analyst(`${PAR}/runs`)).json()) as RunList;
    const listed = (id: string) => runs.runs.find((r) => r.id === id)?.selfAssessmentCurrent;
    expect([listed(before.method.runId), listed(after.method.runId)]).toEqual([false, true]);
    const stale = await analyst(`${PAR}/runs/${before.method.runId}/lock`, post());
    expect(stale.status).toBe(409);
    expect((await errorOf(stale)).code).toBe('stale_run');
    expect((await analyst(`${PAR}/runs/${after.method.runId}/lock`, post())).status).toBe(200);

    const list = (await (await analyst(`${PAR}/sipas-link`)).json()) as SipasLinks;
    expect(list.links.map((l) => l.fieldCode)).toEqual(['LV8']);
    expect((await analyst(`${PAR}/sipas-link/LV8`, { method: 'DELETE' })).status).toBe(204);
    expect((await analyst(`${PAR}/sipas-link/LV8`, { method: 'DELETE' })).status).toBe(404);
    const unlinked = await parRun();
    expect(unitOf(unlinked, 'X-ANPHU')).toEqual(unitOf(before, 'X-ANPHU'));
    expect(unlinked.selfAssessment?.sipas).toBeUndefined();
  });

  it('keeps a total-only self-assessment, and one the SIPAS points would take over 80, and says so', async () => {
    // An Phú (SIPAS 9/10) imported again as a total only: 70 + 9 would count LV8 twice.
    await ctx.db.deleteFrom('selfAssessment').where('unitCode', '=', 'X-ANPHU').execute();
    await ctx.db
      .insertInto('selfAssessment')
      .values({
        campaignId: 'demo-2023',
        unitCode: 'X-ANPHU',
        fieldCode: '',
        points: '70.00',
        importedAt: '2024-01-10T03:00:00.000Z',
        importedBy: null,
      })
      .execute();
    const before = await parRun();
    const run = await sipasRun();
    expect((await link({ runId: run.id, fieldCode: 'LV8', maxPoints: '10' })).status).toBe(200);
    const after = await parRun();
    const anPhu = unitOf(after, 'X-ANPHU');
    expect(anPhu).toEqual(unitOf(before, 'X-ANPHU'));
    expect(anPhu.total?.selfAssessment).toBe(70);
    expect((anPhu.total?.score ?? 0) - (anPhu.total?.survey ?? 0)).toBeCloseTo(70, 6);
    const words = after.selfAssessment?.sipas?.[0];
    expect(words?.kept).toEqual([
      { code: 'X-ANPHU', reason: 'total_only' },
      { code: 'X-MINHTAM', reason: 'total_only' },
    ]);
    expect(words?.text).toContain(
      'Tự đánh giá chỉ có điểm tổng, không tách được điểm lĩnh vực LV8: giữ điểm tự đánh giá: 2 đơn vị (',
    );

    // With fields LV1 78 + LV8 2 = 80 of 80: 80 − 2 + 9 = 87 would pass the maximum.
    await ctx.db.deleteFrom('selfAssessment').where('unitCode', '=', 'X-ANPHU').execute();
    const row = (fieldCode: string, points: string) => ({
      campaignId: 'demo-2023',
      unitCode: 'X-ANPHU',
      fieldCode,
      points,
      importedAt: '2024-01-10T03:00:00.000Z',
      importedBy: null,
    });
    await ctx.db
      .insertInto('selfAssessment')
      .values([row('', '80.00'), row('LV1', '78.00'), row('LV8', '2.00')])
      .execute();
    const full = unitOf(await parRun(), 'X-ANPHU');
    expect(full.total?.selfAssessment).toBe(80);
    expect(full.total?.fields).toEqual([
      { code: 'LV1', selfAssessment: 78 },
      { code: 'LV8', selfAssessment: 2 },
    ]);
    const overWords = (await parRun()).selfAssessment?.sipas?.[0];
    expect(overWords?.kept).toContainEqual({ code: 'X-ANPHU', reason: 'over_maximum' });
    expect(overWords?.text).toContain('vượt điểm tối đa');
  });

  it('a run without flagged days gives its own figure; a unit under k gets no SIPAS points', async () => {
    const before = await parRun();
    const run = await sipasRun({ excludeFlagged: true }); // An Phú 6/10; Minh Tâm 3 forms < k
    expect((await link({ runId: run.id, fieldCode: 'LV8', maxPoints: '5' })).status).toBe(200);
    const after = await parRun();
    // 70 − 6 + 6/10 × 5 = 67.
    const unit = unitOf(after, 'X-ANPHU');
    expect(unit.total?.selfAssessment).toBe(67);
    expect(unit.total?.fields).toContainEqual({ code: 'LV8', selfAssessment: 3, source: 'sipas' });
    // Minh Tâm's figure is withheld (docs/anonymity.md §5): nothing computed from it reaches
    // the total; it keeps its self-assessment, and the run says why.
    expect(unitOf(after, 'X-MINHTAM')).toEqual(unitOf(before, 'X-MINHTAM'));
    expect(after.selfAssessment?.sipas?.[0]?.text).toContain('dưới 5 phiếu');
  });

  it('takes only a locked official run, a field of the index, a sensible maximum', async () => {
    const trial = await sipasRun({ trial: true }, false);
    const open = await sipasRun({}, false);
    for (const runId of [trial.id, open.id]) {
      const res = await link({ runId, fieldCode: 'LV8', maxPoints: '10' });
      expect(res.status).toBe(409);
      expect((await errorOf(res)).code).toBe('no_locked_run');
    }
    const run = await sipasRun();
    expect((await link({ runId: 'nope', fieldCode: 'LV8', maxPoints: '10' })).status).toBe(404);
    expect((await link({ runId: run.id, fieldCode: 'LV99', maxPoints: '10' })).status).toBe(422);
    for (const maxPoints of ['0', '90', '80.0001']) {
      const res = await link({ runId: run.id, fieldCode: 'LV8', maxPoints });
      expect(res.status).toBe(422);
      expect(await errorOf(res)).toMatchObject({
        code: 'invalid_max_points',
        message:
          'Điểm tối đa của lĩnh vực LV8 phải lớn hơn 0 và không quá 70 (điểm tối đa phần tự đánh giá của chỉ số có lĩnh vực này).',
      });
    }
    expect((await link({ runId: run.id, fieldCode: 'LV8', maxPoints: '1,5' })).status).toBe(400);
    // A definition that states LV8's own self-assessment maximum (5) takes no more.
    const campaign = await ctx.db
      .selectFrom('campaign')
      .select('definitionId')
      .where('id', '=', 'demo-2023')
      .executeTakeFirstOrThrow();
    const old = await ctx.db
      .selectFrom('definition')
      .selectAll()
      .where('id', '=', campaign.definitionId)
      .executeTakeFirstOrThrow();
    const body = JSON.parse(old.body) as {
      indexes: { fields: { code: string; selfAssessmentMax?: string }[] }[];
    };
    for (const f of body.indexes.flatMap((i) => i.fields))
      if (f.code === 'LV8') f.selfAssessmentMax = '5';
    await ctx.db
      .insertInto('definition')
      .values({ ...old, id: `${old.id}-lv8`, version: old.version + 1, body: JSON.stringify(body) })
      .execute();
    await ctx.db
      .updateTable('campaign')
      .set({ definitionId: `${old.id}-lv8` })
      .where('id', '=', 'demo-2023')
      .execute();
    const capped = await link({ runId: run.id, fieldCode: 'LV8', maxPoints: '5.5' });
    expect(capped.status).toBe(422);
    expect(await errorOf(capped)).toEqual({
      code: 'invalid_max_points',
      message:
        'Điểm tối đa của lĩnh vực LV8 không quá 5 (điểm tối đa tự đánh giá của lĩnh vực này trong bộ chỉ số).',
    });
    // A PAR campaign of other units (the province's 2026 communes): no unit would take the
    // SIPAS points, the link would change nothing: refused, saying why.
    const province = await (await signIn(ctx, 'officer'))(
      '/api/campaigns',
      post({ name: 'Chỉ số CCHC 2026 — Đồng Nai', template: 'province_2026', provinceCode: '75' }),
    );
    expect(province.status).toBe(201);
    const { id: provinceId } = (await province.json()) as { id: string };
    const unfit = await analyst(
      `/api/campaigns/${provinceId}/sipas-link`,
      post({ runId: run.id, fieldCode: 'LV8', maxPoints: '10' }),
    );
    expect(unfit.status).toBe(422);
    expect(await errorOf(unfit)).toEqual({
      code: 'units_unfit',
      message:
        'Không đơn vị nào có kết quả trong lần tính SIPAS này thuộc đợt «Chỉ số CCHC 2026 — Đồng Nai» (mã đơn vị phải trùng): hãy chọn đợt Chỉ số CCHC của cùng các đơn vị.',
    });
    const wrong = await analyst(
      `/api/campaigns/${sipasId}/sipas-link`,
      post({ runId: run.id, fieldCode: 'LV8', maxPoints: '10' }),
    );
    expect(wrong.status).toBe(409);
    expect((await errorOf(wrong)).code).toBe('wrong_campaign_kind');
    expect(await ctx.db.selectFrom('sipasLink').selectAll().execute()).toEqual([]);
    const officer = await signIn(ctx, 'officer');
    expect(
      (
        await officer(
          `${PAR}/sipas-link`,
          post({ runId: run.id, fieldCode: 'LV8', maxPoints: '10' }),
        )
      ).status,
    ).toBe(403);
    const other = await outsider(ctx);
    expect(
      (await other(`${PAR}/sipas-link`, post({ runId: run.id, fieldCode: 'LV8', maxPoints: '10' })))
        .status,
    ).toBe(404);
  });
});

describe('GET /api/campaigns/:id/sipas/runs/:run names the PAR fields it feeds', () => {
  it('lists the link once made, only in campaigns the caller reaches, and none once undone', async () => {
    const run = await sipasRun();
    const view = async (as: As = analyst) => {
      const res = await as(`/api/campaigns/${sipasId}/sipas/runs/${run.id}`);
      expect(res.status).toBe(200);
      return ((await res.json()) as SipasRun).links;
    };
    expect(await view()).toEqual([]);
    expect((await link({ runId: run.id, fieldCode: 'LV8', maxPoints: '10' })).status).toBe(200);
    const demo = await ctx.db
      .selectFrom('campaign')
      .select('name')
      .where('id', '=', 'demo-2023')
      .executeTakeFirstOrThrow();
    expect(await view()).toEqual([
      {
        parCampaignId: 'demo-2023',
        parCampaignName: demo.name,
        fieldCode: 'LV8',
        maxPoints: '10',
        linkedAt: expect.any(String),
      },
    ]);
    // A commune's analyst reaches the SIPAS campaign (moved into its organisation) but not
    // the province's PAR campaign: the run names no campaign it cannot open.
    const commune = await outsider(ctx);
    const org = await ctx.db
      .selectFrom('organisation')
      .select('id')
      .where('name', '=', 'Xã Tân Hưng')
      .executeTakeFirstOrThrow();
    await ctx.db
      .updateTable('campaign')
      .set({ organisationId: org.id })
      .where('id', '=', sipasId)
      .execute();
    expect(await view(commune)).toEqual([]);
    expect((await view()).map((l) => l.fieldCode)).toEqual(['LV8']);
    expect((await analyst(`${PAR}/sipas-link/LV8`, { method: 'DELETE' })).status).toBe(204);
    expect(await view()).toEqual([]);
  });
});
