import { beforeAll, describe, expect, it } from 'vitest';
import type { SipasPaperDesk } from '../../../contract/console/sipas-analysis';
import { checkChar, SERIAL_ALPHABET } from '../../../contract/serial';
import { builtInSipasDefinition } from '../../../questionnaires';
import { loadSipasDefinition } from '../../../questionnaires/sipas-load';
import { setCampaignOpen } from '../../../server/campaigns/service';
import { DEMO_CAMPAIGN_ID } from '../../../server/demo/demo';
import { questionsOf } from '../../../server/sipas/answer-view';
import { sipasPaperPage } from '../../../server/sipas/paper-print';
import { json, setup, signIn } from '../helpers';
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

const SERIAL = /<b>([2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z])<\/b>/g;
const post = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) });
const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string; message: string } }).error;
const desk = async (campaign = id) =>
  (await (await officer(`/api/campaigns/${campaign}/sipas/paper`)).json()) as SipasPaperDesk;
const enter = (serial: string, campaign = id, pointId = 'p1') =>
  officer(
    `/api/campaigns/${campaign}/sipas/paper`,
    post({
      serial,
      pointId,
      answers: { ...Object.fromEntries(ELEMENTS.map((e) => [e, 'X'])), TC1: '5' },
    }),
  );
const formsOnPaper = async () =>
  (await ctx.db.selectFrom('sipasForm').select('id').where('channel', '=', 'paper').execute())
    .length;

/** Prints `copies` copies and returns the serials printed on them (one per copy). */
async function print(query: string) {
  const res = await officer(`/api/campaigns/${id}/sipas/paper/print?${query}`);
  expect(res.status).toBe(200);
  const html = await res.text();
  const serials = [...new Set([...html.matchAll(SERIAL)].map((m) => m[1] ?? ''))];
  return { html, serials };
}

