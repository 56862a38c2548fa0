import { beforeAll, describe, expect, it } from 'vitest';
import { CompareOptions, Comparison, type UnitComparison } from '../../../contract/console/compare';
import { builtInDefinition, builtInUnitSet, type Definition } from '../../../questionnaires';
import { ROOT_ORGANISATION } from '../../../server/db/schema';
import { addOrganisation } from '../../../server/organisations/service';
import { createRun, lockRun } from '../../../server/results/service';
import { setup, signIn } from '../helpers';
import { API, CAMPAIGN, COMMUNE, type Ctx, DISTRICT } from './helpers';
import {
  closeAt,
  csv,
  otherCampaign,
  type Request,
  submitAll,
  uploadSelfAssessment,
} from './par-helpers';

/**
 * Year over year. Five campaigns:
 * - hq-2022 (closed 31/12/2022, locked): last year's definition, where the district's criterion
 *   1.5 was called 1.9, and last year's units (Tân Quan did not exist, "xã Cũ" did). Delegates
 *   answer A about the district, office leaders B; both answer A about An Phú, B about the other
 *   communes.
 * - khac-tieu-chi (closed mid-2023, locked): no criterion code in common: never the default.
 * - chua-khoa (closed 09/2023): no locked run: never the default.
 * - demo-2023 (closed 31/12/2023, this year): everyone B, An Phú C.
 * - hq-2024 (closed now, locked): after this year: not "the previous" one.
 */
let ctx: Ctx;
let analyst: Request;
let runId = '';

function lastYear(): Definition {
  const d = structuredClone(builtInDefinition());
  d.code = 'hon-quan-2022';
  d.year = 2022;
  for (const index of d.indexes)
    for (const f of index.fields) for (const c of f.criteria) if (c.code === '1.5') c.code = '1.9';
  for (const q of d.questionnaires)
    for (const x of q.questions) if (x.criterion === '1.5') x.criterion = '1.9';
  return d;
}

function noSharedCriteria(): Definition {
  const d = structuredClone(builtInDefinition());
  d.code = 'khac-2023';
  for (const index of d.indexes)
    for (const f of index.fields) for (const c of f.criteria) c.code = `Z${c.code}`;
  for (const q of d.questionnaires) for (const x of q.questions) x.criterion = `Z${x.criterion}`;
  return d;
}

async function lockedRun(id: string) {
  const run = await createRun(ctx.db, id);
  await lockRun(ctx.db, id, run.id, null);
}

beforeAll(async () => {
  ctx = await setup();
  analyst = await signIn(ctx, 'analyst');

  const units = structuredClone(builtInUnitSet());
  units.code = 'hon-quan-2022';
  units.units = units.units.filter((u) => u.code !== 'X-TANQUAN');
  units.units.push({
    code: 'X-CU',
    name: 'UBND xã Cũ',
    kind: 'xa',
    parentCode: DISTRICT,
    officialCode: null,
    area: null,
  });
  await otherCampaign(ctx, 'hq-2022', { definition: lastYear(), unitSet: units });
  await submitAll(ctx, 'hq-2022', 'HDND_HUYEN', (a) =>
    a.questionnaireId === 'P01' || a.unitCode === COMMUNE ? 'A' : 'B',
  );
  await submitAll(ctx, 'hq-2022', 'LD_CQCM_HUYEN', (a) => (a.unitCode === COMMUNE ? 'A' : 'B'));
  await closeAt(ctx, 'hq-2022', '2022-12-31T10:00:00.000Z');
  const previous = csv(['Mã đơn vị,Điểm', '694,55', 'X-ANPHU,70', 'X-MINHTAM,75']);
  expect((await uploadSelfAssessment(analyst, 'hq-2022', previous)).status).toBe(201);
  await lockedRun('hq-2022');

  await otherCampaign(ctx, 'khac-tieu-chi', { definition: noSharedCriteria(), people: false });
  await closeAt(ctx, 'khac-tieu-chi', '2023-06-30T10:00:00.000Z');
  await lockedRun('khac-tieu-chi');
  await otherCampaign(ctx, 'chua-khoa', { people: false });
  await closeAt(ctx, 'chua-khoa', '2023-09-30T10:00:00.000Z');
  await createRun(ctx.db, 'chua-khoa');

  await submitAll(ctx, CAMPAIGN, 'HDND_HUYEN', (a) => (a.unitCode === COMMUNE ? 'C' : 'B'));
  await submitAll(ctx, CAMPAIGN, 'LD_CQCM_HUYEN', (a) => (a.unitCode === COMMUNE ? 'C' : 'B'));
  await closeAt(ctx, CAMPAIGN, '2023-12-31T10:00:00.000Z');
  const current = csv(['Mã đơn vị,Điểm', '694,60.50', 'X-ANPHU,77', 'X-MINHTAM,70.255']);
  expect((await uploadSelfAssessment(analyst, CAMPAIGN, current)).status).toBe(201);
  const res = await analyst(`${API}/runs`, { method: 'POST' });
  runId = ((await res.json()) as { method: { runId: string } }).method.runId;

  await otherCampaign(ctx, 'hq-2024', { people: false });
  await closeAt(ctx, 'hq-2024', new Date(Date.now() - 1000).toISOString());
  await lockedRun('hq-2024');
});

