import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtInSipasDefinition, builtInUnitSet } from '../../questionnaires';
import { loadSipasDefinition } from '../../questionnaires/sipas-load';
import { createCampaign } from '../../server/campaigns/service';
import { randomId } from '../../server/secrets';
import { storeSipasForm } from '../../server/sipas/answer-store';
import { axeFindings, BLOCKING, describeFindings } from './axe';
import { canRunBrowser, keepScreenshot, useJourney } from './harness';

/** The secret of harness.ts startServer. */
const SECRET = 'e2e-secret-e2e-secret-e2e-secret-0123456789';
const ADMIN = {
  email: 'sipas.giay@noivu.gov.vn',
  password: 'mật-khẩu-phiếu-giấy-dài',
  name: 'Cán bộ phiếu giấy',
};

/** Pages of a PDF as Chromium writes it: one "/Type /Page" object per page. */
const pageCount = (pdf: Buffer) =>
  (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;

/**
 * Issue #14.5 in real Chromium: the office prints a SIPAS paper form (two A4 pages a copy, as
 * the console says, nothing cut off), types the returned copy back by its serial from the
 * keyboard, and the day's table counts it under «Phiếu giấy».
 */
describe.skipIf(!canRunBrowser)('SIPAS paper forms: printed, typed back, counted apart', () => {
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let step = 'start';
  const journey = useJourney('sipas-paper', () => ({ page, context, step }), [
    { ...ADMIN, role: 'admin' },
  ]);
  let campaignId = '';

  beforeAll(async () => {
    const db = journey.server.db;
    campaignId = await createCampaign(db, {
      name: 'Khảo sát sự hài lòng 2026',
      definition: builtInSipasDefinition(),
      unitSet: builtInUnitSet(),
      opensAt: new Date(Date.now() - 60_000).toISOString(),
    } as Parameters<typeof createCampaign>[1]);
    const unit = await db.selectFrom('unit').select(['code']).limit(1).executeTakeFirstOrThrow();
    const pointId = randomId();
    await db
      .insertInto('collectionPoint')
      .values({
        id: pointId,
        campaignId,
        code: 'E2EPAP',
        // The long official name: the entry's point list must still fit a phone.
        name: 'Bộ phận Tiếp nhận và Trả kết quả giải quyết thủ tục hành chính xã',
        unitCode: unit.code,
        serviceArea: null,
        opens: '00:00',
        closes: '23:59',
        weekdays: '1,2,3,4,5,6,7',
        dailyLimit: 1,
        position: 0,
        createdAt: new Date().toISOString(),
      })
      .execute();
    // Four poster answers today: with the paper form the day reaches the small-group threshold
    // (5) and its figures are shown.
    const definition = loadSipasDefinition(builtInSipasDefinition() as never);
    const ids = definition.aspects.flatMap((a) => a.elements.map((e) => e.id));
    for (let i = 0; i < 4; i++)
      await storeSipasForm(
        db,
        {
          campaignId,
          pointId,
          channel: 'poster',
          answers: Object.fromEntries(ids.map((id, k) => [id, String(((i + k) % 5) + 1)])),
        },
        definition,
        SECRET,
        new Date(),
      );
  });

  it('prints one copy on the two pages said, enters it from the keyboard, counts it as paper', async () => {
    context = await journey.browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'vi-VN',
      // axe's script tag (axe.ts) runs under the pages' CSP.
      bypassCSP: true,
    });
    const office = await context.newPage();
    page = office;
    step = 'sign-in';
    await office.goto(`${journey.server.base}/console/login`);
    await office.getByLabel('E-mail').fill(ADMIN.email);
    await office.getByLabel('Mật khẩu').fill(ADMIN.password);
    await office.getByRole('button', { name: 'Đăng nhập' }).click();
    await office.getByRole('heading', { name: 'Các đợt khảo sát' }).waitFor();

    step = 'print';
    await office.goto(`${journey.server.base}/console/c/${campaignId}/paper`);
    await office.getByLabel('Số bản in').fill('1');
    await office.getByText('Sẽ in 1 phiếu × 2 trang = 2 trang A4').waitFor();
    await keepScreenshot(office, 'sipas-paper-print', { fullPage: false });
    const [printed] = await Promise.all([
      context.waitForEvent('page'),
      office.getByRole('link', { name: 'Mở trang in (1 bản, 2 trang)' }).click(),
    ]);
    await printed.waitForLoadState();
    await printed.emulateMedia({ media: 'print' });
    // Nothing of a page reaches below it: every element ends within its page's box.
    const overflow = await printed.evaluate(() =>
      [...document.querySelectorAll('.page')].map((p) => {
        const bottom = p.getBoundingClientRect().bottom;
        return [...p.querySelectorAll('*')].filter(
          (e) => e.getBoundingClientRect().bottom > bottom + 0.5,
        ).length;
      }),
    );
    expect(overflow).toEqual([0, 0]);
    const pdf = await printed.pdf({ format: 'A4', preferCSSPageSize: true });
    expect(pageCount(pdf)).toBe(2);
    await printed.emulateMedia({ media: 'screen' });
    await keepScreenshot(printed, 'sipas-paper-form');
    const onForm = (await axeFindings(printed)).filter((f) => BLOCKING.includes(f.impact));
    expect(onForm, describeFindings('SIPAS paper form', onForm)).toEqual([]);
    const serials = await printed.locator('.serial b').allTextContents();
    expect(new Set(serials).size).toBe(1);
    const serial = serials[0] ?? '';
    expect(serial).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]$/);
    await printed.close();

    step = 'entry';
    await office.getByRole('button', { name: 'Nhập phiếu giấy' }).click();
    const form = office.getByRole('form', { name: 'Nhập phiếu giấy' });
    const serialBox = form.getByLabel('Số phiếu (in ở góc trên phiếu)');
    await serialBox.fill(serial.toLowerCase().replaceAll('-', ''));
    await serialBox.press('Enter');
    // The only point is chosen: Enter goes to the first row; a digit a row from there.
    await expect
      .poll(() => office.evaluate(() => (document.activeElement as HTMLInputElement).name))
      .toBe('sipas-TC1');
    for (const key of '54455444554345545') await office.keyboard.press(key);
    // The statements: «1» is «Có», as printed and as the online form lists it; then the
    // service, the channel, two expectations.
    for (const key of '111110') await office.keyboard.press(key);
    await office.keyboard.press('2');
    await office.keyboard.press('1');
    await office.keyboard.press('3');
    await office.keyboard.press('5');
    await office.keyboard.press('Enter');
    await office.keyboard.type('Cán bộ tận tình, nên có thêm ghế chờ.');
    await keepScreenshot(office, 'sipas-paper-entry');
    const blocking = (await axeFindings(office)).filter((f) => BLOCKING.includes(f.impact));
    expect(blocking, describeFindings('SIPAS paper entry', blocking)).toEqual([]);
    await office.keyboard.press('Control+Enter');
    await form
      .getByText(`Đã lưu phiếu số ${serial}. Đã nhập 1 phiếu trong lần làm việc này.`)
      .waitFor();
    await office.getByText('Đã nhập 1 phiếu giấy trong đợt khảo sát.').waitFor();

    step = 'again';
    await serialBox.fill(serial);
    await office.keyboard.press('Control+Enter');
    await form.getByText(`Phiếu số ${serial} đã được nhập.`).waitFor();

    step = 'phone';
    // A phone's 360 px: the point list's long names stay within the page, nothing scrolls sideways.
    await office.setViewportSize({ width: 360, height: 800 });
    await keepScreenshot(office, 'sipas-paper-entry-phone', { fullPage: false });
    expect(await office.evaluate(() => document.documentElement.scrollWidth)).toBe(360);
    await office.getByRole('button', { name: 'In phiếu giấy' }).click();
    await office.getByLabel('Số bản in').waitFor();
    expect(await office.evaluate(() => document.documentElement.scrollWidth)).toBe(360);
    await office.getByRole('button', { name: 'Nhập phiếu giấy' }).click();
    await office.setViewportSize({ width: 1280, height: 900 });

    step = 'counted';
    await office.getByRole('link', { name: 'Hài lòng (SIPAS)' }).click();
    const table = office.getByRole('table', {
      name: 'Số phiếu và dấu hiệu theo điểm thu thập và ngày',
    });
    const row = table.locator('tbody tr').first();
    await row.waitFor();
    expect(await row.locator('[data-label="Số phiếu"]').textContent()).toBe('5');
    expect(await row.locator('[data-label="Phiếu giấy"]').textContent()).toBe('1');
    await keepScreenshot(office, 'sipas-paper-counted');
  }, 120_000);
});
