import { beforeEach, describe, expect, it } from 'vitest';
import type { SipasDays, SipasRun, SipasRunList } from '../../../contract/console/sipas-analysis';
import { setCampaignOpen } from '../../../server/campaigns/service';
import { setup, signIn } from '../helpers';
import { type As, type Ctx, outsider, plant, plantSeason, sipasCampaign } from './analysis-helpers';

let ctx: Ctx;
let analyst: As;
let officer: As;
let id: string;
beforeEach(async () => {
  ctx = await setup();
  analyst = await signIn(ctx, 'analyst');
  officer = await signIn(ctx, 'officer');
  id = await sipasCampaign(ctx, officer);
  await plantSeason(ctx, id);
});

const post = (body?: unknown): RequestInit => ({
  method: 'POST',
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});
const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string; message: string } }).error;
const close = () => setCampaignOpen(ctx.db, id, false);
async function days() {
  const res = await analyst(`/api/campaigns/${id}/sipas/days`);
  expect(res.status).toBe(200);
  return (await res.json()) as SipasDays;
}
async function newRun(body?: unknown) {
  const res = await analyst(`/api/campaigns/${id}/sipas/runs`, post(body));
  expect(res.status).toBe(201);
  return (await res.json()) as SipasRun;
}
const unit = (run: SipasRun, code: string) => run.units.find((u) => u.unitCode === code);

describe('GET /api/campaigns/:id/sipas/days', () => {
  it('flags the planted burst, the closed day, hides the small cell; no share satisfied while open', async () => {
    const open = await days();
    expect(open.closed).toBe(false);
    expect(open.points.map((p) => [p.id, p.unitCode])).toEqual([
      ['p1', 'X-ANPHU'],
      ['p2', 'X-MINHTAM'],
    ]);
    expect(open.days.map((d) => [d.pointId, d.day, d.flags])).toEqual([
      ['p1', '2026-03-02', ['burst', 'full_day']],
      ['p1', '2026-03-03', []],
      ['p2', '2026-03-03', []],
      ['p2', '2026-03-08', ['outside_hours']],
    ]);
    expect(open.days[1]?.figures).toEqual({
      forms: 10,
      poster: 8,
      code: 2,
      paper: 0,
      satisfiedPercent: null,
      codePercent: '20.00',
    });
    // 3 forms < k = 5: no figure at all.
    expect(open.days[2]?.figures).toBeNull();
    expect(open.minCellSize).toBe(5);

    await close();
    const closed = await days();
    expect(closed.days.map((d) => d.figures?.satisfiedPercent ?? null)).toEqual([
      '100.00',
      '60.00',
      null,
      '0.00',
    ]);
  });

  it('19 forms in a slot is no burst, 20 is', async () => {
    await plant(ctx, id, 'p2', '2026-03-04T08:00', 19, '3');
    expect((await days()).days.find((d) => d.day === '2026-03-04')?.flags).toEqual([]);
    await plant(ctx, id, 'p2', '2026-03-04T08:00', 1, '3');
    expect((await days()).days.find((d) => d.day === '2026-03-04')?.flags).toEqual(['burst']);
  });

  it('analysts and admins read it; an officer does not; another organisation gets 404; a PAR campaign 409', async () => {
    expect((await officer(`/api/campaigns/${id}/sipas/days`)).status).toBe(403);
    const admin = await signIn(ctx, 'admin');
    expect((await admin(`/api/campaigns/${id}/sipas/days`)).status).toBe(200);
    const other = await outsider(ctx);
    const res = await other(`/api/campaigns/${id}/sipas/days`);
    expect(res.status).toBe(404);
    const unknown = await other('/api/campaigns/no-such-campaign/sipas/days');
    expect(await res.text()).toBe(await unknown.text());
    const par = await analyst('/api/campaigns/demo-2023/sipas/days');
    expect(par.status).toBe(409);
    expect((await errorOf(par)).code).toBe('wrong_campaign_kind');
  });
});

