import { beforeAll, describe, expect, it } from 'vitest';
import type { SampleSize, SipasDays } from '../../../contract/console/sipas-analysis';
import { setup, signIn } from '../helpers';
import { type As, type Ctx, ELEMENTS, sipasCampaign } from './analysis-helpers';

let ctx: Ctx;
let officer: As;
let analyst: As;
let id: string;
beforeAll(async () => {
  ctx = await setup();
  officer = await signIn(ctx, 'officer');
  analyst = await signIn(ctx, 'analyst');
  id = await sipasCampaign(ctx, officer);
});

/** A sheet: every satisfaction question «Không trả lời» (X) unless given. */
const sheet = (given: Record<string, string | string[]>) => ({
  ...Object.fromEntries(ELEMENTS.map((e) => [e, 'X'])),
  ...given,
});
const post = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) });
const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string; details?: unknown } }).error;
const paper = (body: unknown, as: As = officer) =>
  as(`/api/campaigns/${id}/sipas/paper`, post(body));
const count = async (table: 'sipasForm' | 'sipasAnswer' | 'sipasComment' | 'sipasSlot') =>
  (await ctx.db.selectFrom(table).selectAll().execute()).length;

describe('POST /api/campaigns/:id/sipas/paper', () => {
  it('stores a paper form on channel paper: form, answers, comment, tallies, hour; no slot', async () => {
    const res = await paper({
      serial: 'hq-0001',
      pointId: 'p1',
      answers: sheet({
        TC1: '5',
        TC2: '4',
        ND1: 'CO',
        KENH: 'TRUC_TIEP',
        MONG_DOI: ['NOI_CHO', 'THAI_DO'],
      }),
      comment: '  Cán bộ nhiệt tình  ',
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ serial: 'HQ0001', pointId: 'p1' });
    const form = await ctx.db.selectFrom('sipasForm').selectAll().executeTakeFirstOrThrow();
    expect(form).toMatchObject({ campaignId: id, pointId: 'p1', channel: 'paper' });
    expect(await count('sipasAnswer')).toBe(21);
    expect(
      (await ctx.db.selectFrom('sipasComment').select('text').execute()).map((c) => c.text),
    ).toEqual(['Cán bộ nhiệt tình']);
    const tallies = await ctx.db
      .selectFrom('sipasTally')
      .select(['channel', 'questionId', 'option', 'n'])
      .where('campaignId', '=', id)
      .where('option', '!=', 'X')
      .orderBy('questionId')
      .orderBy('option')
      .execute();
    expect(tallies.map((t) => `${t.channel} ${t.questionId}=${t.option} ${t.n}`)).toEqual([
      'paper KENH=TRUC_TIEP 1',
      'paper MONG_DOI=NOI_CHO 1',
      'paper MONG_DOI=THAI_DO 1',
      'paper ND1=CO 1',
      'paper TC1=5 1',
      'paper TC2=4 1',
    ]);
    const hours = await ctx.db.selectFrom('sipasHour').selectAll().execute();
    expect(hours).toEqual([
      expect.objectContaining({ channel: 'paper', forms: 1, repeats: 0, satisfied: 1 }),
    ]);
    expect(await count('sipasSlot')).toBe(0);

    // A second sheet, not satisfied (a "2"), adds to the same hour.
    expect(
      (await paper({ serial: 'HQ-0002', pointId: 'p1', answers: sheet({ TC1: '2' }) })).status,
    ).toBe(201);
    const hour = await ctx.db.selectFrom('sipasHour').selectAll().executeTakeFirstOrThrow();
    expect([Number(hour.forms), Number(hour.satisfied)]).toEqual([2, 1]);
    const days = (await (await analyst(`/api/campaigns/${id}/sipas/days`)).json()) as SipasDays;
    expect(days.days).toEqual([
      expect.objectContaining({ pointId: 'p1', flags: [], figures: null }),
    ]);
  });

  it('takes a serial once per campaign, written any way', async () => {
    expect(
      (await paper({ serial: 'AB 77', pointId: 'p2', answers: sheet({ TC1: '3' }) })).status,
    ).toBe(201);
    const again = await paper({ serial: 'ab-77', pointId: 'p1', answers: sheet({ TC1: '3' }) });
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe('serial_used');
  });

  it('refuses bad answers, unknown points and serials with nothing written; officers and admins only', async () => {
    const before = await count('sipasForm');
    const cases: [unknown, number, string][] = [
      [{ serial: 'Z1', pointId: 'p1', answers: sheet({ TC1: '7' }) }, 422, 'invalid_answers'],
      [{ serial: 'Z2', pointId: 'p1', answers: sheet({ NOPE: '1' }) }, 422, 'invalid_answers'],
      [
        { serial: 'Z3', pointId: 'p1', answers: sheet({ TC1: ['4', '5'] }) },
        422,
        'invalid_answers',
      ],
      [
        {
          serial: 'Z4',
          pointId: 'p1',
          answers: sheet({ MONG_DOI: ['NOI_CHO', 'THAI_DO', 'GOP_Y', 'KHAC'] }),
        },
        422,
        'invalid_answers',
      ],
      [
        { serial: 'Z5', pointId: 'p1', answers: sheet({ KENH: ['TRUC_TIEP'] }) },
        422,
        'invalid_answers',
      ],
      [{ serial: 'Z6', pointId: 'p1', answers: { TC1: '5' } }, 422, 'invalid_answers'],
      [{ serial: 'Z7', pointId: 'nowhere', answers: sheet({ TC1: '5' }) }, 404, 'unknown_point'],
      [{ serial: 'Số 8', pointId: 'p1', answers: sheet({ TC1: '5' }) }, 422, 'invalid_serial'],
      [{ serial: 'Z9', pointId: 'p1', answers: { TC1: 5 } }, 400, 'invalid_request'],
    ];
    for (const [body, status, code] of cases) {
      const res = await paper(body);
      expect([res.status, (await errorOf(res)).code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect(await count('sipasForm')).toBe(before);
    const z1 = await ctx.db
      .selectFrom('paperSerial')
      .selectAll()
      .where('groupCode', '=', 'SIPAS')
      .execute();
    expect(z1).toHaveLength(before);
    expect(
      (await paper({ serial: 'Z10', pointId: 'p1', answers: sheet({ TC1: '5' }) }, analyst)).status,
    ).toBe(403);
    const par = await officer(
      '/api/campaigns/demo-2023/sipas/paper',
      post({ serial: 'Z11', pointId: 'p1', answers: sheet({ TC1: '5' }) }),
    );
    expect((await errorOf(par)).code).toBe('wrong_campaign_kind');
  });
});

describe('GET /api/sample-size', () => {
  it.each([
    ['N=10000&e=0.05', 385],
    ['N=10000&e=0', 10000],
    ['N=400&e=0.05', 200],
  ])('%s → %d', async (q, n) => {
    const res = await officer(`/api/sample-size?${q}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as SampleSize).n).toBe(n);
  });

  it.each([
    'N=0&e=0.05',
    'N=-5&e=0.05',
    'N=1e4&e=0.05',
    'N=100&e=1',
    'N=100&e=abc',
    'e=0.05',
    'N=100',
  ])('%s → 400 invalid_query with a Vietnamese message', async (q) => {
    const res = await analyst(`/api/sample-size?${q}`);
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('invalid_query');
  });

  it('needs a session', async () => {
    expect((await ctx.app.request('/api/sample-size?N=100&e=0.05')).status).toBe(401);
  });
});
