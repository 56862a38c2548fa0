import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ResultsDocument } from '../../../contract/results';
import { submissionsFingerprint } from '../../../server/results/queries';
import { createRun, lockRun } from '../../../server/results/service';
import { setup, signIn } from '../helpers';
import {
  API,
  CAMPAIGN,
  COMMUNE,
  type Ctx,
  closeCampaign,
  criterionOf,
  DISTRICT,
  expectedFingerprint,
  groupCriterion,
  reopenCampaign,
  submitForms,
  unitOf,
} from './helpers';

let ctx: Ctx;
let analyst: Awaited<ReturnType<typeof signIn>>;
beforeEach(async () => {
  ctx = await setup();
  analyst = await signIn(ctx, 'analyst');
});

const post = (body?: unknown): RequestInit => ({
  method: 'POST',
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});
const errorCode = async (res: Response) =>
  ((await res.json()) as { error: { code: string; message: string } }).error;

async function newRun(body?: unknown): Promise<ResultsDocument> {
  const res = await analyst(`${API}/runs`, post(body));
  expect(res.status).toBe(201);
  return (await res.json()) as ResultsDocument;
}

/** 3 delegates answer all A, 3 office leaders all B; the campaign is closed. */
async function delegatesAndLeaders() {
  await submitForms(ctx, 'HDND_HUYEN', 'A', 3);
  await submitForms(ctx, 'LD_CQCM_HUYEN', 'B', 3);
  await closeCampaign(ctx);
}

