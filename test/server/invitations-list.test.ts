import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { InvitationPage, NonResponderPage } from '../../contract/console/invitations';
import { DEMO_CAMPAIGN_ID } from '../../server/demo/demo';
import { addRespondents, type NewPerson } from '../../server/invitations/service';
import { fullAnswers, json, SECRET, setup, signIn, submissionId } from './helpers';

/**
 * The invitations and non-responders lists at a province's size (issue #13.12), through the
 * routes: pages, search without diacritics, filters and sort, bad parameters, and the slips and
 * exports the same filters give.
 */
let ctx: Awaited<ReturnType<typeof setup>>;
let officer: Awaited<ReturnType<typeof signIn>>;
const BASE = `/api/campaigns/${DEMO_CAMPAIGN_ID}`;
const EXTRA = 130;
const TOTAL = 24 + EXTRA + 3;

const named: NewPerson[] = [
  {
    name: 'Trần Thị Đào',
    groupCode: 'LD_UBND_XA',
    unitCode: 'X-ANPHU',
    phone: '0987654321',
    email: 'dao.tran@honquan.gov.vn',
  },
  { name: 'Lê Văn Ánh', groupCode: 'LD_UBND_XA', unitCode: 'X-ANPHU', phone: '0911000111' },
  { name: 'Đỗ Bá Ân', groupCode: 'LD_UBND_XA', unitCode: 'X-ANPHU' },
];

beforeAll(async () => {
  ctx = await setup();
  officer = await signIn(ctx, 'officer');
  const filler: NewPerson[] = Array.from({ length: EXTRA }, (_, i) => ({
    name: `Nguyễn Văn Thử ${String(i + 1).padStart(3, '0')}`,
    groupCode: i % 2 ? 'LD_UBND_XA' : 'CC_CQCM_HUYEN',
    unitCode: i % 2 ? 'X-ANPHU' : null,
    workplace: i % 2 ? null : 'Phòng Nội vụ',
  }));
  await addRespondents(ctx.db, SECRET, DEMO_CAMPAIGN_ID, [...filler, ...named]);
});

