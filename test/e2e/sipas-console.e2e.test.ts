import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../server/auth/users';
import { findCampaign } from '../../server/campaigns/queries';
import { createSipasDemo, SIPAS_DEMO_ID } from '../../server/demo/sipas';
import { addOrganisation } from '../../server/organisations/service';
import { createPoint } from '../../server/sipas/points';
import { posterPage } from '../../server/sipas/print';
import { ARTIFACTS, canRunBrowser, keepScreenshot, phoneContext, useJourney } from './harness';

const ADMIN = { email: 'quantri@dongnai.gov.vn', password: 'mật-khẩu-quản-trị-dài' };
const OFFICER = { email: 'canbo@dongnai.gov.vn', password: 'mật-khẩu-cán-bộ-dài' };
/** A realistic long point name (qa6: 73 characters and more ran over the code sheet's cut line). */
const LONG_POINT =
  'Bộ phận Tiếp nhận và Trả kết quả giải quyết thủ tục hành chính UBND xã Tân Khai';

/**
 * What an officer and an admin see of SIPAS and accounts in Chromium, on a phone (360×740) and a
 * laptop (1280×800): the points table breaks neither a poster's code nor an opening time, the
 * code sheet keeps every line within its slip, the accounts' selects stay within their cards.
 */
describe.skipIf(!canRunBrowser)('SIPAS console and accounts, as laid out', () => {
  let context: BrowserContext;
  let page: Page;
  let step = 'start';
  const journey = useJourney('sipas-console', () => ({ page, context, step }));

  beforeAll(async () => {
    const { db, base } = journey.server;
    const province = await addOrganisation(db, {
      name: 'Tỉnh Đồng Nai',
      parentId: 'root',
      officialCode: '75',
      kind: 'tỉnh',
    });
    const commune = await addOrganisation(db, {
      name: 'Xã Tân Hưng, tỉnh Đồng Nai (Bộ phận Một cửa)',
      parentId: province.id,
      kind: 'xã',
    });
    // The province's admin moves accounts between the province and its commune; the officer is
    // of the whole system, as the SIPAS demo campaign.
    await addUser(db, {
      ...ADMIN,
      role: 'admin',
      name: 'Quản trị tỉnh',
      organisationId: province.id,
    });
    await addUser(db, { ...OFFICER, role: 'officer', name: 'Cán bộ nội vụ' });
    await addUser(db, {
      email: 'canbo@tanhung.gov.vn',
      password: OFFICER.password,
      role: 'officer',
      name: 'Cán bộ xã',
      organisationId: commune.id,
    });
    await createSipasDemo(db, base);
    const campaign = await findCampaign(db, SIPAS_DEMO_ID);
    if (!campaign) throw new Error('no SIPAS demo');
    await createPoint(db, campaign, {
      name: LONG_POINT,
      unitCode: '25357',
      serviceArea: 'Đất đai',
      opens: '07:00',
      closes: '17:00',
      weekdays: [1, 2, 3, 4, 5, 6],
      dailyLimit: 1,
    });
  });

  async function signIn(who: typeof ADMIN, phone: boolean) {
    await context?.close();
    context = phone
      ? await phoneContext(journey.browser)
      : await journey.browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    await page.goto(`${journey.server.base}/console`);
    await page.getByLabel('E-mail').fill(who.email);
    await page.getByLabel('Mật khẩu').fill(who.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Các đợt khảo sát' }).waitFor();
  }

  /**
   * How many lines each piece of text takes in the cells matched (1: never broken): the poster's
   * code at the end of each address, the hours and the days of each opening time.
   */
  const linesOf = (selector: string, split: 'code' | 'hours') =>
    page.locator(selector).evaluateAll(
      (els, how) =>
        els.flatMap((el) => {
          const whole = el.textContent ?? '';
          const texts = how === 'code' ? [whole.split('/').at(-1) ?? ''] : whole.split(', ');
          const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
          const nodes: Text[] = [];
          while (walker.nextNode()) nodes.push(walker.currentNode as Text);
          return texts.map((text) => {
            const at = whole.indexOf(text);
            const range = document.createRange();
            let seen = 0;
            for (const n of nodes) {
              const end = seen + n.data.length;
              if (at >= seen && at < end) range.setStart(n, at - seen);
              if (at + text.length > seen && at + text.length <= end) {
                range.setEnd(n, at + text.length - seen);
                break;
              }
              seen = end;
            }
            const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
            return { text, lines: tops.size };
          });
        }),
      split,
    );

  it.each([
    ['laptop', false],
    ['phone', true],
  ])(
    'points table (%s): a poster’s code and an opening time are never cut in two',
    async (name, phone) => {
      step = `points-${name}`;
      await signIn(OFFICER, phone);
      await page.goto(`${journey.server.base}/console/c/${SIPAS_DEMO_ID}`);
      await page.getByRole('table', { name: 'Các điểm thu thập' }).waitFor();
      await keepScreenshot(page, `sipas-console-points-${name}`);
      const codes = await linesOf('.point-url', 'code');
      expect(codes).toHaveLength(4);
      for (const c of codes)
        expect(c).toEqual({ text: expect.stringMatching(/^\w{6}$/), lines: 1 });
      const hours = await linesOf('td[data-label="Giờ làm việc"]', 'hours');
      expect(hours.map((h) => h.text)).toContain('07:00–17:00');
      expect(hours.map((h) => h.text)).toContain('T2–T7');
      for (const h of hours) expect(h.lines, h.text).toBe(1);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(
        phone ? 360 : 1280,
      );
      // No text and no control in a row (a phone's card) reaches past its right edge.
      const past = await page.locator('table tbody tr').evaluateAll((rows) =>
        rows.flatMap((tr) => {
          const edge = tr.getBoundingClientRect().right + 0.5;
          const walker = document.createTreeWalker(tr, NodeFilter.SHOW_TEXT);
          const out: string[] = [];
          while (walker.nextNode()) {
            const range = document.createRange();
            range.selectNodeContents(walker.currentNode);
            if (range.getBoundingClientRect().right > edge)
              out.push(walker.currentNode.textContent ?? '');
          }
          for (const el of tr.querySelectorAll('input, button, select, a'))
            if (el.getBoundingClientRect().right > edge) out.push(el.textContent ?? el.tagName);
          return out;
        }),
      );
      expect(past).toEqual([]);
    },
  );

  it.each(['A4', 'A5'] as const)(
    'poster %s: with a long host the point’s code is printed whole, on its own line',
    async (size) => {
      step = `poster-${size}`;
      await context?.close();
      context = await journey.browser.newContext({ viewport: { width: 900, height: 1200 } });
      page = await context.newPage();
      const host = 'https://khaosat.sonoivu.dongnai.gov.vn';
      await page.setContent(
        posterPage({
          size,
          url: `${host}/p/K7QM4X`,
          unit: 'Xã Tân Khai',
          pointName: LONG_POINT,
          serviceArea: 'Đất đai',
          campaignName: 'Khảo sát sự hài lòng 2026',
          publicUrl: host,
          other: '#',
          minutes: 4,
        }),
      );
      await page.emulateMedia({ media: 'print' });
      const address = page.locator('.address');
      expect(await address.textContent()).toBe('khaosat.sonoivu.dongnai.gov.vn/p/K7QM4X');
      expect(await linesOf('.address', 'code')).toEqual([{ text: 'K7QM4X', lines: 1 }]);
      await address.screenshot({ path: `${ARTIFACTS}/sipas-console-poster-${size}.png` });
    },
  );

  it('code sheet: with a long point name every line stays in its slip, 24 slips on one A4 page', async () => {
    step = 'sheet';
    await signIn(OFFICER, false);
    await page.goto(`${journey.server.base}/console/c/${SIPAS_DEMO_ID}`);
    const row = page.getByRole('row').filter({ hasText: LONG_POINT });
    await row.getByLabel('Số mã').fill('24');
    await row.getByRole('button', { name: 'Tạo mã dùng một lần' }).click();
    const [sheet] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('link', { name: 'Mở trang in mã' }).click(),
    ]);
    page = sheet;
    await page.waitForLoadState('load');
    await page.emulateMedia({ media: 'print' });
    const outside = await page.locator('.cell').evaluateAll((cells) =>
      cells.flatMap((cell) => {
        const box = cell.getBoundingClientRect();
        return [...cell.querySelectorAll('.where, .code, .once, .typed')]
          .filter((el) => {
            const r = el.getBoundingClientRect();
            return r.bottom > box.bottom + 0.5 || r.right > box.right + 0.5 || r.height === 0;
          })
          .map((el) => el.className);
      }),
    );
    expect(outside).toEqual([]);
    expect(await page.locator('.cell').count()).toBe(24);
    expect(await page.locator('.once').first().textContent()).toContain('phiếu không ghi họ tên');
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)).toHaveLength(1);
    await page.emulateMedia({ media: 'screen' });
    await keepScreenshot(page, 'sipas-console-sheet');
  });

  it('accounts (phone): each select stays within its card; (laptop) the page is not wider than the screen', async () => {
    step = 'accounts-phone';
    await signIn(ADMIN, true);
    await page.goto(`${journey.server.base}/console/admin/users`);
    await page.getByLabel('Tổ chức của Cán bộ xã').waitFor();
    await keepScreenshot(page, 'sipas-console-accounts-phone');
    const out = await page.locator('table.accounts select').evaluateAll((selects) =>
      selects
        .filter((s) => {
          const card = s.closest('tr')?.getBoundingClientRect();
          const r = s.getBoundingClientRect();
          return !card || r.right > card.right || r.left < card.left;
        })
        .map((s) => s.getAttribute('aria-label')),
    );
    expect(out).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(360);

    step = 'accounts-laptop';
    await signIn(ADMIN, false);
    await page.goto(`${journey.server.base}/console/admin/users`);
    await page.getByLabel('Tổ chức của Cán bộ xã').waitFor();
    await keepScreenshot(page, 'sipas-console-accounts-laptop');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(1280);
    // Every row's actions within the table's box, not behind a sideways scroll.
    const cut = await page.locator('table.accounts .row-actions button').evaluateAll((buttons) =>
      buttons
        .filter((b) => {
          const box = b.closest('.table-wrap')?.getBoundingClientRect();
          return !box || b.getBoundingClientRect().right > box.right;
        })
        .map((b) => b.textContent),
    );
    expect(cut).toEqual([]);
  });
});
