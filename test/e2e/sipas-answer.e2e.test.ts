import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtInSipasDefinition, builtInUnitSet } from '../../questionnaires';
import { createCampaign } from '../../server/campaigns/service';
import { randomId } from '../../server/secrets';
import { sipasCodeHash } from '../../server/sipas/code-hash';
import { sipasCode } from '../../server/sipas/codes';
import { canRunBrowser, keepScreenshot, phoneContext, screenTitle, useJourney } from './harness';

/** The secret of harness.ts startServer: the codes are derived and hashed with it. */
const SECRET = 'e2e-secret-e2e-secret-e2e-secret-0123456789';

/**
 * Issue #14: a citizen scans a collection point's poster on a phone and answers; tries again
 * and is thanked instead; another answers with the one-time code handed out with a dossier's
 * receipt, which then cannot be used twice.
 */
describe.skipIf(!canRunBrowser)('a citizen answers SIPAS on a phone', () => {
  let context: BrowserContext;
  let page: Page;
  let step = 'start';
  const journey = useJourney('sipas-answer', () => ({ page, context, step }));
  let code = '';

  beforeAll(async () => {
    const db = journey.server.db;
    const campaignId = await createCampaign(db, {
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
        code: 'E2EPT2',
        name: 'Bộ phận Một cửa xã',
        unitCode: unit.code,
        serviceArea: null,
        opens: '07:30',
        closes: '17:00',
        weekdays: '1,2,3,4,5',
        dailyLimit: 1,
        position: 0,
        createdAt: new Date().toISOString(),
      })
      .execute();
    const batchId = randomId();
    await db
      .insertInto('sipasCodeBatch')
      .values({
        id: batchId,
        campaignId,
        pointId,
        size: 1,
        createdAt: new Date().toISOString(),
        createdBy: null,
      })
      .execute();
    code = sipasCode(SECRET, batchId, 0);
    await db
      .insertInto('sipasCode')
      .values({ codeHash: sipasCodeHash(SECRET, code), campaignId, pointId, batchId })
      .execute();
  });

  const heading = () => screenTitle(page);
  const next = (name = /^(Bắt đầu|Tiếp tục|Gửi ý kiến)$/) =>
    page.getByRole('button', { name }).tap();

  /** Taps a level in every question of the screen, and a first option of each choice. */
  async function answerAll(level: string) {
    for (;;) {
      const title = await heading();
      const groups = page.locator('main fieldset');
      for (let i = 0; i < (await groups.count()); i++) {
        const g = groups.nth(i);
        const wanted = g.locator('label.tile', { hasText: new RegExp(`^${level}$`) });
        await ((await wanted.count()) > 0 ? wanted : g.locator('label.tile').first()).tap();
      }
      if ((await page.locator('textarea').count()) > 0) return title;
      await next(/^Tiếp tục$/);
      await expect.poll(heading).not.toBe(title);
    }
  }

  it('answers from the poster, then is thanked instead of answering twice', async () => {
    context = await phoneContext(journey.browser);
    page = await context.newPage();
    step = 'welcome';
    await page.goto(`${journey.server.base}/p/E2EPT2`);
    await expect.poll(heading).toBe('Ý kiến của Ông/Bà giúp cải thiện dịch vụ');
    const body = await page.textContent('body');
    expect(body).toContain('Bộ phận Một cửa xã');
    expect(body).toContain('Phiếu không ghi họ tên.');
    await keepScreenshot(page, 'sipas-1-welcome');
    await next(/^Bắt đầu$/);

    step = 'a question left blank';
    await expect.poll(heading).toBe('Tiếp cận dịch vụ');
    await next(/^Tiếp tục$/);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Xin chọn một mức');
    await keepScreenshot(page, 'sipas-2-missing', { fullPage: false });

    step = 'reload';
    const groups = page.locator('main fieldset');
    for (let i = 0; i < (await groups.count()); i++) {
      const wanted = groups.nth(i).locator('label.tile', { hasText: /^Hài lòng$/ });
      await ((await wanted.count()) > 0
        ? wanted
        : groups.nth(i).locator('label.tile').first()
      ).tap();
    }
    await page.reload();
    // Back on the part it was on (qa8: it started again at the welcome), with its answers.
    await expect.poll(heading).toBe('Tiếp cận dịch vụ');
    expect(await page.locator('main input:checked').count()).toBe(await groups.count());

    step = 'back button';
    await next(/^Tiếp tục$/);
    await expect.poll(heading).not.toBe('Tiếp cận dịch vụ');
    // The phone's back goes to the part before, not out of the form.
    await page.goBack();
    await expect.poll(heading).toBe('Tiếp cận dịch vụ');
    expect(new URL(page.url()).pathname).toBe('/p/E2EPT2');

    step = 'answering';
    await answerAll('Rất hài lòng');
    // The comment says it may be left empty.
    expect(await page.textContent('main')).toContain('Không bắt buộc');
    await page.locator('textarea').fill('Cán bộ hướng dẫn tận tình.');
    await keepScreenshot(page, 'sipas-3-comment');
    step = 'sending';
    await next(/^Gửi ý kiến$/);
    await expect.poll(heading, { timeout: 15_000 }).toBe('Cảm ơn Ông/Bà đã góp ý!');
    // The receipt says what it is for.
    expect(await page.textContent('main')).toMatch(/Mã xác nhận: \S+\. Mã này chỉ cho biết/);
    await keepScreenshot(page, 'sipas-4-thanks');

    step = 'second try';
    await page.goto(`${journey.server.base}/p/E2EPT2`);
    await expect
      .poll(() => page.textContent('main'), { timeout: 10_000 })
      .toContain('Ông/Bà đã góp ý cho điểm này hôm nay.');
    expect(await heading()).toBe('Cảm ơn Ông/Bà!');
    expect((await page.textContent('main'))?.match(/Cảm ơn Ông\/Bà/g)).toHaveLength(1);
    await keepScreenshot(page, 'sipas-5-second-try');
    const forms = await journey.server.db.selectFrom('sipasForm').select('channel').execute();
    expect(forms.map((f) => f.channel)).toEqual(['poster']);
  });

  it('answers with a one-time code once; the code then says it was used', async () => {
    context = await phoneContext(journey.browser);
    page = await context.newPage();
    step = 'code typed on the home page';
    // No QR scanner: the citizen types the code from the slip on the home page, as it comes.
    await page.goto(`${journey.server.base}/`);
    await page
      .getByLabel(/Hoặc nhập mã/)
      .fill(`${code.slice(0, 4).toLowerCase()} ${code.slice(4)}`);
    await page.getByRole('button', { name: 'Mở phiếu' }).tap();
    step = 'code welcome';
    await expect
      .poll(() => new URL(page.url()).pathname)
      .toBe(`/c/${code.slice(0, 4)}-${code.slice(4)}`);
    await expect.poll(heading).toBe('Ý kiến của Ông/Bà giúp cải thiện dịch vụ');
    expect(await page.textContent('main')).toContain(`${code.slice(0, 4)}-${code.slice(4)}`);
    await next(/^Bắt đầu$/);
    step = 'code answering';
    await answerAll('Hài lòng');
    await next(/^Gửi ý kiến$/);
    await expect.poll(heading, { timeout: 15_000 }).toBe('Cảm ơn Ông/Bà đã góp ý!');

    step = 'code again';
    await page.goto(`${journey.server.base}/c/${code}`);
    await expect.poll(() => page.textContent('main')).toContain('Mã này đã được dùng');
    expect(await page.getByRole('button', { name: 'Bắt đầu' }).count()).toBe(0);
    expect(await page.textContent('main')).not.toContain('Phiếu gồm các câu hỏi ngắn');
    await keepScreenshot(page, 'sipas-6-code-used');
    const forms = await journey.server.db.selectFrom('sipasForm').select('channel').execute();
    expect(forms.map((f) => f.channel).sort()).toEqual(['code', 'poster']);
  });
});
