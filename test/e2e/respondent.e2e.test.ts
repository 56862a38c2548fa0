import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  answerScreen as answerScreenOf,
  canRunBrowser,
  keepScreenshot,
  nextScreen,
  phoneContext,
  screenTitle,
  useJourney,
} from './harness';

/**
 * A respondent's journey in real headless Chromium at phone size: open a demo link, answer
 * everything by tapping, reload half-way (the draft is back), submit, see the receipt — and the
 * answers are in the database, with nothing linking them to the person.
 */
describe.skipIf(!canRunBrowser)('a delegate answers on a phone', () => {
  let context: BrowserContext;
  let page: Page;
  let step = 'start';
  const journey = useJourney('respondent', () => ({ page, context, step }));

  const heading = () => screenTitle(page);
  /**
   * Taps «Tiếp tục» and waits until the next part shows, or the part says what is left blank:
   * whatever is read or tapped next is then on the part it is meant for (CI, stop 18: a heading
   * read at once was still the welcome's).
   */
  const next = async () => {
    const before = await heading();
    await nextScreen(page);
    await expect
      .poll(
        async () =>
          (await heading()) !== before ||
          Boolean(await page.locator('p.note[role="status"]').textContent()),
        { timeout: 10_000 },
      )
      .toBe(true);
  };
  const answerScreen = (pick: (n: number) => number) => answerScreenOf(page, pick);

  it('answers Phiếu 01 and Phiếu 05, survives a reload, submits and gets a receipt', async () => {
    const link = journey.server.links.find((l) => l.group_code === 'HDND_HUYEN');
    if (!link) throw new Error('no delegate in the demo roster');
    context = await phoneContext(journey.browser);
    page = await context.newPage();

    step = 'welcome';
    await page.goto(link.url);
    await expect.poll(heading).toMatch(/Khảo sát|Chào/);
    expect(await page.textContent('body')).toContain('Đại biểu HĐND huyện');
    expect(await page.textContent('body')).toContain('0271 3645 123');
    await keepScreenshot(page, 'respondent-1-welcome');
    await next();

    step = 'phieu-01';
    let answered = 0;
    for (let screen = 0; screen < 4; screen++) {
      answered += await answerScreen((n) => n % 4);
      await next();
    }
    expect(answered).toBeGreaterThan(4);
    const before = await heading();
    const firstQuestionText = await page
      .getByRole('group', { name: /^Câu \d+\./ })
      .first()
      .locator('legend')
      .textContent();
    await answerScreen(() => 1);
    await keepScreenshot(page, 'respondent-2-field');

    step = 'reload';
    await page.waitForTimeout(300);
    await page.reload();
    await expect.poll(heading).toBe(before);
    const restored = page.getByRole('group', { name: firstQuestionText?.trim() ?? '' });
    await expect.poll(() => restored.locator('input:checked').count()).toBe(1);
    await next();

    step = 'rest-of-phieu-01';
    while (!(await page.getByLabel('UBND xã An Phú', { exact: true }).count())) {
      if (await page.locator('textarea').count())
        await page.locator('textarea').fill('Cần công khai thủ tục rõ hơn.');
      else await answerScreen((n) => n % 5);
      await next();
    }

    step = 'communes';
    await keepScreenshot(page, 'respondent-3-communes');
    for (const name of ['UBND xã An Phú', 'UBND xã Minh Đức', 'UBND thị trấn Tân Khai']) {
      await page.getByLabel(name, { exact: true }).tap();
    }
    await next();

    step = 'phieu-05';
    let sameForAll = false;
    while (!(await page.getByRole('button', { name: 'Gửi phiếu' }).count())) {
      const selects = page.getByLabel('Cùng một câu trả lời cho tất cả');
      if (await page.locator('textarea').count()) {
        await page.locator('textarea').fill('Xã cần hướng dẫn dịch vụ công trực tuyến.');
      } else if ((await selects.count()) > 0 && sameForAll) {
        for (const s of await selects.all()) await s.selectOption('B');
      } else if (await page.getByRole('group', { name: 'Giới tính' }).count()) {
        await page
          .getByRole('group', { name: 'Giới tính' })
          .getByLabel('Nữ', { exact: true })
          .tap();
      } else {
        await answerScreen((n) => n % 4);
        sameForAll = true;
        await keepScreenshot(page, 'respondent-4-matrix');
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        360,
      );
      await next();
    }

    step = 'submit';
    await keepScreenshot(page, 'respondent-5-review');
    // The network drops just as the delegate submits: the answers stay, and the same submit goes
    // through by itself when the network returns.
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Gửi phiếu' }).tap();
    await page.getByText('Chưa gửi được vì mất kết nối').waitFor();
    await keepScreenshot(page, 'respondent-5b-offline');
    expect(await journey.server.db.selectFrom('submission').selectAll().execute()).toHaveLength(0);
    await context.setOffline(false);
    const receipt = page.locator('#receipt');
    await receipt.waitFor();
    expect(await receipt.textContent()).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    await keepScreenshot(page, 'respondent-6-receipt');

    step = 'stored';
    const answers = await journey.server.db
      .selectFrom('answer')
      .select(['questionnaireId', 'unitCode', 'option'])
      .execute();
    expect(answers).toHaveLength(20 + 12 * 13);
    // The ten communes the delegate did not tick are "Không biết" for every question.
    expect(
      answers.filter((a) => a.questionnaireId === 'P05' && a.option === 'E').length,
    ).toBeGreaterThanOrEqual(120);
    expect(await journey.server.db.selectFrom('comment').select('text').execute()).toHaveLength(2);
    const invitation = await journey.server.db
      .selectFrom('invitation')
      .select(['status', 'receipt'])
      .where('id', '=', link.id)
      .executeTakeFirstOrThrow();
    expect(invitation).toEqual({ status: 'submitted', receipt: await receipt.textContent() });

    step = 'used-link';
    // This phone holds the link's claim: it is shown the receipt again.
    await page.goto(link.url);
    await expect.poll(heading).toBe('Phiếu của Ông/Bà đã được gửi');
    expect(await page.locator('#receipt').textContent()).toBe(invitation.receipt);
  }, 120_000);

  it('continues on a second device with the resume code; without it the link shows nothing', async () => {
    const link = journey.server.links.filter((l) => l.group_code === 'HDND_HUYEN')[1];
    if (!link) throw new Error('no second delegate in the demo roster');
    context = await phoneContext(journey.browser);
    page = await context.newPage();

    step = 'phone';
    await page.goto(link.url);
    await expect.poll(heading).toMatch(/Khảo sát|Chào/);
    const code = (await page.locator('.promise b.code').textContent()) ?? '';
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    await next();
    await answerScreen(() => 2);
    await next();
    await answerScreen(() => 0);
    const where = await heading();
    expect(await page.locator('p.resume').textContent()).toBe(`Mã tiếp tục: ${code}`);
    // The draft reaches the server (debounced 1.5 s).
    await expect
      .poll(
        () =>
          journey.server.db
            .selectFrom('draft')
            .selectAll()
            .where('invitationId', '=', link.id)
            .execute(),
        { timeout: 10_000 },
      )
      .toHaveLength(1);

    step = 'second-device';
    const other = await journey.browser.newContext({
      viewport: { width: 1024, height: 768 },
      locale: 'vi-VN',
    });
    try {
      const desk = await other.newPage();
      await desk.goto(link.url);
      await expect
        .poll(() => screenTitle(desk))
        .toBe('Đường dẫn này đã được mở trên một thiết bị khác');
      // Nothing of the campaign or of the answers on this screen.
      const shown = (await desk.textContent('body')) ?? '';
      expect(shown).not.toContain('Đại biểu HĐND huyện');
      expect(shown).not.toContain(where ?? '');
      await keepScreenshot(desk, 'respondent-7-other-device');

      step = 'type-code';
      await desk.getByLabel('Mã tiếp tục').fill(code.toLowerCase().replace(/-/g, ' '));
      await desk.getByRole('button', { name: 'Tiếp tục trả lời' }).click();
      // The draft is back, at the screen the phone was on, with its answers.
      await expect.poll(() => screenTitle(desk)).toBe(where);
      expect(await desk.locator('input:checked').count()).toBeGreaterThan(0);
      expect(await desk.locator('p.resume').textContent()).toBe(`Mã tiếp tục: ${code}`);
      await keepScreenshot(desk, 'respondent-8-continued');

      step = 'second-device-reload';
      // The code typed is kept: a reload on this device needs no typing again.
      await desk.reload();
      await expect.poll(() => screenTitle(desk)).toBe(where);
    } finally {
      await other.close();
    }
  }, 120_000);

  it("steps back and forth with the phone's back button, and says when a page is left half-answered", async () => {
    const link = journey.server.links.filter((l) => l.group_code === 'HDND_HUYEN')[2];
    if (!link) throw new Error('no third delegate in the demo roster');
    context = await phoneContext(journey.browser);
    page = await context.newPage();
    const part = () => page.locator('.progress label').textContent();
    const checked = () => page.locator('input:checked').count();

    step = 'two-screens';
    await page.goto(link.url);
    await expect.poll(heading).toMatch(/Khảo sát|Chào/);
    const welcome = await heading();
    await next();
    // The first part, once it shows: read at once, the heading could still be the welcome's
    // (then every later part is read one off: CI, stop 18).
    await expect.poll(heading).not.toBe(welcome);
    const first = await heading();
    expect(await part()).toBe('Phần 2/22');
    const firstAnswered = await answerScreen(() => 1);
    await next();
    await expect.poll(heading).not.toBe(first);
    const second = await heading();
    const secondAnswered = await answerScreen(() => 2);
    await next();
    await expect.poll(heading).not.toBe(second);
    const third = await heading();

    step = 'back';
    await page.goBack();
    await expect.poll(heading).toBe(second);
    expect(await checked()).toBe(secondAnswered);
    expect(await part()).toBe('Phần 3/22');
    await page.goBack();
    await expect.poll(heading).toBe(first);
    expect(await checked()).toBe(firstAnswered);
    // The address is the link's own: no screen, claim or answer in it.
    expect(new URL(page.url()).pathname).toBe(new URL(link.url).pathname);
    expect(new URL(page.url()).hash).toBe('');

    step = 'forward';
    await page.goForward();
    await expect.poll(heading).toBe(second);
    await page.goForward();
    await expect.poll(heading).toBe(third);

    step = 'half-answered';
    // One question answered of several: the first press says how many are left and stays.
    await page
      .getByRole('group', { name: /^Câu \d+\./ })
      .first()
      .locator('label.tile')
      .first()
      .tap();
    const total = await page.getByRole('group', { name: /^Câu \d+\./ }).count();
    await next();
    const note = page.locator('p.note[role="status"]');
    await expect
      .poll(() => note.textContent())
      .toMatch(new RegExp(`^Còn ${total - 1} câu chưa trả lời ở phần này`));
    expect(await heading()).toBe(third);
    await keepScreenshot(page, 'respondent-9-half-answered');
    await next();
    await expect.poll(heading).not.toBe(third);
    expect(await note.textContent()).toBe('');

    step = 'in-app-back';
    // «Quay lại» is a step back like the phone's: the phone's back then goes on backwards, to the
    // second screen, not forward again to the one «Quay lại» left.
    await page.getByRole('button', { name: 'Quay lại' }).tap();
    await expect.poll(heading).toBe(third);
    await page.goBack();
    await expect.poll(heading).toBe(second);

    step = 'leave';
    // Back to the welcome screen, then one more back leaves the form as any page would.
    for (let i = 0; i < 2; i++) await page.goBack();
    await expect.poll(heading).toMatch(/Khảo sát|Chào/);
    await page.goBack();
    await expect.poll(() => page.url()).toBe('about:blank');
  }, 120_000);
});