describe('SIPAS runs', () => {
  it('are refused while the campaign is open', async () => {
    const res = await analyst(`/api/campaigns/${id}/sipas/runs`, post());
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe('campaign_open');
  });

  it('with every day and without the flagged days give the hand-computed numbers and say so', async () => {
    await close();
    // Every day. An Phú: 40 forms, 30 + 6 satisfied on each of the 17 elements → 90 %.
    // Minh Tâm: 9 forms, none satisfied → 0 %.
    const all = await newRun();
    expect(all.official).toBe(true);
    expect(unit(all, 'X-ANPHU')).toMatchObject({
      percent: '90.00',
      exact: '9/10',
      // 2 code forms < k: the channel split is merged (docs/anonymity.md §5).
      forms: { poster: null, code: null, paper: null, total: 40 },
    });
    expect(unit(all, 'X-ANPHU')?.aspects.map((a) => a.percent)).toEqual([
      '90.00',
      '90.00',
      '90.00',
      '90.00',
      '90.00',
    ]);
    expect(unit(all, 'X-MINHTAM')).toMatchObject({ percent: '0.00', forms: { total: 9 } });
    expect(all.units.map((u) => u.unitCode)).toEqual(['X-ANPHU', 'X-MINHTAM']);
    expect(all.method.excluded).toEqual([]);
    expect(all.method.text).toContain('không bỏ ngày nào');
    // It counted the flagged days and says which (qa7): nobody reads «không bỏ ngày nào» as clean.
    expect(all.method.text).toContain(
      'kể cả 2 ngày có dấu hiệu bất thường: Bộ phận Một cửa xã An Phú, 02/03/2026 (Dồn dập, 100% hài lòng (trực tuyến)); Bộ phận Một cửa xã Minh Tâm, 08/03/2026 (Ngoài giờ làm việc).',
    );
    expect(all.method.flaggedIncluded).toEqual([
      { pointId: 'p1', day: '2026-03-02', flags: ['burst', 'full_day'] },
      { pointId: 'p2', day: '2026-03-08', flags: ['outside_hours'] },
    ]);
    expect(all.method.text).toContain('49 phiếu');

    // Without flagged days: An Phú keeps Tuesday only, 6 of 10 → 60 %; Minh Tâm keeps its 3.
    const clean = await newRun({ excludeFlagged: true, trial: true });
    expect(clean.official).toBe(false);
    expect(unit(clean, 'X-ANPHU')).toMatchObject({ percent: '60.00', forms: { total: 10 } });
    // 3 forms < k = 5: withheld.
    expect(unit(clean, 'X-MINHTAM')).toMatchObject({ withheld: true, percent: null, forms: null });
    expect(clean.method.excluded).toEqual([
      { pointId: 'p1', day: '2026-03-02', flags: ['burst', 'full_day'] },
      { pointId: 'p2', day: '2026-03-08', flags: ['outside_hours'] },
    ]);
    expect(clean.method.text).toContain('Lần tính thử nghiệm');
    expect(clean.method.text).toContain(
      'Bộ phận Một cửa xã An Phú, 02/03/2026 (Dồn dập, 100% hài lòng (trực tuyến))',
    );
    expect(clean.method.text).toContain(
      'Bộ phận Một cửa xã Minh Tâm, 08/03/2026 (Ngoài giờ làm việc)',
    );

    // An official run without flagged days, plus a day named by hand.
    const named = await newRun({
      excludeFlagged: true,
      excludeDays: [{ pointId: 'p2', day: '2026-03-03' }],
    });
    expect(named.official).toBe(true);
    expect(unit(named, 'X-MINHTAM')).toMatchObject({ withheld: true, percent: null, forms: null });
    expect(named.method.text).toContain('08/03/2026');
    expect(named.method.text).toContain('03/03/2026 (không có dấu hiệu, bỏ theo lựa chọn)');
    expect(named.method.text).not.toContain('kể cả');
    expect(named.method.flaggedIncluded).toEqual([]);

    const list = (await (await analyst(`/api/campaigns/${id}/sipas/runs`)).json()) as SipasRunList;
    expect(list.runs.map((r) => [r.official, r.excludedDays, r.forms, r.current])).toEqual([
      [true, 3, 10, true],
      [false, 2, 13, true],
      [true, 0, 49, true],
    ]);
    const one = await analyst(`/api/campaigns/${id}/sipas/runs/${clean.id}`);
    expect(((await one.json()) as SipasRun).units).toEqual(clean.units);
    const audited = await ctx.db
      .selectFrom('auditLog')
      .select('details')
      .where('action', '=', 'sipas_run_created')
      .where('campaignId', '=', id)
      .execute();
    expect(audited.map((a) => JSON.parse(a.details ?? '{}').excludedDays).sort()).toEqual([
      0, 2, 3,
    ]);
  });

  it('refuses an excluded day at a point the campaign does not have, and a bad body', async () => {
    await close();
    const res = await analyst(
      `/api/campaigns/${id}/sipas/runs`,
      post({ excludeDays: [{ pointId: 'nope', day: '2026-03-02' }] }),
    );
    expect(res.status).toBe(422);
    expect((await errorOf(res)).code).toBe('unknown_point');
    const bad = await analyst(`/api/campaigns/${id}/sipas/runs`, post({ excludeDays: 'all' }));
    expect(bad.status).toBe(400);
    const day = await analyst(
      `/api/campaigns/${id}/sipas/runs`,
      post({ excludeDays: [{ pointId: 'p1', day: '2/3/2026' }] }),
    );
    expect(day.status).toBe(400);
    expect(await ctx.db.selectFrom('sipasRun').selectAll().execute()).toEqual([]);
  });

  it('lock: official only, once, and only while its counts are the campaign’s', async () => {
    await close();
    const trial = await newRun({ trial: true });
    const lock = (run: string) => analyst(`/api/campaigns/${id}/sipas/runs/${run}/lock`, post());
    const t = await lock(trial.id);
    expect(t.status).toBe(409);
    expect((await errorOf(t)).code).toBe('trial_run');

    const stale = await newRun();
    await plant(ctx, id, 'p1', '2026-03-05T09:00', 1, '5');
    const s = await lock(stale.id);
    expect(s.status).toBe(409);
    expect((await errorOf(s)).code).toBe('stale_run');

    const run = await newRun();
    const ok = await lock(run.id);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as SipasRun).lockedAt).not.toBeNull();
    expect((await errorOf(await lock(run.id))).code).toBe('already_locked');
    expect((await officer(`/api/campaigns/${id}/sipas/runs/${run.id}/lock`, post())).status).toBe(
      403,
    );
    expect((await analyst(`/api/campaigns/${id}/sipas/runs/nope`)).status).toBe(404);
  });
});