const compare = (query = '') => analyst(`${API}/runs/${runId}/compare${query}`);
const unit = (c: Comparison, code: string) =>
  c.units.find((u) => u.code === code) as UnitComparison;

describe('comparing a run with the previous campaign', () => {
  it('picks the most recent earlier closed campaign with a locked run and shared criteria', async () => {
    const res = await compare();
    expect(res.status).toBe(200);
    const body = await res.json();
    // The answer is what contract/console/compare.ts (and /api/openapi.json) says, field for field.
    const c = Comparison.parse(body);
    expect(c).toEqual(body);
    expect(c.current).toMatchObject({ campaign: { id: CAMPAIGN }, runId, locked: false });
    expect(c.previous).toMatchObject({
      campaign: { id: 'hq-2022' },
      definitionCode: 'hon-quan-2022',
      locked: true,
      selfAssessmentImportedAt: expect.any(String),
    });
    expect(c.criteria.currentOnly).toEqual(['1.5']);
    expect(c.criteria.previousOnly).toEqual(['1.9']);
    // 30 district and 12 commune criteria, one renamed.
    expect(c.criteria.shared).toHaveLength(41);
  });

  it('puts each unit (by code) next to last year: scores, PAR index, ranks and their changes, exactly', async () => {
    const c = (await (await compare()).json()) as Comparison;
    // The district last year: delegates A, leaders B. Criteria both ask (13.50 points) 0.8,
    // delegates' only (7.00) 1, leaders' only (9.50) 0.6: 10.80 + 7.00 + 5.70 = 23.50; this year
    // all B: 0.6 × 30 = 18.00. PAR: 55 + 23.50 = 78.50 then, 60.50 + 18.00 = 78.50 now.
    expect(unit(c, DISTRICT)).toMatchObject({
      presence: 'both',
      current: { surveyScore: 18, surveyPercent: 60, parIndex: 78.5, rank: 1, parRank: 1 },
      previous: { surveyScore: 23.5, surveyPercent: 78.33, parIndex: 78.5, rank: 1, parRank: 1 },
      change: { surveyScore: -5.5, surveyPercent: -18.33, parIndex: 0, rank: 0, parRank: 0 },
    });
    // An Phú: all A last year (20.00, first of 13; 70 + 20 = 90.00, first), all C now (0.2 × 20
    // = 4.00, 13th of 13; 77 + 4 = 81.00, second behind Minh Tâm): 12 and 1 places down.
    expect(unit(c, COMMUNE)).toMatchObject({
      current: { surveyScore: 4, parIndex: 81, rank: 13, parRank: 2 },
      previous: { surveyScore: 20, parIndex: 90, rank: 1, parRank: 1 },
      change: { surveyScore: -16, surveyPercent: -80, parIndex: -9, rank: -12, parRank: -1 },
    });
    // Minh Tâm: 12.00 both years, second then (behind An Phú), first now (12 communes tie);
    // 75 + 12 = 87.00 then, 70.255 + 12 = 82.255 → 82.26 now: 82.26 − 87.00 = −4.74.
    expect(unit(c, 'X-MINHTAM')).toMatchObject({
      current: { surveyScore: 12, parIndex: 82.26, rank: 1, parRank: 1 },
      previous: { surveyScore: 12, parIndex: 87, rank: 2, parRank: 2 },
      change: { surveyScore: 0, parIndex: -4.74, rank: 1, parRank: 1 },
    });
    // No self-assessment on either side: no PAR index, no PAR rank, no change in them.
    expect(unit(c, 'X-TANHUNG')).toMatchObject({
      current: { parIndex: null, parRank: null, rank: 1 },
      change: { parIndex: null, parRank: null, rank: 1 },
    });
  });

  it('lists units and criteria found on one side only as such', async () => {
    const c = (await (await compare()).json()) as Comparison;
    expect(unit(c, 'X-TANQUAN')).toMatchObject({
      presence: 'current_only',
      previous: null,
      change: { surveyScore: null, parIndex: null, rank: null, parRank: null },
    });
    expect(unit(c, 'X-CU')).toMatchObject({
      name: 'UBND xã Cũ',
      presence: 'previous_only',
      current: null,
      previous: { surveyScore: 12, rank: 2 },
    });
    expect(c.units.map((u) => u.code).slice(-1)).toEqual(['X-CU']);
    expect(c.units).toHaveLength(15);

    const criteria = unit(c, DISTRICT).criteria;
    // 1.1 (max 1.00): both groups ask it. Last year (1 + 0.6) / 2 = 0.8 → 0.80, now 0.60.
    expect(criteria.find((x) => x.code === '1.1')).toEqual({
      code: '1.1',
      presence: 'both',
      current: { score: 0.6, max: 1, ratio: 0.6, noData: false },
      previous: { score: 0.8, max: 1, ratio: 0.8, noData: false },
      scoreChange: -0.2,
      maxChanged: false,
    });
    expect(criteria.find((x) => x.code === '1.5')).toMatchObject({
      presence: 'current_only',
      previous: null,
      scoreChange: null,
    });
    expect(criteria.find((x) => x.code === '1.9')).toMatchObject({
      presence: 'previous_only',
      current: null,
      previous: { score: 0.3 },
    });
    expect(criteria.at(-1)?.code).toBe('1.9');
    expect(unit(c, 'X-TANQUAN').criteria.every((x) => x.presence === 'current_only')).toBe(true);
  });

  it('compares with the campaign given, if it is closed and has a locked run', async () => {
    const later = (await (await compare('?with=hq-2024')).json()) as Comparison;
    expect(later.previous.campaign.id).toBe('hq-2024');
    // Nobody answered in hq-2024: its units have no data, so no rank to compare.
    expect(unit(later, COMMUNE)).toMatchObject({ previous: { noData: true, rank: null } });
    expect(unit(later, COMMUNE).change.rank).toBeNull();

    const errors: [string, number, string][] = [
      ['?with=chua-khoa', 409, 'no_locked_run'],
      [`?with=${CAMPAIGN}`, 422, 'same_campaign'],
      ['?with=khong-co', 404, 'not_found'],
    ];
    for (const [query, status, code] of errors) {
      const res = await compare(query);
      expect(res.status, query).toBe(status);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    }
  });

  it('says so when there is no earlier campaign to compare with', async () => {
    const first = await ctx.db
      .selectFrom('scoringRun')
      .select('id')
      .where('campaignId', '=', 'hq-2022')
      .executeTakeFirstOrThrow();
    const res = await analyst(`/api/campaigns/hq-2022/runs/${first.id}/compare`);
    expect(res.status).toBe(404);
    const error = ((await res.json()) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('no_previous_campaign');
    // Words for an officer, not a query parameter (issue #13.11).
    expect(error.message).not.toContain('with');
    expect((await compare()).status).toBe(200);
    expect((await analyst(`${API}/runs/khong-co/compare`)).status).toBe(404);
  });

  it('lists what the console may compare with, so that it never asks for a 404 or 409 (issue #13.16)', async () => {
    const res = await analyst(`${API}/runs/${runId}/compare-options`);
    expect(res.status).toBe(200);
    const body = CompareOptions.parse(await res.json());
    // Every other closed campaign, newest first; one without a locked run is offered as not
    // comparable, with the reason in words.
    expect(body.choices.map((c) => [c.id, c.comparable, c.why])).toEqual([
      ['hq-2024', true, null],
      ['chua-khoa', false, 'chưa có kết quả đã khóa để công bố'],
      ['khac-tieu-chi', true, null],
      ['hq-2022', true, null],
    ]);
    expect(body.defaultId).toBe('hq-2022');
    // The first season: nothing closed before it, so no default, and the console does not ask
    // for the comparison; the later campaigns can still be chosen.
    const first = await ctx.db
      .selectFrom('scoringRun')
      .select('id')
      .where('campaignId', '=', 'hq-2022')
      .executeTakeFirstOrThrow();
    const none = CompareOptions.parse(
      await (await analyst(`/api/campaigns/hq-2022/runs/${first.id}/compare-options`)).json(),
    );
    expect(none.defaultId).toBe(null);
    expect(none.choices.map((c) => c.id)).toContain(CAMPAIGN);
    expect((await analyst(`${API}/runs/khong-co/compare-options`)).status).toBe(404);
  });

  it('is for analysts and admins only', async () => {
    const officer = await signIn(ctx, 'officer');
    const admin = await signIn(ctx, 'admin');
    expect((await officer(`${API}/runs/${runId}/compare`)).status).toBe(403);
    expect((await admin(`${API}/runs/${runId}/compare`)).status).toBe(200);
    expect((await ctx.app.request(`${API}/runs/${runId}/compare`)).status).toBe(401);
  });
});

describe('comparing across organisations (issue #12)', () => {
  it('offers only campaigns of the account’s subtree: another organisation’s is as unknown', async () => {
    const add = (name: string) => addOrganisation(ctx.db, { name, parentId: ROOT_ORGANISATION });
    const [mine, theirs] = [await add('Huyện Hớn Quản'), await add('Huyện khác')];
    const move = (id: string, organisationId: string) =>
      ctx.db.updateTable('campaign').set({ organisationId }).where('id', '=', id).execute();
    await move(CAMPAIGN, mine.id);
    await move('hq-2022', theirs.id);
    const before = new Set(
      (await ctx.db.selectFrom('user').select('id').execute()).map((u) => u.id),
    );
    const local = await signIn(ctx, 'analyst');
    const made = (await ctx.db.selectFrom('user').select('id').execute()).filter(
      (u) => !before.has(u.id),
    );
    expect(made).toHaveLength(1);
    await ctx.db
      .updateTable('user')
      .set({ organisationId: mine.id })
      .where('id', '=', made[0]?.id ?? '')
      .execute();
    try {
      const ask = (query = '') => local(`${API}/runs/${runId}/compare${query}`);
      // Last year's campaign is another district's now: not the default, not reachable by id.
      const plain = await ask();
      expect(plain.status).toBe(404);
      expect(((await plain.json()) as { error: { code: string } }).error.code).toBe(
        'no_previous_campaign',
      );
      const named = await ask('?with=hq-2022');
      expect(named.status).toBe(404);
      expect(await named.text()).toBe(await (await ask('?with=khong-co')).text());
      // The root's analyst still compares with it.
      expect((await compare()).status).toBe(200);
    } finally {
      await move(CAMPAIGN, ROOT_ORGANISATION);
      await move('hq-2022', ROOT_ORGANISATION);
    }
  });
});
