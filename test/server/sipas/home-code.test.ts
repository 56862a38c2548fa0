import { beforeEach, describe, expect, it } from 'vitest';
import { solveChallenge } from '../../../server/auth/proof';
import { signIn } from '../helpers';
import { browser, fullAnswer, sipasSetup } from './answer-fixture';

// The home page's box «Hoặc nhập mã in trên phiếu mời…» (POST /code) takes a SIPAS one-time
// code as well as a PAR invitation's short code: a citizen without a QR scanner types the code
// printed on the slip (issue #14; QA6 finding 3).
let ctx: Awaited<ReturnType<typeof sipasSetup>>;
beforeEach(async () => {
  ctx = await sipasSetup();
});

const postCode = (fields: Record<string, string>) =>
  ctx.app.request('/code', { method: 'POST', body: new URLSearchParams(fields) });
const printed = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

describe('a SIPAS one-time code typed on the home page', () => {
  it('lands on that code’s form, however it is typed, and the form shows the code', async () => {
    const code = ctx.codes[1] ?? '';
    const dashed = printed(code);
    for (const typed of [dashed, code.toLowerCase(), ` ${code.slice(0, 4)} ${code.slice(4)} `]) {
      const res = await postCode({ code: typed });
      expect(res.status, typed).toBe(303);
      expect(res.headers.get('location'), typed).toBe(`/c/${dashed}`);
    }
    const page = await ctx.app.request(`/c/${dashed}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Bộ phận Một cửa AAA222');
    expect(html).toContain(dashed);
    expect(html).toContain('>Bắt đầu</button>');
  });

  it('sends a used code to its page, which says kindly that it was used', async () => {
    const code = ctx.codes[2] ?? '';
    expect((await browser(ctx.app).submit('AAA222', { ...fullAnswer(), code })).status).toBe(201);
    const res = await postCode({ code });
    expect(res.status).toBe(303);
    const page = await ctx.app.request(res.headers.get('location') ?? '');
    expect(page.status).toBe(409);
    expect(await page.text()).toContain('Mã này đã được dùng để góp ý');
  });

  it('still opens a PAR invitation’s short code, and refuses a code that is neither as before', async () => {
    const officer = await signIn(ctx, 'officer');
    const items = (
      (await (await officer('/api/campaigns/demo-2023/invitations')).json()) as {
        items: { shortCode: string; link: string }[];
      }
    ).items;
    const par = items[0];
    const ok = await postCode({ code: par?.shortCode ?? '' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/s/${par?.link.split('/s/')[1]}`);
    const wrong = await postCode({ code: 'ZZZZ-ZZZZ' });
    expect(wrong.status).toBe(404);
    expect(await wrong.text()).toContain(
      'Mã không đúng. Vui lòng kiểm tra lại mã in trên phiếu mời hoặc mã góp ý dùng một lần.',
    );
  });

  it('costs a guess the same budget as a PAR code: past 300 wrong codes, a proof of work first', async () => {
    const code = ctx.codes[3] ?? '';
    // Codes that open a form do not spend the budget.
    for (let i = 0; i < 5; i++) expect((await postCode({ code })).status).toBe(303);
    for (let i = 0; i < 300; i++)
      expect((await postCode({ code: `ZZZZ-${String(i).padStart(4, 'Z')}` })).status).toBe(404);
    const asked = await postCode({ code });
    expect(asked.status).toBe(429);
    const page = await asked.text();
    expect(page).toContain('Đang kiểm tra an toàn');
    expect(page).not.toContain('/c/');
    const challenge = /data-challenge="([^"]+)"/.exec(page)?.[1] ?? '';
    const opened = await postCode({ code, ...solveChallenge(challenge) });
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe(`/c/${printed(code)}`);
  }, 60_000);
});

describe('a code or poster that cannot be answered (QA6)', () => {
  const pitch = ['Phiếu gồm các câu hỏi ngắn', 'Phiếu không ghi họ tên', '>Bắt đầu</button>'];
  const shown = (html: string) => /<div id="app">([\s\S]*?)<\/main>/.exec(html)?.[1] ?? '';

  it('shows a used code only its refusal, kindly, with the code, thanking once', async () => {
    const code = ctx.codes[4] ?? '';
    expect((await browser(ctx.app).submit('AAA222', { ...fullAnswer(), code })).status).toBe(201);
    const res = await ctx.app.request(`/c/${code}`);
    expect(res.status).toBe(409);
    const main = shown(await res.text());
    expect(main).toContain('Bộ phận Một cửa AAA222');
    expect(main).toContain('>Cảm ơn Ông/Bà!</h1>');
    expect(main).toContain('Mã này đã được dùng để góp ý. Mỗi mã chỉ dùng được một lần.');
    expect(main).toContain(printed(code));
    for (const words of pitch) expect(main).not.toContain(words);
    expect(main.match(/Cảm ơn Ông\/Bà/g)).toHaveLength(1);
  });

  it('shows a closed campaign’s poster only that it has ended', async () => {
    await ctx.db
      .updateTable('campaign')
      .set({ closesAt: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', ctx.campaignId)
      .execute();
    const res = await ctx.app.request('/p/BBB333');
    expect(res.status).toBe(410);
    const main = shown(await res.text());
    expect(main).toContain('>Đợt lấy ý kiến đã kết thúc</h1>');
    expect(main).toContain('Cảm ơn Ông/Bà đã quan tâm.');
    for (const words of pitch) expect(main).not.toContain(words);
  });
});
