import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { solveChallenge } from '../../server/auth/proof';
import { fullAnswers, json, setup, signIn, submissionId } from './helpers';

let ctx: Awaited<ReturnType<typeof setup>>;
let officer: Awaited<ReturnType<typeof signIn>>;
beforeEach(async () => {
  ctx = await setup();
  officer = await signIn(ctx, 'officer');
});

const post = (body: unknown = {}) => ({ method: 'POST', body: JSON.stringify(body) });
const tokenOf = (link: string) => link.split('/s/')[1] ?? '';

describe('campaigns', () => {
  it('creates a campaign from the built-in definition, schedules it in Vietnam time, opens and closes it', async () => {
    const res = await officer(
      '/api/campaigns',
      post({
        name: 'Khảo sát CCHC 2024',
        opensAt: '2030-11-01T08:00:00+07:00',
        closesAt: '2030-12-15T17:00:00+07:00',
        contactName: 'Phòng Nội vụ',
        contactPhone: '0271 3645 123',
        targetRate: 80,
      }),
    );
    expect(res.status).toBe(201);
    const created = (await res.json()) as {
      id: string;
      phase: string;
      opensAt: string;
      definition: { code: string };
    };
    expect(created).toMatchObject({
      phase: 'not_open',
      opensAt: '2030-11-01T01:00:00.000Z',
      definition: { code: 'hon-quan-2023' },
    });
    const opened = await officer(`/api/campaigns/${created.id}/open`, post());
    expect(((await opened.json()) as { phase: string }).phase).toBe('open');
    const moved = await officer(`/api/campaigns/${created.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ opensAt: '2031-01-01T00:00:00+07:00' }),
    });
    expect(moved.status).toBe(409);
    const extended = await officer(`/api/campaigns/${created.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ closesAt: '2030-12-31T17:00:00+07:00' }),
    });
    expect(((await extended.json()) as { closesAt: string }).closesAt).toBe(
      '2030-12-31T10:00:00.000Z',
    );
    const closed = await officer(`/api/campaigns/${created.id}/close`, post());
    expect(((await closed.json()) as { phase: string }).phase).toBe('closed');
    const actions = (
      await ctx.db
        .selectFrom('auditLog')
        .select('action')
        .where('campaignId', '=', created.id)
        .execute()
    ).map((a) => a.action);
    expect(actions).toEqual([
      'campaign_created',
      'campaign_open',
      'campaign_edited',
      'campaign_close',
    ]);
  });

  it('refuses dates that end before they start', async () => {
    const res = await officer(
      '/api/campaigns',
      post({
        name: 'X',
        opensAt: '2030-11-02T00:00:00+07:00',
        closesAt: '2030-11-01T00:00:00+07:00',
        contactName: null,
        contactPhone: null,
      }),
    );
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
      'Thời điểm kết thúc phải sau thời điểm bắt đầu.',
    );
  });
});

