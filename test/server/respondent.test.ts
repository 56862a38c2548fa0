import { beforeEach, describe, expect, it } from 'vitest';
import type { SurveyView } from '../../contract/respondent';
import { DEMO_CAMPAIGN_ID } from '../../server/demo/demo';
import { tokenHash } from '../../server/secrets';
import { failInserts } from '../db';
import { fullAnswers, json, setup, submissionId } from './helpers';

let ctx: Awaited<ReturnType<typeof setup>>;
beforeEach(async () => {
  ctx = await setup();
});

const statusOf = async (token: string) =>
  (
    await ctx.db
      .selectFrom('invitation')
      .select('status')
      .where('id', '=', ctx.links.find((l) => l.link.endsWith(token))?.id ?? '')
      .executeTakeFirstOrThrow()
  ).status;

const count = async (
  table: 'submission' | 'answer' | 'comment' | 'demographic' | 'draft' | 'answerTally',
) =>
  Number(
    (
      await ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('GET /api/s/:token', () => {
  it('shows an office leader both questionnaires, the district and the 13 communes', async () => {
    const [token = ''] = ctx.tokens('LD_CQCM_HUYEN');
    const res = await ctx.app.request(`/api/s/${token}`);
    expect(res.status).toBe(200);
    const view = (await res.json()) as SurveyView;
    expect(view.campaign.id).toBe(DEMO_CAMPAIGN_ID);
    expect(view.campaign.contact?.phone).toBeTruthy();
    expect(view.group).toEqual({
      code: 'LD_CQCM_HUYEN',
      name: 'Lãnh đạo cơ quan chuyên môn thuộc UBND huyện',
    });
    expect(view.status).toBe('open');
    expect(view.claim).toMatch(/^[A-Za-z0-9_-]{27}$/);
    expect(view.draft).toBeNull();
    expect(
      view.questionnaires.map((q) => [q.id, q.mode, q.questions.length, q.units.length]),
    ).toEqual([
      ['P02', 'single', 24, 1],
      ['P05', 'matrix', 12, 13],
    ]);
    const q1 = view.questionnaires[0]?.questions[0];
    expect(q1?.options.map((o) => o.label)).toEqual([
      'Rất tốt',
      'Tốt',
      'Chưa tốt',
      'Kém',
      'Không biết/Không trả lời',
    ]);
    expect(view.questionnaires[1]?.units.map((u) => u.name)).toContain('UBND xã Đồng Nơ');
    expect(view.demographics.map((d) => d.key)).toEqual(['gender', 'age', 'education']);
    expect(await statusOf(token)).toBe('opened');
  });

  it('answers 404 not_found for an unknown token, in the one error envelope', async () => {
    const res = await ctx.app.request('/api/s/not-a-real-token');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: 'not_found', message: expect.stringMatching(/không hợp lệ/) },
    });
  });

  it('answers 403 not_open before the campaign opens and 410 closed after it closes', async () => {
    const [token = ''] = ctx.tokens('HDND_HUYEN');
    const future = new Date(Date.now() + 86_400_000).toISOString();
    await ctx.db.updateTable('campaign').set({ opensAt: future }).execute();
    const early = await ctx.app.request(`/api/s/${token}`);
    expect([
      early.status,
      ((await early.json()) as { error: { code: string } }).error.code,
    ]).toEqual([403, 'not_open']);
    await ctx.db
      .updateTable('campaign')
      .set({ opensAt: '2023-11-01T00:00:00.000Z', closesAt: '2023-12-31T00:00:00.000Z' })
      .execute();
    const late = await ctx.app.request(`/api/s/${token}`);
    expect([late.status, ((await late.json()) as { error: { code: string } }).error.code]).toEqual([
      410,
      'closed',
    ]);
    expect(await statusOf(token)).toBe('not_opened');
  });
});

describe('drafts', () => {
  it('keeps a draft encrypted, returns it when the link is opened again, and marks it in progress', async () => {
    const [token = ''] = ctx.tokens('HDND_HUYEN');
    const draft = {
      answers: [{ questionnaireId: 'P01', questionId: 'q1', unitCode: '694', option: 'B' }],
      comments: { P01: 'Góp ý riêng tư' },
      state: { screen: 3, known: { P05: ['X-ANPHU'] } },
    };
    const put = await ctx.respond(token, '/draft', json(draft, 'PUT'));
    expect(put.status).toBe(204);
    expect(await statusOf(token)).toBe('in_progress');
    const stored = await ctx.db.selectFrom('draft').select('ciphertext').executeTakeFirstOrThrow();
    expect(Buffer.from(stored.ciphertext, 'base64').toString('latin1')).not.toContain('P01');
    const view = (await (await ctx.respond(token)).json()) as SurveyView;
    expect(view.draft).toEqual(draft);
  });

  it('refuses a draft that is not the contract shape with 400 invalid_request', async () => {
    const [token = ''] = ctx.tokens('HDND_HUYEN');
    const res = await ctx.respond(token, '/draft', json({ answers: 'all A' }, 'PUT'));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    expect(await count('draft')).toBe(0);
  });
});