const list = async (query = '') => {
  const res = await officer(`${BASE}/invitations${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as InvitationPage;
};

describe('one page of the invitations', () => {
  it('pages 50 at a time by default, every row once, the total over every page', async () => {
    const first = await list();
    expect(first).toMatchObject({ total: TOTAL, page: 1, pageSize: 50 });
    expect(first.items).toHaveLength(50);
    const ids = new Set<string>();
    for (let page = 1; page <= 4; page++) {
      const p = await list(`?page=${page}&pageSize=50`);
      for (const inv of p.items) ids.add(inv.id);
      expect(p.items).toHaveLength(Math.max(0, Math.min(50, TOTAL - (page - 1) * 50)));
    }
    expect(ids.size).toBe(TOTAL);
    // Past the last page: nothing, and the total still says how many there are.
    expect(await list('?page=9')).toMatchObject({ items: [], total: TOTAL, page: 9 });
    expect((await list('?pageSize=200')).items).toHaveLength(TOTAL);
  });

  it('finds a person by name without diacritics, by e-mail, and by phone however typed', async () => {
    const names = async (q: string) =>
      (await list(`?q=${encodeURIComponent(q)}`)).items.map((i) => i.name);
    expect(await names('tran thi dao')).toEqual(['Trần Thị Đào']);
    expect(await names('  ĐÀO  ')).toEqual(['Trần Thị Đào']);
    expect(await names('dao.tran@honquan')).toEqual(['Trần Thị Đào']);
    expect(await names('+84 987 654')).toEqual(['Trần Thị Đào']);
    expect(await names('0911.000')).toEqual(['Lê Văn Ánh']);
    // Every word must match, in any order: "an" alone finds many, "an do ba" one.
    expect(await names('an do ba')).toEqual(['Đỗ Bá Ân']);
    expect(await names('không có ai tên này')).toEqual([]);
    // A word is found by its start: "ao" is not "Đào".
    expect(await names('tran ao')).toEqual([]);
    const found = await list('?q=thu%20012');
    expect(found.total).toBe(1);
  });

  it('filters by group, unit and status together, and sorts by given name, then by the last change', async () => {
    const inAnPhu = await list('?group=LD_UBND_XA&unit=X-ANPHU&sort=name&pageSize=200');
    expect(
      inAnPhu.items.every((i) => i.groupCode === 'LD_UBND_XA' && i.unitCode === 'X-ANPHU'),
    ).toBe(true);
    const order = inAnPhu.items.map((i) => i.name);
    // Vietnamese order of the given name, where â follows a and đ follows d: Ánh, Ân, Đào.
    expect(order.indexOf('Lê Văn Ánh')).toBeLessThan(order.indexOf('Đỗ Bá Ân'));
    expect(order.indexOf('Đỗ Bá Ân')).toBeLessThan(order.indexOf('Trần Thị Đào'));
    const reversed = await list('?group=LD_UBND_XA&unit=X-ANPHU&sort=-name&pageSize=200');
    expect(reversed.items.map((i) => i.name)).toEqual([...order].reverse());

    const dao = (await list('?q=dao%20tran')).items[0];
    const revoke = await officer(`${BASE}/invitations/${dao?.id}/revoke`, { method: 'POST' });
    expect(revoke.status).toBe(200);
    const latest = await list('?sort=-changed&pageSize=1');
    expect(latest.items.map((i) => [i.name, i.status])).toEqual([['Trần Thị Đào', 'revoked']]);
    const revoked = await list('?status=revoked,submitted');
    expect(revoked.items.map((i) => i.name)).toEqual(['Trần Thị Đào']);
    // The slips those filters would print: none of a revoked link.
    expect(revoked.slips).toEqual({
      count: 0,
      pages: { '1': 0, '4': 0, '8': 0 },
      unitPages: { '1': 0, '4': 0, '8': 0 },
    });
  });

  it.each([
    ['page=0', 'page'],
    ['page=abc', 'page'],
    ['pageSize=201', 'pageSize'],
    ['pageSize=-5', 'pageSize'],
    ['sort=age', 'sort'],
    ['status=not_opened,done', 'status'],
    ['group=KHONG_CO', 'group'],
    ['unit=KHONG_CO', 'unit'],
    [`q=${'a'.repeat(101)}`, 'q'],
    ['layout=3', 'layout'],
  ])('refuses %s with 400 invalid_query in Vietnamese, on every list', async (query, param) => {
    for (const path of ['invitations', 'non-responders', 'slips', 'links.csv']) {
      const res = await officer(`${BASE}/${path}?${query}`);
      expect(res.status, path).toBe(400);
      const { error } = (await res.json()) as {
        error: { code: string; message: string; details: { param: string } };
      };
      expect(error.code).toBe('invalid_query');
      expect(error.details.param).toBe(param);
      expect(error.message).toMatch(/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]/);
    }
  });
});

describe('slips and exports of a selection', () => {
  it('prints the slips of the search, with its page count per layout, and one person again', async () => {
    const found = await list('?q=nguyen%20van%20thu&group=LD_UBND_XA');
    expect(found.total).toBe(EXTRA / 2);
    // All 65 are in X-ANPHU: one unit, so 9 sheets at 8 per page, 17 at 4, 65 at 1.
    expect(found.slips).toEqual({
      count: 65,
      pages: { '1': 65, '4': 17, '8': 9 },
      unitPages: { '1': 65, '4': 17, '8': 9 },
    });
    const res = await officer(`${BASE}/slips?q=nguyen%20van%20thu&group=LD_UBND_XA&layout=4`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.match(/<article class="slip">/g)).toHaveLength(65);
    expect(html).toContain('65 phiếu mời, 17 trang A4');
    expect(html).toContain('<body class="l4">');
    expect(html).not.toContain('Trần Thị Đào');
    // The other layouts are a click away, with the same selection.
    expect(html).toContain(
      `href="${BASE}/slips?q=nguyen+van+thu&#38;group=LD_UBND_XA&#38;layout=8"`,
    );
    expect(html).toContain(
      `href="${BASE}/slips?q=nguyen+van+thu&#38;group=LD_UBND_XA&#38;layout=4&#38;arrange=unit-pages"`,
    );
    const one = found.items[0];
    const again = await (await officer(`${BASE}/slips?ids=${one?.id}`)).text();
    expect(again.match(/<article class="slip">/g)).toHaveLength(1);
    expect(again).toContain(one?.name);
    expect(again).toContain('1 phiếu mời, 1 trang A4');
  });

  it('arranges the slips unit after unit, a unit per page, or packed, and counts the sheets of each', async () => {
    // The live links of the 2023 demo's leaders of commune offices: a few per commune.
    const found = await list('?group=LD_UBND_XA&status=not_opened');
    const live = found.slips.count;
    const units = new Map<string, number>();
    for (let page = 1; (page - 1) * 200 < found.total; page++) {
      for (const inv of (
        await list(`?group=LD_UBND_XA&status=not_opened&pageSize=200&page=${page}`)
      ).items) {
        units.set(inv.unitName ?? '', (units.get(inv.unitName ?? '') ?? 0) + 1);
      }
    }
    expect(units.size).toBeGreaterThan(2);
    const perUnitPages = [...units.values()].reduce((n, k) => n + Math.ceil(k / 4), 0);
    expect(found.slips.pages['4']).toBe(Math.ceil(live / 4));
    expect(found.slips.unitPages['4']).toBe(perUnitPages);
    expect(perUnitPages).toBeGreaterThan(Math.ceil(live / 4));

    const page = async (arrange: string) => {
      const res = await officer(
        `${BASE}/slips?group=LD_UBND_XA&status=not_opened&layout=4&arrange=${arrange}`,
        { headers: { 'Accept-Encoding': 'gzip' } },
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('content-encoding')).toBe('gzip');
      expect(res.headers.get('cache-control')).toBe('no-store');
      return gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8');
    };
    // Unit after unit: no headings and no page breaks, the first slip of each unit marked.
    const flowing = await page('units');
    expect(flowing).toContain(`${live} phiếu mời, ${Math.ceil(live / 4)} trang A4`);
    expect(flowing).not.toContain('<section>');
    const marks = [...flowing.matchAll(/<div class="mark">([^<]*)<\/div>/g)].map((m) => m[1]);
    expect(marks).toEqual([...units].map(([unit, n]) => `${unit} — ${n} phiếu`));
    expect(flowing.match(/<article class="slip">/g)).toHaveLength(live);
    expect(flowing).toContain('<strong aria-current="page">Theo đơn vị, nối tiếp nhau</strong>');
    // A unit per page: one section under its heading each.
    const paged = await page('unit-pages');
    expect(paged).toContain(`${live} phiếu mời, ${perUnitPages} trang A4`);
    expect(paged.match(/<section><h2>/g)).toHaveLength(units.size);
    expect(paged).not.toContain('class="mark"');
    // Packed: no mark of units at all, every sheet full.
    const packed = await page('packed');
    expect(packed).toContain(`${live} phiếu mời, ${Math.ceil(live / 4)} trang A4`);
    expect(packed).not.toContain('class="mark"');
    expect(packed).not.toContain('<section>');
    expect(packed.match(/<article class="slip">/g)).toHaveLength(live);

    const bad = await officer(`${BASE}/slips?arrange=sideways`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: { code: 'invalid_query', details: { param: 'arrange' } },
    });
  });

  it('exports the links of every matching row, not one page', async () => {
    const csv = await (await officer(`${BASE}/links.csv?q=nguyen%20van%20thu&pageSize=10`)).text();
    expect(csv.trim().split('\r\n')).toHaveLength(1 + EXTRA);
  });
});

describe('the non-responders', () => {
  it('pages, searches and filters them; the CSV has every one under Vietnamese headings', async () => {
    const [done] = ctx.links.filter((l) => l.group_code === 'CC_CQCM_HUYEN');
    const token = done?.link.split('/s/')[1] ?? '';
    const answers = await fullAnswers(ctx.db, 'CC_CQCM_HUYEN');
    const sent = await ctx.respond(
      token,
      '/submit',
      json({ submissionId: submissionId(), answers }),
    );
    expect(sent.status).toBe(201);
    const page = (await (
      await officer(`${BASE}/non-responders?pageSize=20&page=2`)
    ).json()) as NonResponderPage;
    // Everyone but the one who answered and the one revoked above.
    const live = TOTAL - 2;
    expect(page).toMatchObject({ total: live, page: 2, pageSize: 20 });
    expect(page.items).toHaveLength(20);
    const anh = (await (
      await officer(`${BASE}/non-responders?q=le%20van%20anh&unit=X-ANPHU`)
    ).json()) as NonResponderPage;
    expect(anh.items.map((r) => [r.name, r.phone, r.statusName])).toEqual([
      ['Lê Văn Ánh', '0911000111', 'Chưa mở'],
    ]);
    const csv = await (await officer(`${BASE}/non-responders?format=csv&pageSize=20`)).text();
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Họ và tên,Nhóm đối tượng,Đơn vị,Điện thoại,E-mail,Trạng thái,Số lần đã nhắc,Lần nhắc gần nhất',
    );
    expect(lines).toHaveLength(1 + live);
    expect(lines.join('\n')).not.toContain(done?.name);
  });
});

describe('reminding many at once', () => {
  const remind = (body: unknown) =>
    officer(`${BASE}/reminders`, { method: 'POST', body: JSON.stringify(body) });
  const remindersOf = async (q: string) =>
    (await list(`?q=${encodeURIComponent(q)}`)).items.map((i) => [i.name, i.reminders]);

  it('records one for each picked live link, or each one a filter matches, in one audit entry', async () => {
    const [anh] = (await list('?q=le%20van%20anh')).items;
    const [dao] = (await list('?q=tran%20thi%20dao')).items;
    expect(dao?.status).toBe('revoked');
    const picked = await remind({ channel: 'zalo', ids: [anh?.id, dao?.id] });
    expect(picked.status).toBe(200);
    // The revoked link is not reminded.
    expect(await picked.json()).toEqual({ recorded: 1 });
    expect(await remindersOf('le van anh')).toEqual([['Lê Văn Ánh', 1]]);
    expect(await remindersOf('tran thi dao')).toEqual([['Trần Thị Đào', 0]]);

    const all = await remind({
      channel: 'phone',
      filter: { q: 'nguyen van thu', group: 'LD_UBND_XA' },
    });
    expect(await all.json()).toEqual({ recorded: EXTRA / 2 });
    const found = await list('?q=nguyen%20van%20thu&group=LD_UBND_XA&pageSize=200');
    expect(found.items.every((i) => i.reminders === 1)).toBe(true);
    const audit = await ctx.db
      .selectFrom('auditLog')
      .select('details')
      .where('action', '=', 'reminders_sent')
      .execute();
    expect(audit.map((a) => JSON.parse(a.details ?? '{}').count)).toEqual([1, EXTRA / 2]);
  });

  it.each([
    [{ channel: 'zalo' }],
    [{ channel: 'zalo', ids: ['a'], filter: {} }],
    [{ channel: 'fax', ids: ['a'] }],
    [{ channel: 'zalo', ids: [] }],
    [{ channel: 'zalo', filter: { sort: 'name' } }],
  ])('refuses %j with 400 and records nothing', async (body) => {
    const before = await ctx.db.selectFrom('reminder').select('id').execute();
    const res = await remind(body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    expect(await ctx.db.selectFrom('reminder').select('id').execute()).toHaveLength(before.length);
  });

  it('refuses an unknown group in the filter with 400 invalid_query, recording nothing', async () => {
    const res = await remind({ channel: 'zalo', filter: { group: 'KHONG_CO' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_query');
  });
});