describe('invitations', () => {
  it('reissues a link: the old one stops working at once, the new one works, the status stays', async () => {
    const link = ctx.links[0];
    await ctx.app.request(`/api/s/${tokenOf(link?.link ?? '')}`);
    const res = await officer(`/api/campaigns/demo-2023/invitations/${link?.id}/reissue`, post());
    const fresh = (await res.json()) as { link: string; status: string; shortCode: string };
    expect(fresh.status).toBe('opened');
    expect(fresh.link).not.toBe(link?.link);
    expect((await ctx.app.request(`/api/s/${tokenOf(link?.link ?? '')}`)).status).toBe(404);
    expect((await ctx.app.request(`/api/s/${tokenOf(fresh.link)}`)).status).toBe(200);
  });

  it('revokes a link, but never one already submitted', async () => {
    const [a, b] = ctx.links.filter((l) => l.group_code === 'CC_CQCM_HUYEN');
    const revoked = await officer(`/api/campaigns/demo-2023/invitations/${a?.id}/revoke`, post());
    expect(((await revoked.json()) as { status: string }).status).toBe('revoked');
    expect((await ctx.app.request(`/api/s/${tokenOf(a?.link ?? '')}`)).status).toBe(404);
    const answers = await fullAnswers(ctx.db, 'CC_CQCM_HUYEN');
    await ctx.respond(
      tokenOf(b?.link ?? ''),
      '/submit',
      json({ submissionId: submissionId(), answers }),
    );
    for (const action of ['revoke', 'reissue']) {
      const res = await officer(`/api/campaigns/demo-2023/invitations/${b?.id}/${action}`, post());
      expect(res.status).toBe(409);
    }
  });

  it('prints QR slips grouped by unit, with every name as text, the link and the short code', async () => {
    const person = ctx.links.find((l) => l.group_code === 'LD_UBND_XA');
    await ctx.db
      .updateTable('respondent')
      .set({ name: 'Trần "Tí" <script>alert(1)</script>' })
      .where('name', '=', person?.name ?? '')
      .execute();
    const res = await officer('/api/campaigns/demo-2023/slips?group=LD_UBND_XA');
    const html = await res.text();
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('Trần &#34;Tí&#34; &#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html.match(/<article class="slip">/g)).toHaveLength(6);
    expect(html.match(/<svg [^>]*class="qr"/g)).toHaveLength(6);
    expect(html).toMatch(/Mã: [2-9A-Z]{4}-[2-9A-Z]{4}/);
    expect(html.indexOf('UBND xã An Phú')).toBeLessThan(html.indexOf('UBND xã Minh Đức'));
    // Eight to a page there is no room for the link as text (the QR code and the short code
    // carry it); four to a page print it too.
    expect(html).not.toContain(person?.link ?? 'missing');
    const four = await (
      await officer('/api/campaigns/demo-2023/slips?group=LD_UBND_XA&layout=4')
    ).text();
    expect(four).toContain(person?.link ?? 'missing');
  });

  it('exports links with a ready-to-paste Vietnamese message per person, headed in Vietnamese (issue #13.11)', async () => {
    await ctx.db
      .updateTable('campaign')
      .set({ closesAt: '2027-01-05T10:00:00.000Z' })
      .where('id', '=', 'demo-2023')
      .execute();
    const res = await officer('/api/campaigns/demo-2023/links.csv');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe(
      'Họ và tên,Nhóm đối tượng,Đơn vị,Điện thoại,E-mail,Trạng thái,Đường dẫn,Mã trả lời,Tin nhắn mời',
    );
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(24);
    const one = rows.find((r) => r['Họ và tên'] === 'Võ Thanh Phúc');
    expect(one).toMatchObject({
      'Nhóm đối tượng': 'Lãnh đạo UBND các xã, thị trấn',
      'Đơn vị': 'UBND xã Minh Đức',
      'Trạng thái': 'Chưa mở',
    });
    expect(one?.['Đường dẫn']).toMatch(/\/s\/[\w-]{27}$/);
    // Greets as offices write, the deadline as a document gives it, the link and the code.
    expect(one?.['Tin nhắn mời']?.split('\n')).toEqual([
      'Kính gửi đồng chí Võ Thanh Phúc,',
      'Trân trọng kính mời đồng chí tham gia Khảo sát xã hội học Chỉ số CCHC năm 2023 (bản dùng thử).',
      `Đề nghị đồng chí mở đường dẫn cá nhân sau để trả lời trước 17 giờ 00 ngày 05/01/2027: ${one?.['Đường dẫn']}`,
      `(hoặc vào http://survey.test và nhập mã ${one?.['Mã trả lời']}).`,
      'Phiếu không ghi họ tên; câu trả lời không thể truy ra người trả lời. Trân trọng cảm ơn đồng chí!',
    ]);
    // No status code or English heading reaches the reader.
    expect(text).not.toMatch(/not_opened|short_code|group_code/);

    const xlsx = await officer('/api/campaigns/demo-2023/links.xlsx');
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(1).values).toEqual([
      undefined,
      'Họ và tên',
      'Nhóm đối tượng',
      'Đơn vị',
      'Điện thoại',
      'E-mail',
      'Trạng thái',
      'Đường dẫn',
      'Mã trả lời',
      'Tin nhắn mời',
    ]);
    expect(sheet?.rowCount).toBe(25);
    expect(sheet?.getRow(2).getCell(6).value).toBe('Chưa mở');
  });

  it('records a reminder and lists the non-responders without those who answered', async () => {
    const [a, b] = ctx.links.filter((l) => l.group_code === 'CC_CQCM_HUYEN');
    await ctx.respond(
      tokenOf(a?.link ?? ''),
      '/submit',
      json({ submissionId: submissionId(), answers: await fullAnswers(ctx.db, 'CC_CQCM_HUYEN') }),
    );
    expect(
      (
        await officer(
          `/api/campaigns/demo-2023/invitations/${b?.id}/reminders`,
          post({ channel: 'zalo' }),
        )
      ).status,
    ).toBe(204);
    const page = (await (await officer('/api/campaigns/demo-2023/non-responders')).json()) as {
      items: { name: string; reminders: number }[];
      total: number;
    };
    const rows = page.items;
    expect(page.total).toBe(23);
    expect(rows).toHaveLength(23);
    expect(rows.map((r) => r.name)).not.toContain(a?.name);
    expect(rows.find((r) => r.name === b?.name)?.reminders).toBe(1);
    const csv = await (await officer('/api/campaigns/demo-2023/non-responders?format=csv')).text();
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(24);
  });
});