describe('POST /api/s/:token/submit', () => {
  it('stores every answer of an office leader (180) and gives a receipt; the draft is gone', async () => {
    const [token = ''] = ctx.tokens('LD_CQCM_HUYEN');
    await ctx.respond(token, '/draft', json({ answers: [] }, 'PUT'));
    const answers = await fullAnswers(
      ctx.db,
      'LD_CQCM_HUYEN',
      (i) => (['A', 'B', 'C', 'D', 'E'] as const)[i % 5] ?? 'A',
    );
    expect(answers).toHaveLength(180);
    const res = await ctx.respond(
      token,
      '/submit',
      json({
        submissionId: submissionId(),
        answers,
        comments: { P02: 'Cần rút ngắn thời gian.' },
        demographics: { gender: 'Nữ' },
      }),
    );
    expect(res.status).toBe(201);
    const { receipt } = (await res.json()) as { receipt: string };
    expect(receipt).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect([
      await count('submission'),
      await count('answer'),
      await count('comment'),
      await count('demographic'),
      await count('draft'),
    ]).toEqual([1, 180, 1, 1, 0]);
    expect(await statusOf(token)).toBe('submitted');
    // The tallies scoring reads grew by exactly this form.
    const tally = await ctx.db
      .selectFrom('answerTally')
      .select((eb) => eb.fn.sum<number>('n').as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(tally.n)).toBe(180);
    const view = (await (await ctx.respond(token)).json()) as SurveyView;
    expect([view.status, view.receipt]).toEqual(['submitted', receipt]);
  });

  it('is idempotent: the same submissionId and body give the same receipt, even after the campaign closed', async () => {
    const [token = ''] = ctx.tokens('CC_CQCM_HUYEN');
    const body = {
      submissionId: submissionId(),
      answers: await fullAnswers(ctx.db, 'CC_CQCM_HUYEN'),
    };
    const first = await ctx.respond(token, '/submit', json(body));
    const second = await ctx.respond(token, '/submit', json(body));
    await ctx.db
      .updateTable('campaign')
      .set({ closesAt: new Date(Date.now() - 1000).toISOString() })
      .execute();
    const third = await ctx.respond(token, '/submit', json(body));
    expect([first.status, second.status, third.status]).toEqual([201, 200, 200]);
    const receipts = await Promise.all(
      [first, second, third].map(async (r) => ((await r.json()) as { receipt: string }).receipt),
    );
    expect(new Set(receipts).size).toBe(1);
    expect(await count('submission')).toBe(1);
  });

  it('answers 409 already_submitted to another submit or a draft on a used link', async () => {
    const [token = ''] = ctx.tokens('CC_CQCM_HUYEN');
    const answers = await fullAnswers(ctx.db, 'CC_CQCM_HUYEN');
    await ctx.respond(token, '/submit', json({ submissionId: submissionId(), answers }));
    const again = await ctx.respond(
      token,
      '/submit',
      json({ submissionId: submissionId(), answers }),
    );
    const changed = await ctx.respond(
      token,
      '/submit',
      json({
        submissionId: submissionId(),
        answers: await fullAnswers(ctx.db, 'CC_CQCM_HUYEN', 'B'),
      }),
    );
    const draft = await ctx.respond(token, '/draft', json({ answers: [] }, 'PUT'));
    for (const res of [again, changed, draft]) {
      expect(res.status).toBe(409);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        'already_submitted',
      );
    }
    expect(await count('answer')).toBe(20);
  });

  it('counts two identical submits racing as one', async () => {
    const [token = ''] = ctx.tokens('CC_CQCM_HUYEN');
    const body = {
      submissionId: submissionId(),
      answers: await fullAnswers(ctx.db, 'CC_CQCM_HUYEN'),
    };
    await ctx.claimOf(token);
    const results = await Promise.all(
      [1, 2, 3].map(() => ctx.respond(token, '/submit', json(body))),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(await count('submission')).toBe(1);
  });

  // SQLite has one writer; on PostgreSQL the conditional update's row lock decides (issue #12).
  it('stores exactly one of 30 different submits racing on one link; the others get 409', async () => {
    const [token = ''] = ctx.tokens('LD_UBND_XA');
    const answers = await Promise.all(
      (['A', 'B', 'C'] as const).map((o) => fullAnswers(ctx.db, 'LD_UBND_XA', o)),
    );
    await ctx.claimOf(token);
    const before = await count('answer');
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        ctx.respond(
          token,
          '/submit',
          json({ submissionId: submissionId(), answers: answers[i % 3] }),
        ),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(29);
    for (const r of results.filter((r) => r.status === 409))
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe(
        'already_submitted',
      );
    const stored = (await count('answer')) - before;
    expect(stored).toBe(answers[0]?.length);
    const events = await ctx.db
      .selectFrom('invitationEvent as e')
      .innerJoin('invitation as i', 'i.id', 'e.invitationId')
      .select('e.status')
      .where('i.tokenHash', '=', tokenHash(token))
      .where('e.status', '=', 'submitted')
      .execute();
    expect(events).toHaveLength(1);
  });

  it('answers 422 invalid_answers with one Vietnamese message per problem, and stores nothing', async () => {
    const [token = ''] = ctx.tokens('HDND_HUYEN');
    const answers = (await fullAnswers(ctx.db, 'HDND_HUYEN')).filter(
      (a) => !(a.questionnaireId === 'P05' && a.questionId === 'q3' && a.unitCode === 'X-DONGNO'),
    );
    answers.push({ questionnaireId: 'P01', questionId: 'q99', unitCode: '694', option: 'A' });
    answers.push({ questionnaireId: 'P05', questionId: 'q1', unitCode: 'PNV', option: 'A' });
    answers.push({ questionnaireId: 'P03', questionId: 'q1', unitCode: '694', option: 'A' });
    answers.push({ questionnaireId: 'P01', questionId: 'q2', unitCode: '694', option: 'C' });
    const res = await ctx.respond(
      token,
      '/submit',
      json({ submissionId: submissionId(), answers }),
    );
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as {
      error: {
        code: string;
        details: { questionId: string; unitCode?: string; message: string }[];
      };
    };
    expect(error.code).toBe('invalid_answers');
    expect(error.details.map((d) => d.message)).toEqual([
      'Câu hỏi "q99" không có trong Phiếu số 01: Dành cho Đại biểu Hội đồng nhân dân huyện.',
      expect.stringContaining('Đơn vị "PNV" không được đánh giá'),
      'Phiếu "P03" không dành cho nhóm của Ông/Bà.',
      'Câu hỏi này được trả lời hai lần.',
      'Chưa trả lời câu 3 cho UBND xã Đồng Nơ.',
    ]);
    expect(await count('submission')).toBe(0);
    expect(await statusOf(token)).not.toBe('submitted');
  });

  it('answers 400 invalid_request to a body that is not JSON or not the shape', async () => {
    const [token = ''] = ctx.tokens('HDND_HUYEN');
    for (const body of [
      '{not json',
      JSON.stringify({ answers: [] }),
      JSON.stringify({ submissionId: 'short', answers: [] }),
    ]) {
      const res = await ctx.respond(token, '/submit', json(body));
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        'invalid_request',
      );
    }
    const wrongOption = {
      submissionId: submissionId(),
      answers: [{ questionnaireId: 'P01', questionId: 'q1', unitCode: '694', option: 'F' }],
    };
    expect((await ctx.respond(token, '/submit', json(wrongOption))).status).toBe(400);
  });

  it('refuses a body over the size limit with 413', async () => {
    const [token = ''] = ctx.tokens('HDND_HUYEN');
    const res = await ctx.respond(
      token,
      '/submit',
      json({ submissionId: submissionId(), answers: [], comments: { P01: 'x'.repeat(300_000) } }),
    );
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
      'payload_too_large',
    );
  });

  it('answers 404 for a revoked link and 403/410 outside the campaign window', async () => {
    const [a = '', b = ''] = ctx.tokens('LD_UBND_XA');
    const answers = await fullAnswers(ctx.db, 'LD_UBND_XA');
    const id = ctx.links.find((l) => l.link.endsWith(a))?.id ?? '';
    await ctx.claimOf(a);
    await ctx.claimOf(b);
    await ctx.db
      .updateTable('invitation')
      .set({ status: 'revoked' })
      .where('id', '=', id)
      .execute();
    expect(
      (await ctx.respond(a, '/submit', json({ submissionId: submissionId(), answers }))).status,
    ).toBe(404);
    await ctx.db
      .updateTable('campaign')
      .set({ closesAt: new Date(Date.now() - 1).toISOString() })
      .execute();
    const closed = await ctx.respond(b, '/submit', json({ submissionId: submissionId(), answers }));
    expect(closed.status).toBe(410);
    await ctx.db
      .updateTable('campaign')
      .set({ opensAt: new Date(Date.now() + 86_400_000).toISOString(), closesAt: null })
      .execute();
    const early = await ctx.respond(b, '/submit', json({ submissionId: submissionId(), answers }));
    expect(early.status).toBe(403);
    expect(await count('submission')).toBe(0);
  });

  it('writes all answers or none: a failure half-way leaves no trace and the link still usable', async () => {
    const [token = ''] = ctx.tokens('LD_CQCM_HUYEN');
    const answers = await fullAnswers(ctx.db, 'LD_CQCM_HUYEN');
    // Make the database refuse one answer deep in the batch, after others were inserted.
    const restore = await failInserts(
      ctx.db,
      'answer',
      "NEW.unit_code = 'X-TANQUAN' AND NEW.question_id = 'q12'",
      'disk full',
    );
    const res = await ctx.respond(
      token,
      '/submit',
      json({ submissionId: submissionId(), answers }),
    );
    expect(res.status).toBe(500);
    expect([await count('submission'), await count('answer'), await count('answerTally')]).toEqual([
      0, 0, 0,
    ]);
    expect(await statusOf(token)).toBe('opened');
    await restore();
    const retry = await ctx.respond(
      token,
      '/submit',
      json({ submissionId: submissionId(), answers }),
    );
    expect(retry.status).toBe(201);
    expect(await count('answer')).toBe(180);
  });
});
