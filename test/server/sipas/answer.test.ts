import { beforeAll, describe, expect, it } from 'vitest';
import { builtInSipasDefinition } from '../../../questionnaires';
import { issueChallenge } from '../../../server/auth/proof';
import { storeSipasForm } from '../../../server/sipas/answer-store';
import { vietnamTime } from '../../../server/sipas/time';
import { json, SECRET } from '../helpers';
import { browser, fullAnswer, sipasSetup, solve } from './answer-fixture';

let ctx: Awaited<ReturnType<typeof sipasSetup>>;
beforeAll(async () => {
  ctx = await sipasSetup();
});

const count = async (
  table:
    | 'sipasForm'
    | 'sipasAnswer'
    | 'sipasTally'
    | 'sipasHour'
    | 'sipasSlot'
    | 'sipasDeviceDay'
    | 'sipasProof'
    | 'sipasReceipt'
    | 'sipasComment',
) =>
  Number(
    (
      await ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const formsOf = async (pointId: string, channel: string) =>
  Number(
    (
      await ctx.db
        .selectFrom('sipasForm')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('pointId', '=', pointId)
        .where('channel', '=', channel as 'poster')
        .executeTakeFirstOrThrow()
    ).n,
  );
const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string; message: string } }).error;

describe('the pages /p/<point> and /c/<code>', () => {
  it('draws the welcome of a poster into the page: unit, point, purpose, time, anonymity', async () => {
    const res = await ctx.app.request('/p/aaa222');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('Bộ phận Một cửa AAA222');
    expect(html).toContain('Ý kiến của Ông/Bà giúp cải thiện dịch vụ');
    expect(html).toMatch(/mất khoảng <b>\d+ phút<\/b>/);
    expect(html).toContain('Phiếu không ghi họ tên.');
    expect(html).toContain('id="sipas-first-screen"');
    expect(html).toContain('>Bắt đầu</button>');
  });

  it('says an unknown point plainly (404)', async () => {
    const res = await ctx.app.request('/p/ZZZZZZ');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Không tìm thấy điểm lấy ý kiến này');
  });

  it('opens a one-time code with its point and the code shown; an unknown code is 404', async () => {
    const res = await ctx.app.request(`/c/${ctx.codes[0]?.toLowerCase()}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Bộ phận Một cửa AAA222');
    expect(html).toContain(`${ctx.codes[0]?.slice(0, 4)}-${ctx.codes[0]?.slice(4)}`);
    // Typed by hand from the slip: lower case or capitals, with or without the dash.
    const raw = ctx.codes[0] ?? '';
    const dashed = `${raw.slice(0, 4)}-${raw.slice(4)}`;
    for (const typed of [dashed, dashed.toLowerCase(), raw, ` ${dashed.toLowerCase()} `]) {
      const again = await ctx.app.request(`/c/${encodeURIComponent(typed)}`);
      expect(again.status, typed).toBe(200);
      expect(await again.text()).toContain(dashed);
    }
    const unknown = await ctx.app.request('/c/2222-2222');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Không tìm thấy mã này');
  });
});

describe('GET /api/p/<point>', () => {
  it('gives the questions, a challenge and a signed HttpOnly device cookie for /api/p/', async () => {
    const b = browser(ctx.app);
    const { res, body } = await b.view('AAA222');
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^cchc_sipas=[\w-]+\.\d+\.[\w-]+;/);
    expect(cookie).toContain('Path=/api/p/');
    expect(cookie).toContain('HttpOnly');
    expect(body.challenge).toMatch(/^v1\.sipas\./);
    const aspects = body.aspects as { elements: unknown[] }[];
    expect(aspects.flatMap((a) => a.elements)).toHaveLength(17);
    expect(body.point).toMatchObject({ code: 'AAA222', name: 'Bộ phận Một cửa AAA222' });
    // The same browser keeps its cookie.
    const again = await b.view('AAA222');
    expect(again.res.headers.get('set-cookie')).toBeNull();
  });

  it('404 unknown_point', async () => {
    const res = await ctx.app.request('/api/p/ZZZZZZ');
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('unknown_point');
  });
});

describe('answering from a poster', () => {
  it('takes one answer a device a day at a point limited to one; a second is refused kindly (429)', async () => {
    const phone = browser(ctx.app);
    const first = await phone.submit('AAA222', fullAnswer());
    expect(first.status).toBe(201);
    expect(((await first.json()) as { receipt: string }).receipt).toMatch(/^[2-9A-Z]{4}-/);
    const second = await phone.submit('AAA222', fullAnswer());
    expect(second.status).toBe(429);
    const error = await errorOf(second);
    expect(error).toEqual({
      code: 'device_limit',
      message: 'Ông/Bà đã góp ý cho điểm này hôm nay. Cảm ơn Ông/Bà!',
    });
    // The form says it before the questions when the phone comes back.
    expect((await phone.view('AAA222')).body.refusal).toMatchObject({ code: 'device_limit' });
    // Another phone (another device session) answers.
    expect((await browser(ctx.app).submit('AAA222', fullAnswer())).status).toBe(201);
  });

  it('lets a device answer again at a point without a limit (daily_limit 0)', async () => {
    const phone = browser(ctx.app);
    for (let i = 0; i < 3; i++)
      expect((await phone.submit('BBB333', fullAnswer('4'))).status).toBe(201);
  });

  it('never locks out a crowd behind one address: 50 phones, one IP, all answered', async () => {
    const before = await formsOf(ctx.pointA, 'poster');
    for (let i = 0; i < 50; i++) {
      const phone = browser(ctx.app);
      const headers = { 'X-Forwarded-For': '203.0.113.7' };
      const view = await phone.request('/api/p/AAA222', { headers });
      const { challenge } = (await view.json()) as { challenge: string };
      const res = await phone.request('/api/p/AAA222/submit', {
        ...json({ ...fullAnswer('4'), proof: solve(challenge) }),
        headers: { 'Content-Type': 'application/json', ...headers },
      });
      expect(res.status).toBe(201);
    }
    expect(await formsOf(ctx.pointA, 'poster')).toBe(before + 50);
  }, 120_000);
});

describe('the proof of work', () => {
  it('refuses an answer without one (400 proof_required)', async () => {
    const phone = browser(ctx.app);
    await phone.view('BBB333');
    const res = await phone.submit('BBB333', fullAnswer(), null);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('proof_required');
  });

  it('refuses a forged, unsolved, foreign or expired proof (400) and a reused one', async () => {
    const phone = browser(ctx.app);
    const { challenge } = (await phone.view('BBB333')).body;
    const solved = solve(challenge);
    const forged = { ...solved, challenge: challenge.replace(/\.16\./, '.1.') };
    for (const proof of [forged, { challenge, nonce: 'x' }]) {
      const res = await phone.submit('BBB333', fullAnswer(), proof);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).code).toBe('proof_invalid');
    }
    // Solved for this phone: another phone cannot spend it, nor can it pay at another point.
    const other = browser(ctx.app);
    await other.view('BBB333');
    expect((await errorOf(await other.submit('BBB333', fullAnswer(), solved))).code).toBe(
      'proof_invalid',
    );
    expect((await errorOf(await phone.submit('AAA222', fullAnswer(), solved))).code).toBe(
      'proof_invalid',
    );
    // Paid once.
    expect((await phone.submit('BBB333', fullAnswer(), solved)).status).toBe(201);
    const reused = await phone.submit('BBB333', fullAnswer(), solved);
    expect(reused.status).toBe(400);
    expect((await errorOf(reused)).code).toBe('proof_used');
    // Expired: signed with the right subject ten minutes and more ago.
    const device = decodeURIComponent(phone.cookie.split('=')[1] ?? '').split('.')[0];
    const point = await ctx.db
      .selectFrom('collectionPoint')
      .select('id')
      .where('code', '=', 'BBB333')
      .executeTakeFirstOrThrow();
    const old = issueChallenge(
      SECRET,
      'sipas',
      `${device}|${point.id}`,
      1,
      Date.now() - 11 * 60_000,
    );
    const expired = await phone.submit('BBB333', fullAnswer(), solve(old));
    expect((await errorOf(expired)).code).toBe('proof_expired');
  });

  it('refuses an answer from a browser that keeps no cookie (400 no_device)', async () => {
    const phone = browser(ctx.app);
    const { challenge } = (await phone.view('BBB333')).body;
    phone.forget();
    const res = await phone.submit('BBB333', fullAnswer(), solve(challenge));
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('no_device');
  });
});

describe('one-time codes', () => {
  it('take one answer each, counted apart (channel code); a second is 409 code_used, kindly', async () => {
    const code = ctx.codes[1] as string;
    const phone = browser(ctx.app);
    // A phone that already answered the poster today can still answer with a code.
    expect((await phone.submit('AAA222', fullAnswer())).status).toBe(201);
    expect((await phone.view('AAA222', `?code=${code}`)).body.code).toBe(
      `${code.slice(0, 4)}-${code.slice(4)}`,
    );
    const before = await formsOf(ctx.pointA, 'code');
    const res = await phone.submit('AAA222', { ...fullAnswer(), code: code.toLowerCase() });
    expect(res.status).toBe(201);
    expect(await formsOf(ctx.pointA, 'code')).toBe(before + 1);
    const again = await browser(ctx.app).submit('AAA222', { ...fullAnswer(), code });
    expect(again.status).toBe(409);
    expect(await errorOf(again)).toEqual({
      code: 'code_used',
      message: 'Mã này đã được dùng để góp ý. Mỗi mã chỉ dùng được một lần. Cảm ơn Ông/Bà!',
    });
    expect((await phone.view('AAA222', `?code=${code}`)).body.refusal).toMatchObject({
      code: 'code_used',
    });
    const page = await ctx.app.request(`/c/${code}`);
    expect(page.status).toBe(409);
    expect(await page.text()).toContain('Mã này đã được dùng');
  });

  it('404 unknown_code for a code never made, or one of another point', async () => {
    for (const [point, code] of [
      ['AAA222', '2222-3333'],
      ['BBB333', ctx.codes[2] as string],
    ] as const) {
      const res = await browser(ctx.app).submit(point, { ...fullAnswer(), code });
      expect(res.status).toBe(404);
      expect((await errorOf(res)).code).toBe('unknown_code');
    }
  });
});

describe('invalid answers', () => {
  const X = { ...fullAnswer().answers };
  const cases: [string, Record<string, unknown>][] = [
    [
      'an element left out',
      (() => {
        const a = { ...X };
        delete a.TC1;
        return a;
      })(),
    ],
    ['a level not on the scale', { ...X, TC1: '6' }],
    ['an element answered as a list', { ...X, TC1: ['5'] }],
    ['a statement off its scale', { ...X, ND1: '5' }],
    ['a single choice as a list', { ...X, KENH: ['TRUC_TIEP'] }],
    ['a choice not offered', { ...X, KENH: 'FAX' }],
    [
      'more than max',
      {
        ...X,
        MONG_DOI:
          builtInSipasDefinition()
            .choices.find((c) => c.id === 'MONG_DOI')
            ?.options.slice(0, 4)
            .map((o) => o.code) ?? [],
      },
    ],
    ['a question the form does not ask', { ...X, Q99: '5' }],
  ];
  it.each(cases)(
    '422 invalid_answers for %s, with nothing written and the proof not spent',
    async (_, answers) => {
      const tables = [
        'sipasForm',
        'sipasAnswer',
        'sipasTally',
        'sipasHour',
        'sipasSlot',
        'sipasDeviceDay',
        'sipasProof',
        'sipasReceipt',
        'sipasComment',
      ] as const;
      const before = await Promise.all(tables.map(count));
      const phone = browser(ctx.app);
      const proof = solve((await phone.view('AAA222')).body.challenge);
      const res = await phone.submit(
        'AAA222',
        { submissionId: fullAnswer().submissionId, answers, comment: 'x' },
        proof,
      );
      expect(res.status).toBe(422);
      const error = (await res.json()) as {
        error: { code: string; details: { questionId: string }[] };
      };
      expect(error.error.code).toBe('invalid_answers');
      expect(error.error.details.length).toBeGreaterThan(0);
      expect(await Promise.all(tables.map(count))).toEqual(before);
      expect((await phone.submit('AAA222', fullAnswer(), proof)).status).toBe(201);
    },
  );

  it('400 invalid_request for a body of the wrong shape', async () => {
    const res = await browser(ctx.app).submit('BBB333', { answers: {} });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('invalid_request');
  });
});

describe('a retry of the same submit', () => {
  it('gets the same receipt and counts once', async () => {
    const phone = browser(ctx.app);
    const body = { ...fullAnswer('4'), comment: 'Cán bộ nhiệt tình.' };
    const forms = await count('sipasForm');
    const comments = await count('sipasComment');
    const first = await phone.submit('AAA222', body);
    expect(first.status).toBe(201);
    const { receipt } = (await first.json()) as { receipt: string };
    // The first reply was lost: the phone sends the same body again (even with a fresh proof).
    for (const proof of [undefined, solve((await phone.view('AAA222')).body.challenge)]) {
      const retry = await phone.submit('AAA222', body, proof);
      expect(retry.status).toBe(200);
      expect(await retry.json()).toEqual({ receipt });
    }
    expect(await count('sipasForm')).toBe(forms + 1);
    expect(await count('sipasComment')).toBe(comments + 1);
  });
});

describe('the campaign phase', () => {
  it('403 not_open before it opens and 410 closed after, like the respondent API', async () => {
    const phone = browser(ctx.app);
    const set = (opensAt: string | null, closesAt: string | null) =>
      ctx.db
        .updateTable('campaign')
        .set({ opensAt, closesAt })
        .where('id', '=', ctx.campaignId)
        .execute();
    try {
      await set(new Date(Date.now() + 86_400_000).toISOString(), null);
      const early = await phone.request('/api/p/BBB333');
      expect(early.status).toBe(403);
      expect((await errorOf(early)).code).toBe('not_open');
      const page = await ctx.app.request('/p/BBB333');
      expect(page.status).toBe(403);
      expect(await page.text()).toContain('Đợt lấy ý kiến chưa bắt đầu');
      await set(
        new Date(Date.now() - 86_400_000).toISOString(),
        new Date(Date.now() - 1000).toISOString(),
      );
      const late = await phone.request(
        '/api/p/BBB333/submit',
        json({ ...fullAnswer(), proof: { challenge: 'x', nonce: 'y' } }),
      );
      expect(late.status).toBe(410);
      expect((await errorOf(late)).code).toBe('closed');
    } finally {
      await set(new Date(Date.now() - 86_400_000).toISOString(), null);
    }
  });
});

describe('the counts an answer adds (storeSipasForm)', () => {
  it('tallies the day, the hour (forms, satisfied, repeats) and the 10-minute slot in Vietnam time', async () => {
    const def = builtInSipasDefinition();
    const at = new Date('2026-03-02T02:05:00Z'); // 09:05 in Hà Nội
    const { day, hour, slot } = vietnamTime(at);
    expect([day, hour, slot]).toEqual(['2026-03-02', '2026-03-02T09', '2026-03-02T09:00']);
    const store = (
      answers: Record<string, string | string[]>,
      channel: 'poster' | 'code' | 'paper' = 'poster',
      now = at,
    ) =>
      ctx.db
        .transaction()
        .execute((trx) =>
          storeSipasForm(
            trx,
            { campaignId: ctx.campaignId, pointId: ctx.pointB, channel, answers },
            def,
            SECRET,
            now,
          ),
        );
    const all5 = fullAnswer('5').answers;
    await store(all5); // satisfied
    await store(all5); // satisfied, a repeat of the first
    await store({ ...all5, TC1: '3' }); // not satisfied
    await store({ ...fullAnswer('X').answers }); // nothing answered: not satisfied
    await store({ ...all5, TC1: 'X' }); // satisfied: «Không trả lời» is left out
    await store(all5, 'code', new Date('2026-03-02T02:15:00Z')); // code channel, next slot
    await store(all5, 'paper', new Date('2026-03-02T02:25:00Z')); // paper: no slot
    const hours = await ctx.db
      .selectFrom('sipasHour')
      .selectAll()
      .where('pointId', '=', ctx.pointB)
      .where('hour', '=', hour)
      .orderBy('channel')
      .execute();
    expect(hours.map((h) => [h.channel, h.forms, h.satisfied, h.repeats])).toEqual([
      ['code', 1, 1, 1],
      ['paper', 1, 1, 1],
      ['poster', 5, 3, 1],
    ]);
    const slots = await ctx.db
      .selectFrom('sipasSlot')
      .select(['slot', 'forms'])
      .where('pointId', '=', ctx.pointB)
      .where('slot', 'like', '2026-03-02T09%')
      .orderBy('slot')
      .execute();
    expect(slots).toEqual([
      { slot: '2026-03-02T09:00', forms: 5 },
      { slot: '2026-03-02T09:10', forms: 1 },
    ]);
    const tc1 = await ctx.db
      .selectFrom('sipasTally')
      .select(['channel', 'option', 'n'])
      .where('pointId', '=', ctx.pointB)
      .where('day', '=', day)
      .where('questionId', '=', 'TC1')
      .orderBy('channel')
      .orderBy('option')
      .execute();
    expect(tc1).toEqual([
      { channel: 'code', option: '5', n: 1 },
      { channel: 'paper', option: '5', n: 1 },
      { channel: 'poster', option: '3', n: 1 },
      { channel: 'poster', option: '5', n: 2 },
      { channel: 'poster', option: 'X', n: 2 },
    ]);
  });
});