describe('SIPAS paper forms: the desk, the print, entering printed serials', () => {
  it('gives the office the questions, the pages per copy and the counts; staff only', async () => {
    const d = await desk();
    expect(d).toMatchObject({
      pagesPerForm: 2,
      maxCopies: 300,
      entered: 0,
      waiting: 0,
      locked: false,
    });
    expect(d.questions.aspects.flatMap((a) => a.elements.map((e) => e.id))).toEqual(ELEMENTS);
    expect(d.questions.perceptions).toHaveLength(6);
    expect(d.questions.choices.map((c) => c.id)).toEqual(['LINH_VUC', 'KENH', 'MONG_DOI']);
    expect((await analyst(`/api/campaigns/${id}/sipas/paper`)).status).toBe(403);
    expect((await analyst(`/api/campaigns/${id}/sipas/paper/print?copies=1`)).status).toBe(403);
    const par = await officer(`/api/campaigns/${DEMO_CAMPAIGN_ID}/sipas/paper`);
    expect([par.status, (await errorOf(par)).code]).toEqual([409, 'wrong_campaign_kind']);
  });

  it('prints every question with its boxes, a fresh serial a copy on both its pages', async () => {
    const { html, serials } = await print('copies=3');
    expect(serials).toHaveLength(3);
    expect(html.match(/<section class="page">/g)).toHaveLength(6);
    for (const s of serials) expect(html.split(`<b>${s}</b>`)).toHaveLength(3);
    for (const text of [
      'Nơi ngồi chờ giải quyết thủ tục hành chính',
      'Việc thông báo kết quả xử lý góp ý, phản ánh, kiến nghị',
      'Rất không hài lòng',
      'Rất hài lòng',
      'Không trả lời',
      'Có nơi để Ông/Bà góp ý, phản ánh, kiến nghị',
      'Ông/Bà đã nộp hồ sơ bằng cách nào?',
      '(chọn tối đa 3) <i>(đánh dấu các ô chọn)</i>',
      'Ông/Bà có góp ý gì thêm',
      '3 bản, 6 trang A4',
      // A yes/no statement: «Có» first, as the online form lists it.
      '<th class="lv">1<br>Có</th><th class="lv">2<br>Không</th>',
    ])
      expect(html).toContain(text);
    // A copy: 17 questions × 6 boxes, 6 statements × 3, 7 + 3 + 9 options; three copies.
    expect(html.match(/class="box"/g)).toHaveLength(3 * (17 * 6 + 6 * 3 + 19));
    expect(await desk()).toMatchObject({ entered: 0, waiting: 3 });
    const audit = await ctx.db
      .selectFrom('auditLog')
      .select(['details'])
      .where('action', '=', 'sipas_paper_printed')
      .execute();
    expect(audit.map((a) => JSON.parse(a.details ?? '{}'))).toEqual([{ count: 3 }]);
  });

  it('prints the collection point when one is chosen; refuses bad counts and unknown points', async () => {
    const { html } = await print('copies=1&point=p1');
    expect(html).toContain('Bộ phận Một cửa xã An Phú');
    for (const q of ['copies=0', 'copies=301', 'copies=abc', 'copies=1.5']) {
      const res = await officer(`/api/campaigns/${id}/sipas/paper/print?${q}`);
      expect([q, res.status, (await errorOf(res)).code]).toEqual([q, 400, 'invalid_query']);
    }
    const res = await officer(`/api/campaigns/${id}/sipas/paper/print?copies=1&point=nope`);
    expect(res.status).toBe(404);
    expect(await desk()).toMatchObject({ waiting: 4 });
  });

  it('takes a printed serial once, typed any way; a typo or a serial never printed is refused', async () => {
    const { serials } = await print('copies=2');
    const [first = '', second = ''] = serials;
    const before = await formsOnPaper();
    const res = await enter(first.toLowerCase().replaceAll('-', ' '));
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ serial: first.replaceAll('-', ''), pointId: 'p1' });
    const again = await enter(first);
    expect([again.status, await errorOf(again)]).toEqual([
      409,
      { code: 'serial_used', message: `Phiếu số ${first} đã được nhập.` },
    ]);
    // One character changed: the check character says so before anything is looked up.
    const body = second.replaceAll('-', '');
    const wrong = body[0] === '2' ? `3${body.slice(1)}` : `2${body.slice(1)}`;
    const typo = await enter(wrong);
    expect([typo.status, (await errorOf(typo)).code]).toEqual([422, 'invalid_serial']);
    // A well-made serial this campaign never printed.
    const made = 'ZZZZZZZZ';
    const never = await enter(made + checkChar(made));
    expect([never.status, (await errorOf(never)).code]).toEqual([404, 'serial_not_found']);
    expect(SERIAL_ALPHABET).toContain('Z');
    expect(await formsOnPaper()).toBe(before + 1);
    expect(await desk()).toMatchObject({ entered: 1, waiting: 5 });
  });

  it("keeps the office's own numbers; a printed serial of another campaign is not this one's", async () => {
    expect((await enter('HQ-0001')).status).toBe(201);
    expect((await desk()).entered).toBe(2);
    const made = await officer('/api/campaigns', json({ name: 'SIPAS khác', kind: 'sipas' }));
    const { id: other } = (await made.json()) as { id: string };
    await ctx.db
      .insertInto('collectionPoint')
      .values({
        id: 'q1',
        campaignId: other,
        code: 'QOTHER',
        name: 'Điểm khác',
        unitCode: 'X-ANPHU',
        serviceArea: null,
        opens: '07:30',
        closes: '17:00',
        weekdays: '1,2,3,4,5',
        position: 1,
        createdAt: new Date().toISOString(),
      })
      .execute();
    await setCampaignOpen(ctx.db, other, true);
    const { serials } = await print('copies=1');
    const res = await enter(serials[0] ?? '', other, 'q1');
    expect([res.status, (await errorOf(res)).code]).toEqual([404, 'serial_not_found']);
  });

  it('looks a serial up before the form is typed: entered or not, a typo or one never printed (qa8)', async () => {
    const { serials } = await print('copies=1');
    const [fresh = ''] = serials;
    const lookup = (serial: string) =>
      officer(`/api/campaigns/${id}/sipas/paper/serials/${encodeURIComponent(serial)}`);
    const before = await formsOnPaper();
    const open = await lookup(fresh.toLowerCase());
    expect([open.status, await open.json()]).toEqual([200, { serial: fresh, entered: false }]);
    expect((await enter(fresh)).status).toBe(201);
    const done = await lookup(fresh);
    expect([done.status, await done.json()]).toEqual([200, { serial: fresh, entered: true }]);
    // The office's own numbers: entered once HQ-0001 was (an earlier test), free otherwise.
    expect(await (await lookup('HQ-0001')).json()).toEqual({ serial: 'HQ0001', entered: true });
    expect(await (await lookup('HQ-0999')).json()).toEqual({ serial: 'HQ0999', entered: false });
    const body = fresh.replaceAll('-', '');
    const typo = await lookup(body[0] === '2' ? `3${body.slice(1)}` : `2${body.slice(1)}`);
    expect([typo.status, (await errorOf(typo)).code]).toEqual([422, 'invalid_serial']);
    const made = 'ZZZZZZZY';
    const never = await lookup(made + checkChar(made));
    expect([never.status, (await errorOf(never)).code]).toEqual([404, 'serial_not_found']);
    // Nothing is written by a lookup; an analyst may not look.
    expect(await formsOnPaper()).toBe(before + 1);
    expect((await analyst(`/api/campaigns/${id}/sipas/paper/serials/HQ0001`)).status).toBe(403);
  });

  it('prints nothing once the campaign is closed', async () => {
    await setCampaignOpen(ctx.db, id, false);
    const res = await officer(`/api/campaigns/${id}/sipas/paper/print?copies=1`);
    expect([res.status, (await errorOf(res)).code]).toEqual([410, 'closed']);
  });

  it('says on the desk when an official run is locked, and refuses the entry then', async () => {
    const before = await formsOnPaper();
    const made = await analyst(`/api/campaigns/${id}/sipas/runs`, post({}));
    expect(made.status).toBe(201);
    const run = (await made.json()) as { id: string };
    expect((await desk()).locked).toBe(false);
    const lock = await analyst(`/api/campaigns/${id}/sipas/runs/${run.id}/lock`, post(undefined));
    expect(lock.status).toBe(200);
    expect((await desk()).locked).toBe(true);
    const res = await enter('HQ-LOCK-0001');
    expect([res.status, (await errorOf(res)).code]).toEqual([409, 'results_locked']);
    expect(await formsOnPaper()).toBe(before);
  });
});