describe('tracking', () => {
  it('counts invited, opened, in progress and submitted per group × unit', async () => {
    const leaders = ctx.links.filter((l) => l.group_code === 'LD_UBND_XA');
    await ctx.app.request(`/api/s/${tokenOf(leaders[0]?.link ?? '')}`);
    await ctx.respond(tokenOf(leaders[1]?.link ?? ''), '/draft', json({ answers: [] }, 'PUT'));
    await ctx.respond(
      tokenOf(leaders[2]?.link ?? ''),
      '/submit',
      json({ submissionId: submissionId(), answers: await fullAnswers(ctx.db, 'LD_UBND_XA') }),
    );
    // Officers see every cell; what analysts see is in tracking-small-cells.test.ts.
    const t = (await (await officer('/api/campaigns/demo-2023/tracking')).json()) as {
      total: { invited: number; submitted: number; rate: number };
      groups: {
        groupCode: string;
        invited: number;
        opened: number;
        inProgress: number;
        submitted: number;
      }[];
      daily: { status: string; n: number }[];
    };
    expect(t.total).toMatchObject({ invited: 24, submitted: 1, rate: 4.2 });
    expect(t.groups.find((g) => g.groupCode === 'LD_UBND_XA')).toMatchObject({
      invited: 6,
      opened: 1,
      inProgress: 1,
      submitted: 1,
    });
    expect(t.daily.find((d) => d.status === 'submitted')?.n).toBe(1);
  });
});

