import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { setCampaignOpen } from '../../server/campaigns/service';
import { DEMO_CAMPAIGN_ID } from '../../server/demo/demo';
import { signIn, config as testConfig } from '../server/helpers';
import { submitForms } from '../server/results/helpers';
import { plantSeason, sipasCampaign } from '../server/sipas/analysis-helpers';
import { axeFindings, describeFindings } from './axe';
import { ARTIFACTS, canRunBrowser, keepScreenshot, useJourney } from './harness';

const OFFICER = {
  email: 'motcua@honquan.vn',
  password: 'mật-khẩu-một-cửa-dài',
  name: 'Trần Thị Bình',
};
const ANALYST = {
  email: 'thamdinh@honquan.vn',
  password: 'mật-khẩu-thẩm-định-dài',
  name: 'Lê Văn Thẩm',
};
/** The secret of harness.ts startServer. */
const SECRET = 'e2e-secret-e2e-secret-e2e-secret-0123456789';

const PHONE = { width: 360, height: 740 };
const LAPTOP = { width: 1280, height: 800 };

/**
 * Issue #14, the analyst's side: a SIPAS season with a planted burst at one point (30 forms in
 * one 10-minute slot), closed from the console; the analyst sees the burst flagged in the days
 * table, makes the official run and a trial without the flagged days (which names the days it
 * left out), locks the official run, links it into the closed PAR campaign's field LV8, and sees
 * the SIPAS points in that campaign's total PAR index. At a phone's width and a laptop's.
 */