describe('a SIPAS run withholds small groups (docs/anonymity.md §5)', () => {
  it('gives no figure of a unit with fewer than k forms, and no channel split with a channel under k', async () => {
    await close();
    // Without the flagged days Minh Tâm keeps 3 forms (< k = 5); An Phú 10, of which 2 by code.
    const run = await newRun({ excludeFlagged: true });
    expect(run.method.minCellSize).toBe(5);
    expect(unit(run, 'X-MINHTAM')).toEqual({
      unitCode: 'X-MINHTAM',
      unitName: expect.any(String),
      withheld: true,
      forms: null,
      percent: null,
      exact: null,
      aspects: [],
    });
    // An Phú is shown, but its 2 code forms (< k) would single people out: the split is merged.
    expect(unit(run, 'X-ANPHU')).toMatchObject({
      withheld: false,
      percent: '60.00',
      forms: { total: 10, poster: null, code: null, paper: null },
    });
    // Every day: An Phú 40 = 38 poster + 2 code → still merged; Minh Tâm 9 = 9 poster + 0 → shown.
    const all = await newRun({ trial: true });
    expect(unit(all, 'X-ANPHU')?.forms).toEqual({
      total: 40,
      poster: null,
      code: null,
      paper: null,
    });
    expect(unit(all, 'X-MINHTAM')?.forms).toEqual({ total: 9, poster: 9, code: 0, paper: 0 });
    // What is stored holds no hidden figure either.
    const stored = await ctx.db
      .selectFrom('sipasRun')
      .select('body')
      .where('id', '=', run.id)
      .executeTakeFirstOrThrow();
    const body = JSON.parse(stored.body) as SipasRun;
    expect(body.units.find((u) => u.unitCode === 'X-MINHTAM')).toMatchObject({
      forms: null,
      aspects: [],
    });
    expect(run.method.text).toContain('dưới 5 phiếu');
  });

  it('withholds a unit when the run leaves out one of its days with fewer than k forms', async () => {
    await close();
    // Minh Tâm: every day 9 forms; without Tuesday's 3, 6 forms (≥ k) are left — but set beside
    // the official run, the difference would show those 3 people's answers.
    const run = await newRun({ excludeDays: [{ pointId: 'p2', day: '2026-03-03' }], trial: true });
    expect(unit(run, 'X-MINHTAM')).toMatchObject({ withheld: true, forms: null, percent: null });
    // Leaving out An Phú's Monday (30 forms ≥ k) keeps An Phú shown.
    const monday = await newRun({
      excludeDays: [{ pointId: 'p1', day: '2026-03-02' }],
      trial: true,
    });
    expect(unit(monday, 'X-ANPHU')).toMatchObject({ withheld: false, percent: '60.00' });
    expect(unit(monday, 'X-MINHTAM')).toMatchObject({ withheld: false, percent: '0.00' });
  });
});