describe('short codes on the home page', () => {
  const typedCode = async () => {
    const res = await officer('/api/campaigns/demo-2023/invitations');
    return ((await res.json()) as { items: { id: string; shortCode: string; link: string }[] })
      .items;
  };
  const postCode = (fields: Record<string, string>) =>
    ctx.app.request('/code', { method: 'POST', body: new URLSearchParams(fields) });

  it('sends a person who types their code to their form, however it is typed', async () => {
    const [first] = await typedCode();
    const typed = (first?.shortCode ?? '').toLowerCase().replace('-', ' ');
    const ok = await postCode({ code: typed });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/s/${tokenOf(first?.link ?? '')}`);
  });

  it('never refuses a hall of 90 behind one address, some of them mistyping (issue #9.6)', async () => {
    const invitations = await typedCode();
    let opened = 0;
    for (let i = 0; i < 90; i++) {
      const inv = invitations[i % invitations.length];
      // One in three mistypes first (a wrong character), then types it right.
      if (i % 3 === 0) expect((await postCode({ code: `ZZZZ-ZZ${i % 10}Z` })).status).toBe(404);
      const res = await postCode({ code: inv?.shortCode ?? '' });
      expect(res.status).toBe(303);
      opened++;
    }
    expect(opened).toBe(90);
  });

  it('asks for a proof of work once the site-wide budget of wrong codes is spent, then opens the form', async () => {
    const [first] = await typedCode();
    for (let i = 0; i < 300; i++) {
      const wrong = await postCode({ code: `ZZZZ-${String(i).padStart(4, 'Z')}` });
      expect(wrong.status).toBe(404);
    }
    const asked = await postCode({ code: first?.shortCode ?? '' });
    expect(asked.status).toBe(429);
    const page = await asked.text();
    expect(page).toContain('Đang kiểm tra an toàn');
    expect(page).toContain('<script src="/code-check.js"');
    expect(page).toContain(`value="${first?.shortCode}"`);
    const challenge = /data-challenge="([^"]+)"/.exec(page)?.[1] ?? '';
    const proof = solveChallenge(challenge);
    const ok = await postCode({ code: first?.shortCode ?? '', ...proof });
    expect(ok.status).toBe(303);
    // The proof is spent: sent again, the server asks for a new one.
    expect((await postCode({ code: first?.shortCode ?? '', ...proof })).status).toBe(429);
    const script = await ctx.app.request('/code-check.js');
    expect(script.headers.get('content-type')).toContain('javascript');
  }, 60_000);

  it('says a revoked invitation’s code is no longer valid, and does not open its form (issue #9.17)', async () => {
    const [first] = await typedCode();
    const revoked = await officer(`/api/campaigns/demo-2023/invitations/${first?.id}/revoke`, {
      method: 'POST',
    });
    expect(revoked.status).toBe(200);
    const res = await postCode({ code: first?.shortCode ?? '' });
    expect(res.status).toBe(410);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('Mã này không còn hiệu lực');
  });

  it('answers every malformed request with a clear 4xx, never a 500 (issue #9.12)', async () => {
    const send = (body: BodyInit | undefined, type?: string) =>
      ctx.app.request('/code', {
        method: 'POST',
        ...(body === undefined ? {} : { body }),
        headers: type ? { 'Content-Type': type } : {},
      });
    const cases: [BodyInit | undefined, string | undefined, number][] = [
      ['not a multipart body', 'multipart/form-data; boundary=xyz', 415],
      [
        '--xyz\r\nContent-Disposition: form-data; name="code"\r\n\r\nAB',
        'multipart/form-data',
        415,
      ],
      ['{"code": "K7QM-4X2P"}', 'application/json', 415],
      ['code=%E0%A4%A', 'application/x-www-form-urlencoded', 400],
      ['code=%ZZ%', 'application/x-www-form-urlencoded', 400],
      [new Uint8Array([0xff, 0xfe, 0x00, 0x3d]), 'application/x-www-form-urlencoded', 400],
      [undefined, 'application/x-www-form-urlencoded', 400],
      [`code=${'A'.repeat(5000)}`, 'application/x-www-form-urlencoded', 413],
      ['code=K7QM-4X2P', undefined, 415],
      ['code=K7QM-4X2P', 'text/plain', 415],
    ];
    for (const [body, type, status] of cases) {
      const res = await send(body, type);
      expect([type, res.status]).toEqual([type, status]);
      expect(res.headers.get('content-type')).toContain('text/html');
    }
  });
});

describe('administration', () => {
  it('lets an admin add, disable and audit accounts; a disabled account is signed out', async () => {
    const admin = await signIn(ctx, 'admin');
    const created = await admin(
      '/api/users',
      post({
        email: 'moi@honquan.gov.vn',
        name: 'Cán bộ mới',
        role: 'analyst',
        password: 'mật-khẩu-đủ-dài',
      }),
    );
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const disabled = await admin(`/api/users/${id}`, {
      method: 'PATCH',
      body: JSON.stringify({ disabled: true }),
    });
    expect(((await disabled.json()) as { disabled: boolean }).disabled).toBe(true);
    const login = await ctx.app.request(
      '/api/auth/login',
      json({ email: 'moi@honquan.gov.vn', password: 'mật-khẩu-đủ-dài' }),
    );
    expect(login.status).toBe(401);
    const log = (await (await admin('/api/audit')).json()) as { action: string }[];
    expect(log.map((l) => l.action)).toEqual(
      expect.arrayContaining(['user_added', 'user_edited', 'login']),
    );
  });
});

describe('the definition of a campaign', () => {
  it('can be edited until the campaign opens, as a new pinned version, with every problem listed', async () => {
    const created = (await (
      await officer(
        '/api/campaigns',
        post({ name: 'Khảo sát 2024' }), // a script may leave the contact out
      )
    ).json()) as { id: string };
    const got = (await (await officer(`/api/campaigns/${created.id}/definition`)).json()) as {
      editable: boolean;
      definition: {
        version: number;
        questionnaires: { questions: { text: string; criterion: string }[] }[];
        indexes: { fields: { criteria: { maxPoints: string }[] }[] }[];
      };
    };
    expect(got.editable).toBe(true);
    const def = got.definition;
    const q1 = def.questionnaires[0]?.questions[0];
    if (q1) q1.text = 'Câu hỏi đã sửa: lãnh đạo UBND huyện năng động ở mức nào?';
    const saved = await officer(`/api/campaigns/${created.id}/definition`, {
      method: 'PUT',
      body: JSON.stringify({ definition: def }),
    });
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as { definition: { version: number } }).definition.version).toBe(
      2,
    );
    const demo = (await (await officer('/api/campaigns/demo-2023/definition')).json()) as {
      definition: { version: number; questionnaires: { questions: { text: string }[] }[] };
    };
    expect(demo.definition.version).toBe(1);
    expect(demo.definition.questionnaires[0]?.questions[0]?.text).not.toContain('đã sửa');

    const broken = structuredClone(def);
    if (broken.questionnaires[0]?.questions[0])
      broken.questionnaires[0].questions[0].criterion = '9.9';
    const crit = broken.indexes[0]?.fields[0]?.criteria[0];
    if (crit) crit.maxPoints = '5.00';
    const refused = await officer(`/api/campaigns/${created.id}/definition`, {
      method: 'PUT',
      body: JSON.stringify({ definition: broken }),
    });
    expect(refused.status).toBe(422);
    const { error } = (await refused.json()) as { error: { details: { message: string }[] } };
    expect(error.details.map((d) => d.message)).toEqual(
      expect.arrayContaining([
        'Tiêu chí "9.9" không có trong bộ chỉ số HUYEN',
        expect.stringContaining('Tổng điểm tối đa các tiêu chí (34.00)'),
      ]),
    );

    await officer(`/api/campaigns/${created.id}/open`, post());
    const fixed = await officer(`/api/campaigns/${created.id}/definition`, {
      method: 'PUT',
      body: JSON.stringify({ definition: def }),
    });
    expect(fixed.status).toBe(409);
  });
});

describe('personal data', () => {
  it('can be erased by an admin once the campaign is closed and its results locked; counts stay', async () => {
    const admin = await signIn(ctx, 'admin');
    const analyst = await signIn(ctx, 'analyst');
    for (const l of ctx.links.filter((x) => x.group_code === 'CC_CQCM_HUYEN').slice(0, 3)) {
      await ctx.respond(
        tokenOf(l.link),
        '/submit',
        json({ submissionId: submissionId(), answers: await fullAnswers(ctx.db, 'CC_CQCM_HUYEN') }),
      );
    }
    await officer('/api/campaigns/demo-2023/close', post());
    const early = await admin('/api/campaigns/demo-2023/purge-personal-data', post());
    expect(early.status).toBe(409);
    expect(((await early.json()) as { error: { code: string } }).error.code).toBe(
      'not_allowed_yet',
    );

    const run = (await (await analyst('/api/campaigns/demo-2023/runs', post())).json()) as {
      method: { runId: string };
    };
    expect(
      (await analyst(`/api/campaigns/demo-2023/runs/${run.method.runId}/lock`, post())).status,
    ).toBe(200);
    const detail = (await (await admin('/api/campaigns/demo-2023')).json()) as {
      personalData: { purgeAllowed: boolean; purgeDueAt: string };
    };
    expect(detail.personalData.purgeAllowed).toBe(true);
    expect(new Date(detail.personalData.purgeDueAt).getTime()).toBeGreaterThan(
      Date.now() + 29 * 86_400_000,
    );
    expect((await officer('/api/campaigns/demo-2023/purge-personal-data', post())).status).toBe(
      403,
    );

    const before = await (await admin('/api/campaigns/demo-2023/tracking')).json();
    const res = await admin('/api/campaigns/demo-2023/purge-personal-data', post());
    expect(res.status).toBe(200);
    expect(((await res.json()) as { purged: number }).purged).toBe(24);
    const people = await ctx.db
      .selectFrom('respondent')
      .select(['name', 'phone', 'email', 'workplace'])
      .execute();
    expect(new Set(people.map((p) => JSON.stringify(p)))).toEqual(
      new Set([JSON.stringify({ name: 'Đã xóa', phone: null, email: null, workplace: null })]),
    );
    expect(await (await admin('/api/campaigns/demo-2023/tracking')).json()).toEqual(before);
    expect((await admin('/api/campaigns/demo-2023/purge-personal-data', post())).status).toBe(409);
  });
});