describe.skipIf(!canRunBrowser)('the analyst reads SIPAS and puts it into the PAR index', () => {
  let context: BrowserContext;
  let page: Page;
  let step = 'start';
  const journey = useJourney('sipas-analyst', () => ({ page, context, step }), [
    { ...OFFICER, role: 'officer' },
    { ...ANALYST, role: 'analyst' },
  ]);
  let sipasId = '';

  beforeAll(async () => {
    const db = journey.server.db;
    // The set-up of the server tests (test/server/sipas/link.test.ts), on the journey's database.
    const app = createApp({ db, config: { ...testConfig, secret: SECRET } });
    const links = journey.server.links;
    const ctx = {
      db,
      app,
      links,
      tokens: (group: string) =>
        links.filter((l) => l.group_code === group).map((l) => l.link.split('/s/')[1] ?? ''),
    } as unknown as Parameters<typeof sipasCampaign>[0];
    sipasId = await sipasCampaign(ctx, await signIn(ctx, 'officer'));
    // p1 (An Phú) Mon 02/03: 30 forms in one slot — Dồn dập and 100% hài lòng; Tue clean;
    // p2 (Minh Tâm) Tue 3 forms (under k), Sun 6 forms outside the opening days.
    await plantSeason(ctx, sipasId);
    // The PAR season: answered, closed, its appraised self-assessment imported (LV8 6.00 of 70.00).
    await submitForms(ctx, 'HDND_HUYEN', 'A', 3);
    await submitForms(ctx, 'LD_CQCM_HUYEN', 'B', 3);
    await setCampaignOpen(db, DEMO_CAMPAIGN_ID, false);
    const row = (unitCode: string, fieldCode: string, points: string) => ({
      campaignId: DEMO_CAMPAIGN_ID,
      unitCode,
      fieldCode,
      points,
      importedAt: new Date().toISOString(),
      importedBy: null,
    });
    await db
      .insertInto('selfAssessment')
      .values([
        row('X-ANPHU', '', '70.00'),
        row('X-ANPHU', 'LV1', '64.00'),
        row('X-ANPHU', 'LV8', '6.00'),
        row('X-MINHTAM', '', '60.00'),
      ])
      .execute();
  }, 60_000);

  async function signInAs(user: { email: string; password: string }, size = LAPTOP) {
    // bypassCSP: axe-core's script tag (the checks below) runs under the console's CSP.
    context = await journey.browser.newContext({
      viewport: size,
      locale: 'vi-VN',
      bypassCSP: true,
    });
    page = await context.newPage();
    await page.goto(`${journey.server.base}/console`);
    await page.getByLabel('E-mail').fill(user.email);
    await page.getByLabel('Mật khẩu').fill(user.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Các đợt khảo sát' }).waitFor();
  }

  /** Nothing on the page is wider than the screen (no sideways scrolling on a phone). */
  const fitsWidth = async (name: string) => {
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      screen: window.innerWidth,
    }));
    expect(
      widths.page,
      `${name}: ${widths.page}px on a ${widths.screen}px screen`,
    ).toBeLessThanOrEqual(widths.screen);
  };
  /** A picture of one part of the page (a phone's full page is metres long). */
  const shot = (part: Locator, name: string) =>
    part.screenshot({ path: join(ARTIFACTS, `${name}.png`) }).catch(() => undefined);
  /** axe-core on the page as it is now (as test/e2e/a11y does): nothing to find. */
  const accessible = async (where: string) => {
    const findings = await axeFindings(page);
    expect.soft(findings, describeFindings(where, findings)).toEqual([]);
  };
  const results = () => `${journey.server.base}/console/c/${sipasId}/results`;
  const main = () => page.locator('main');

  it('the officer closes the SIPAS campaign from the console', async () => {
    await signInAs(OFFICER);
    step = 'close';
    await page.goto(`${journey.server.base}/console/c/${sipasId}`);
    await page.getByRole('button', { name: 'Đóng đợt khảo sát' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Đóng đợt khảo sát' }).click();
    await page.locator('.meta .phase', { hasText: 'Đã đóng' }).waitFor();
  });

  it('the analyst sees the planted burst flagged in the days table', async () => {
    await signInAs(ANALYST);
    step = 'days';
    await page.goto(`${journey.server.base}/console/c/${sipasId}`);
    await page.getByRole('link', { name: 'Hài lòng (SIPAS)' }).click();
    const table = page.getByRole('table', { name: /Số phiếu và dấu hiệu/ });
    await table.waitFor();
    const burstDay = table.getByRole('row', { name: /An Phú.*02\/03\/2026/ });
    expect(await burstDay.textContent()).toContain('Dồn dập');
    expect(await burstDay.textContent()).toContain('100% hài lòng (trực tuyến)');
    expect(await burstDay.textContent()).toContain('30');
    const clean = table.getByRole('row', { name: /An Phú.*03\/03\/2026/ });
    expect(await clean.textContent()).not.toContain('Dồn dập');
    const small = table.getByRole('row', { name: /Minh Tâm.*03\/03\/2026/ });
    expect(await small.textContent()).toContain('dưới 5 phiếu');
    const lead = await page
      .locator('section[aria-labelledby="sipas-days-title"] .lead')
      .textContent();
    // Four rows (point × day) over three calendar days at the two points; two rows flagged.
    expect(lead).toContain(
      '3 ngày có phiếu, tại 2 điểm: 4 dòng (điểm × ngày); 2 dòng có dấu hiệu bất thường.',
    );
    expect(await burstDay.textContent()).toContain('T2 02/03/2026');
    await fitsWidth('days table at 1280 px');
    await accessible('days table');
    await keepScreenshot(page, 'sipas-analyst-1-days-laptop');

    step = 'days phone';
    await page.setViewportSize(PHONE);
    await table.waitFor();
    await fitsWidth('days table at 360 px');
    await keepScreenshot(page, 'sipas-analyst-2-days-phone');
    await page.setViewportSize(LAPTOP);
  }, 60_000);

  it('makes the official run and a trial that lists the days it left out', async () => {
    await signInAs(ANALYST);
    step = 'official';
    await page.goto(results());
    await page.getByRole('button', { name: 'Tính chính thức (mọi ngày)' }).click();
    const title = page.locator('#sipas-run-title');
    await expect.poll(() => title.textContent()).toContain('Chính thức');
    const units = page.getByRole('table', { name: 'Chỉ số hài lòng theo đơn vị' });
    // An Phú: 36 of 40 forms satisfied on every element = 90 %; Minh Tâm: 0 of 9.
    expect(await units.getByRole('row', { name: /An Phú/ }).textContent()).toContain('90,00%');
    expect(await page.locator('.sipas-method').textContent()).toContain('chính thức');
    // It counted the flagged days and says so (qa7).
    expect(await page.locator('.sipas-method').textContent()).toContain(
      'kể cả 2 ngày có dấu hiệu bất thường',
    );
    const officialUrl = page.url();

    step = 'trial';
    await page.getByRole('button', { name: 'Tính thử, bỏ ngày có dấu hiệu' }).click();
    await expect.poll(() => title.textContent()).toContain('Thử nghiệm');
    const words = (await page.locator('.sipas-method').textContent()) ?? '';
    expect(words).toContain('Bộ phận Một cửa xã An Phú, 02/03/2026 (Dồn dập');
    expect(words).toContain('Bộ phận Một cửa xã Minh Tâm, 08/03/2026 (Ngoài giờ làm việc)');
    // Without the burst: An Phú 6 of 10 = 60 %.
    expect(await units.getByRole('row', { name: /An Phú/ }).textContent()).toContain('60,00%');
    expect(await page.getByRole('button', { name: 'Khóa để công bố' }).count()).toBe(0);
    await fitsWidth('trial run at 1280 px');
    await keepScreenshot(page, 'sipas-analyst-3-trial-laptop');
    step = 'trial phone';
    await page.setViewportSize(PHONE);
    await fitsWidth('trial run at 360 px');
    await accessible('trial run, phone');
    await keepScreenshot(page, 'sipas-analyst-4-trial-phone');
    await page.setViewportSize(LAPTOP);

    step = 'lock';
    await page.goto(officialUrl);
    await page.getByRole('button', { name: 'Khóa để công bố' }).click();
    // The run counts flagged days: the console asks first, saying so.
    const ask = page.getByRole('alertdialog');
    expect(await ask.textContent()).toContain('tính cả 2 ngày có dấu hiệu bất thường');
    await ask.getByRole('button', { name: 'Khóa để công bố' }).click();
    await expect.poll(() => title.textContent()).toContain('Đã khóa');
    await page.getByRole('heading', { name: 'Đưa vào Chỉ số CCHC' }).waitFor();
    await fitsWidth('locked run at 1280 px');
    await keepScreenshot(page, 'sipas-analyst-5-locked-laptop');
    step = 'locked phone';
    await page.setViewportSize(PHONE);
    await fitsWidth('locked run at 360 px');
    await keepScreenshot(page, 'sipas-analyst-6-locked-phone');
    await shot(
      page.locator('section[aria-labelledby="sipas-run-title"]'),
      'sipas-analyst-6b-run-phone',
    );
  }, 60_000);

  it('links the locked run into the PAR campaign and sees it in the total PAR index', async () => {
    await signInAs(ANALYST);
    step = 'par total before';
    const par = `${journey.server.base}/console/c/${DEMO_CAMPAIGN_ID}/results`;
    const anPhu = () =>
      page
        .locator('table.r-ranking tr', { has: page.getByRole('link', { name: 'UBND xã An Phú' }) })
        .locator('td[data-label="Chỉ số CCHC"]');
    /** «Chạy tính điểm», then An Phú's total PAR index once the new run is on the screen. */
    const parTotal = async () => {
      const old = page.url();
      await page.getByRole('button', { name: 'Chạy tính điểm' }).click();
      await page.waitForURL((u) => u.href !== old && /\/results\/[^/]+$/.test(u.pathname));
      const runId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
      await page.locator('code', { hasText: runId }).first().waitFor();
      await anPhu().waitFor();
      return Number((await anPhu().textContent())?.replace(/[^\d,]/g, '').replace(',', '.'));
    };
    await page.goto(par);
    const before = await parTotal();
    expect(await main().textContent()).not.toContain('từ SIPAS');

    step = 'link';
    await page.goto(results());
    const form = page.getByRole('form', { name: 'Đưa vào Chỉ số CCHC' });
    await form.waitFor();
    await form.getByRole('combobox', { name: /^Đợt Chỉ số CCHC/ }).selectOption(DEMO_CAMPAIGN_ID);
    await form.getByRole('combobox', { name: /^Lĩnh vực/ }).selectOption('LV8');
    const max = form.getByLabel('Điểm tối đa của lĩnh vực');
    await max.fill('mười');
    await form.getByRole('button', { name: 'Đưa vào' }).click();
    await expect
      .poll(() => form.locator('.field-error').textContent())
      .toBe('Điểm tối đa là một số viết bằng chữ số, ví dụ 10 hoặc 2,5.');
    await keepScreenshot(page, 'sipas-analyst-7-max-in-words', { fullPage: false });
    await max.fill('10');
    await form.getByRole('button', { name: 'Đưa vào' }).click();
    await expect.poll(() => form.textContent()).toContain('Đã liên kết: lĩnh vực LV8');

    step = 'reload shows the link';
    await page.reload();
    const linked = form.getByRole('list', { name: 'Đang đưa vào Chỉ số CCHC' });
    await linked.waitFor();
    expect(await linked.textContent()).toContain('lĩnh vực LV8, tối đa 10 điểm');
    expect(await max.inputValue()).toBe('10');
    await accessible('linked run');
    await keepScreenshot(page, 'sipas-analyst-8-linked-laptop');
    await page.setViewportSize(PHONE);
    await fitsWidth('linked run at 360 px');
    await accessible('linked run, phone');
    await shot(form, 'sipas-analyst-9-linked-phone');
    await page.setViewportSize(LAPTOP);

    step = 'par total';
    await page.goto(par);
    // The total made before the link is no longer the one to publish, and says so.
    await expect
      .poll(() => page.getByRole('table', { name: /Các lần tính điểm/ }).textContent())
      .toContain('Điểm tự đánh giá hoặc SIPAS đã thay đổi sau lần tính');
    // An Phú: self-assessment 70 − LV8's 6 + 90 % × 10 = 73: three points more than before.
    const after = await parTotal();
    expect(Math.round((after - before) * 100)).toBe(300);
    const text = (await main().textContent()) ?? '';
    expect(text).toContain('Lĩnh vực LV8 từ SIPAS');
    expect(text).toContain('điểm = chỉ số hài lòng của đơn vị × 10');
    const detail = page.locator('section', {
      has: page.getByRole('heading', { name: 'Chi tiết đơn vị' }),
    });
    await detail.getByRole('combobox', { name: /^Đơn vị/ }).selectOption('X-ANPHU');
    const stat = (label: string) =>
      detail
        .locator('dl.r-stats > div', { has: page.getByText(label, { exact: true }) })
        .locator('dd');
    await expect.poll(() => stat('LV8 từ SIPAS').textContent()).toBe('9,00');
    expect(await stat('Điểm tự đánh giá (LV8 theo SIPAS)').textContent()).toBe('73,00');
    await shot(detail.locator('dl.r-stats'), 'sipas-analyst-10-par-unit');
    await keepScreenshot(page, 'sipas-analyst-10-par-total');

    step = 'unlink';
    await page.goto(results());
    await form.getByRole('button', { name: /^Bỏ liên kết lĩnh vực LV8 của / }).click();
    await expect.poll(() => form.textContent()).toContain('lại lấy điểm tự đánh giá');
    // The run is read again: it feeds no field any more.
    await expect.poll(() => linked.count()).toBe(0);
    await form.getByRole('link', { name: 'chạy lại lần tính Chỉ số CCHC tổng' }).click();
    await page.waitForURL(par);
    expect(await parTotal()).toBe(before);
  }, 90_000);
});