describe('a scoring run', () => {
  it('gives the hand-computed numbers (EQUAL_GROUP, YB4)', async () => {
    await delegatesAndLeaders();
    const doc = await newRun();
    expect(doc.method).toMatchObject({
      profile: 'YB4',
      weighting: 'EQUAL_GROUP',
      emptyCriterion: 'ZERO',
      minCellSize: 3,
      definitionVersion: 1,
      official: true,
      trial: false,
      locked: false,
    });
    expect(doc.submissionCount).toBe(6);
    const district = unitOf(doc, DISTRICT);
    // 1.1 (max 1.00): delegates (1 + 1 + 1) / 3 = 1, leaders 3 × 0.60 / 3 = 0.6 → R = 0.8.
    expect(criterionOf(district, '1.1')).toEqual({
      code: '1.1',
      score: 0.8,
      max: 1,
      ratio: 0.8,
      nValid: 6,
      nExcluded: 0,
      noData: false,
    });
    expect(groupCriterion(district, 'HDND_HUYEN', '1.1')).toEqual({
      code: '1.1',
      nForms: 3,
      ratio: 1,
    });
    expect(groupCriterion(district, 'LD_CQCM_HUYEN', '1.1')).toEqual({
      code: '1.1',
      nForms: 3,
      ratio: 0.6,
    });
    // 3.2 (max 1.50): leaders ask it twice (P02 q8, q9), delegates once → still 0.8 → 1.20.
    expect(criterionOf(district, '3.2')).toMatchObject({ score: 1.2, ratio: 0.8, nValid: 9 });
    // 1.2 (max 0.50) only delegates of these two groups ask: R = 1 → 0.50.
    expect(criterionOf(district, '1.2')).toMatchObject({ score: 0.5, ratio: 1, nValid: 3 });
    // A commune rated by both groups in Phiếu 05: X1.1 (max 2.00) → 0.8 × 2 = 1.60.
    expect(criterionOf(unitOf(doc, COMMUNE), 'X1.1')).toMatchObject({ score: 1.6, ratio: 0.8 });
    // Every unit of both indexes is listed: the district and 13 communes and towns.
    expect(doc.units.map((u) => u.index)).toEqual(['HUYEN', ...Array(13).fill('XA')]);
  });

  it('gives the same fingerprint and numbers on the same data, and the fingerprint is the hash of the sorted content hashes', async () => {
    await delegatesAndLeaders();
    const first = await newRun();
    const second = await newRun();
    expect(second.method.runId).not.toBe(first.method.runId);
    expect(second.fingerprint).toBe(first.fingerprint);
    expect(second.units).toEqual(first.units);
    expect(JSON.stringify(second.units)).toBe(JSON.stringify(first.units));
    expect(first.fingerprint).toBe(await expectedFingerprint(ctx));
    expect(first.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    // Read page by page, the hash is the same whatever the page size.
    for (const pageSize of [1, 2, 5, 6])
      expect(await submissionsFingerprint(ctx.db, CAMPAIGN, pageSize)).toEqual({
        fingerprint: first.fingerprint,
        count: 6,
      });
  });

  it('fingerprints no submission as the hash of nothing', async () => {
    expect(await submissionsFingerprint(ctx.db, CAMPAIGN)).toEqual({
      fingerprint: createHash('sha256').update('').digest('hex'),
      count: 0,
    });
  });

  it('changes the fingerprint when a form arrives, and refuses to lock the older run', async () => {
    await delegatesAndLeaders();
    const old = await newRun();
    await reopenCampaign(ctx);
    await submitForms(ctx, 'HDND_HUYEN', 'D', 1);
    await closeCampaign(ctx);
    const fresh = await newRun();
    expect(fresh.fingerprint).not.toBe(old.fingerprint);
    expect(fresh.submissionCount).toBe(7);
    // Delegates now (1 + 1 + 1 + 0) / 4 = 0.75, leaders 0.6 → 0.675 → 0.68 (half-up).
    expect(criterionOf(unitOf(fresh, DISTRICT), '1.1')).toMatchObject({
      score: 0.68,
      ratio: 0.675,
    });

    const refused = await analyst(`${API}/runs/${old.method.runId}/lock`, post());
    expect(refused.status).toBe(409);
    expect((await errorCode(refused)).code).toBe('stale_run');

    const locked = await analyst(`${API}/runs/${fresh.method.runId}/lock`, post());
    expect(locked.status).toBe(200);
    expect(((await locked.json()) as ResultsDocument).method.locked).toBe(true);
    const again = await analyst(`${API}/runs/${fresh.method.runId}/lock`, post());
    expect((await errorCode(again)).code).toBe('already_locked');

    const list = (await (await analyst(`${API}/runs`)).json()) as {
      fingerprint: string;
      runs: { id: string; current: boolean; locked: boolean; lockedBy: string | null }[];
    };
    expect(list.fingerprint).toBe(fresh.fingerprint);
    expect(list.runs.map((r) => [r.id, r.current, r.locked])).toEqual([
      [fresh.method.runId, true, true],
      [old.method.runId, false, false],
    ]);
    expect(list.runs[0]?.lockedBy).toMatch(/^analyst-/);
    const actions = (
      await ctx.db
        .selectFrom('auditLog')
        .select('action')
        .where('campaignId', '=', CAMPAIGN)
        .execute()
    ).map((a) => a.action);
    expect(actions.filter((a) => a.startsWith('scoring_run'))).toEqual([
      'scoring_run_created',
      'scoring_run_created',
      'scoring_run_locked',
    ]);
  });

  it('runs other settings as a trial, shown but never locked', async () => {
    await delegatesAndLeaders();
    const trial = await newRun({ method: { weighting: 'POOLED' } });
    expect(trial.method).toMatchObject({ weighting: 'POOLED', official: false, trial: true });
    // POOLED 3.2: delegates 3 × 1, leaders 6 × 0.6 → 6.6 / 9 = 0.7333… → 1.50 × R = 1.10.
    const c = criterionOf(unitOf(trial, DISTRICT), '3.2');
    expect(c?.score).toBe(1.1);
    expect(c?.ratio).toBeCloseTo(11 / 15, 12);
    const res = await analyst(`${API}/runs/${trial.method.runId}/lock`, post());
    expect(res.status).toBe(409);
    expect((await errorCode(res)).code).toBe('trial_run');
    expect(
      (await ctx.db.selectFrom('scoringRun').select('lockedAt').execute()).map((r) => r.lockedAt),
    ).toEqual([null]);

    // The campaign's own settings spelled out are official, not a trial.
    const same = await newRun({ method: { weighting: 'EQUAL_GROUP', scaleProfile: 'YB4' } });
    expect(same.method).toMatchObject({ official: true, trial: false });
    // A trial cannot lower the small-group threshold, nor name an unknown profile.
    for (const method of [{ minCellSize: 1 }, { scaleProfile: 'NONE' }]) {
      const bad = await analyst(`${API}/runs`, post({ method }));
      expect(bad.status).toBe(422);
      expect((await errorCode(bad)).code).toBe('invalid_method');
    }
  });

  it('weighs the groups as a trial asks (EQUAL_GROUP), and refuses a weight of 0 or an unknown group', async () => {
    await delegatesAndLeaders();
    const trial = await newRun({ method: { groupWeights: { HDND_HUYEN: '2' } } });
    expect(trial.method).toMatchObject({
      weighting: 'EQUAL_GROUP',
      groupWeights: { HDND_HUYEN: '2' },
      official: false,
      trial: true,
    });
    // 3.2: delegates' ratio 1 counts twice, leaders' 0.6 once → 2.6 / 3 = 13/15 → 1.50 × R = 1.30.
    const c = criterionOf(unitOf(trial, DISTRICT), '3.2');
    expect(c?.ratio).toBeCloseTo(13 / 15, 12);
    expect(c?.score).toBe(1.3);
    for (const groupWeights of [{ HDND_HUYEN: '0' }, { NO_SUCH_GROUP: '2' }]) {
      const bad = await analyst(`${API}/runs`, post({ method: { groupWeights } }));
      expect(bad.status).toBe(422);
      expect((await errorCode(bad)).code).toBe('invalid_method');
    }
  });

  it('leaves out of a trial that regroups or rescales every unit with a group under the threshold', async () => {
    // The district: 3 delegates, 3 office leaders, 2 civil servants (hidden breakdown). The
    // communes: rated by delegates and office leaders only, 3 each (shown).
    await submitForms(ctx, 'HDND_HUYEN', 'A', 3);
    await submitForms(ctx, 'LD_CQCM_HUYEN', 'B', 3);
    await submitForms(ctx, 'CC_CQCM_HUYEN', 'D', 2);
    await closeCampaign(ctx);
    const official = await newRun();
    expect(official.withheld).toEqual([]);
    const district = unitOf(official, DISTRICT);
    expect(district?.surveyScore).toBeGreaterThan(0);
    // POOLED beside EQUAL_GROUP: two equations in the district's three group ratios, two of them
    // public enough to guess; the civil servants' would follow. So the district is left out.
    const pooled = await newRun({ method: { weighting: 'POOLED' } });
    expect(pooled.method.trial).toBe(true);
    expect(pooled.withheld).toEqual([{ code: DISTRICT, name: district?.name, index: 'HUYEN' }]);
    expect(pooled.units.map((u) => u.code)).not.toContain(DISTRICT);
    expect(unitOf(pooled, COMMUNE)?.surveyScore).toBeGreaterThan(0);
    const weighted = await newRun({ method: { groupWeights: { CC_CQCM_HUYEN: '100' } } });
    expect(weighted.withheld.map((u) => u.code)).toEqual([DISTRICT]);
    // Read back as stored.
    const again = await analyst(`${API}/runs/${weighted.method.runId}`);
    expect(((await again.json()) as ResultsDocument).withheld).toEqual(weighted.withheld);
    // Another scale is another set of coefficients: beside the official run, the two scores are
    // two equations in the group's answers, and a group of one is solved (43 of 80 answer
    // combinations for a group of one beside three forms, against 11 from the official run alone).
    const scale = await newRun({ method: { scaleProfile: 'LIN4' } });
    expect(scale.withheld.map((u) => u.code)).toEqual([DISTRICT]);
    expect(scale.units.map((u) => u.code)).not.toContain(DISTRICT);
    // The empty-criterion rule only decides criteria nobody answered: nothing left out.
    const rescale = await newRun({ method: { emptyCriterion: 'RESCALE' } });
    expect(rescale.withheld).toEqual([]);
    expect(rescale.units.map((u) => u.code)).toContain(DISTRICT);
  });

  it('reads a stored run back as it was scored', async () => {
    await delegatesAndLeaders();
    const doc = await newRun();
    const res = await analyst(`${API}/runs/${doc.method.runId}`);
    expect(await res.json()).toEqual(doc);
    expect((await analyst(`${API}/runs/no-such-run`)).status).toBe(404);
  });
});

describe('the small-group rule', () => {
  it('hides every group of a unit × criterion where one group has fewer than 3 forms, in results and distributions', async () => {
    await submitForms(ctx, 'HDND_HUYEN', 'A', 3);
    await submitForms(ctx, 'LD_CQCM_HUYEN', 'B', 2);
    await closeCampaign(ctx);
    const doc = await newRun();
    const district = unitOf(doc, DISTRICT);
    // 1.1: leaders have 2 forms → the whole breakdown is hidden, delegates' too.
    for (const group of ['HDND_HUYEN', 'LD_CQCM_HUYEN'])
      expect(groupCriterion(district, group, '1.1')).toEqual({
        code: '1.1',
        nForms: null,
        ratio: null,
      });
    // The published score still counts everyone.
    expect(criterionOf(district, '1.1')).toMatchObject({ ratio: 0.8, score: 0.8, nValid: 5 });
    // 1.2: only delegates (3 forms) answered → shown.
    expect(groupCriterion(district, 'HDND_HUYEN', '1.2')).toEqual({
      code: '1.2',
      nForms: 3,
      ratio: 1,
    });

    const res = await analyst(`${API}/runs/${doc.method.runId}/distributions`);
    expect(res.status).toBe(200);
    const { rows } = (await res.json()) as {
      rows: {
        questionnaireId: string;
        questionId: string;
        unitCode: string;
        hidden: boolean;
        counts: Record<string, number> | null;
        note: string | null;
      }[];
    };
    const row = (q: string, x: string, unit = DISTRICT) =>
      rows.find((r) => r.questionnaireId === q && r.questionId === x && r.unitCode === unit);
    // P01 q1 and P02 q1 are on 1.1: hidden. P01 q2 is on 1.2: shown, 3 × A.
    expect(row('P01', 'q1')).toMatchObject({
      hidden: true,
      counts: null,
      note: 'ẩn (dưới 3 phiếu)',
    });
    expect(row('P02', 'q1')).toMatchObject({ hidden: true, counts: null });
    expect(row('P01', 'q2')).toMatchObject({
      hidden: false,
      counts: { A: 3, B: 0, C: 0, D: 0, E: 0 },
      note: null,
    });
    // A commune: Phiếu 05 answered by both groups, leaders 2 forms → hidden as well.
    expect(row('P05', 'q1', COMMUNE)).toMatchObject({ hidden: true, counts: null });
    // Every question × unit its questionnaire rates is listed once: 4 × 1 district + 12 × 13.
    expect(rows).toHaveLength(20 + 24 + 22 + 20 + 12 * 13);
  });
});

describe('while the campaign is open', () => {
  const routes: [string, string, unknown?][] = [
    ['POST', '/runs', {}],
    ['GET', '/runs'],
    ['GET', '/runs/x'],
    ['POST', '/runs/x/lock'],
    ['GET', '/runs/x/distributions'],
    ['GET', '/runs/x/export.json'],
    ['GET', '/runs/x/export.csv'],
    ['GET', '/runs/x/export.xlsx'],
    ['GET', '/raw-answers.csv'],
    ['GET', '/raw-answers.xlsx'],
    ['GET', '/raw-answers-codebook.csv'],
    ['GET', '/comments'],
    ['PUT', '/comments/x', { text: '' }],
    ['GET', '/comments.csv'],
  ];

  it('shows no run, no score and no answer: 409 campaign_open, in Vietnamese; counts stay at /tracking', async () => {
    await submitForms(ctx, 'HDND_HUYEN', 'A', 3);
    for (const [method, path, body] of routes) {
      const res = await analyst(`${API}${path}`, {
        method,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      expect(res.status, `${method} ${path}`).toBe(409);
      const error = await errorCode(res);
      expect(error.code).toBe('campaign_open');
      expect(error.message).toMatch(/chưa kết thúc/);
    }
    expect(await ctx.db.selectFrom('scoringRun').selectAll().execute()).toEqual([]);
    await expect(createRun(ctx.db, CAMPAIGN)).rejects.toMatchObject({ code: 'campaign_open' });
    const tracking = await analyst(`${API}/tracking`);
    expect(tracking.status).toBe(200);
    expect(((await tracking.json()) as { total: { submitted: number } }).total.submitted).toBe(3);
  });

  it('refuses to lock once the campaign is reopened', async () => {
    await delegatesAndLeaders();
    const run = await createRun(ctx.db, CAMPAIGN);
    await reopenCampaign(ctx);
    await expect(lockRun(ctx.db, CAMPAIGN, run.id, null)).rejects.toMatchObject({
      code: 'campaign_open',
    });
  });
});

describe('who may', () => {
  it('keeps an officer out of every results route (403), closed campaign or not', async () => {
    await delegatesAndLeaders();
    const run = await createRun(ctx.db, CAMPAIGN);
    const officer = await signIn(ctx, 'officer');
    const admin = await signIn(ctx, 'admin');
    for (const path of [
      '/runs',
      `/runs/${run.id}`,
      `/runs/${run.id}/distributions`,
      `/runs/${run.id}/export.csv`,
      '/raw-answers.csv',
      '/comments',
      '/comments.csv',
    ]) {
      const res = await officer(`${API}${path}`);
      expect(res.status, path).toBe(403);
      expect((await errorCode(res)).code).toBe('forbidden');
      expect((await admin(`${API}${path}`)).status, path).toBe(200);
    }
    expect((await officer(`${API}/runs`, post())).status).toBe(403);
    expect((await officer(`${API}/runs/${run.id}/lock`, post())).status).toBe(403);
    expect((await ctx.app.request(`${API}/runs`)).status).toBe(401);
  });
});