describe('the printed form of a definition with scales of other lengths', () => {
  it('gives a question on another scale its own header row and only its boxes', () => {
    const q = structuredClone(questionsOf(loadSipasDefinition(builtInSipasDefinition() as never)));
    q.scales.push({
      code: 'BA_MUC',
      options: [
        { code: 'K', label: 'Kém' },
        { code: 'TB', label: 'Trung bình' },
        { code: 'T', label: 'Tốt' },
      ],
      noAnswer: { code: 'X', label: 'Không trả lời' },
    });
    const tt1 = q.aspects[1]?.elements[0];
    if (tt1) tt1.scale = 'BA_MUC';
    const html = sipasPaperPage({
      campaignName: 'Thử',
      point: null,
      questions: q,
      serials: ['K7QM4X2PR'],
      publicUrl: 'https://khaosat.example.vn',
    });
    const levels = html.slice(html.indexOf('<table class="levels"'));
    const table = levels.slice(0, levels.indexOf('</table>'));
    // The first header, the three-level one before TT1, the five-level one again before TT2.
    expect(table.match(/<tr><th>/g)).toHaveLength(3);
    expect(table).toContain(
      '<th class="lv">3<br>Tốt</th><th class="lv">0<br>Không trả lời</th><th class="lv"></th><th class="lv"></th>',
    );
    expect(table.match(/class="box"/g)).toHaveLength(16 * 6 + 4);
  });
});
