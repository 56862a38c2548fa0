import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN_ID } from '../../server/demo/demo';
import { answerInPage } from './axe';
import { canRunBrowser, keepScreenshot, screenTitle, useJourney } from './harness';

const ADMIN = {
  email: 'quantri@honquan.vn',
  password: 'mật-khẩu-quản-trị-dài',
  name: 'Trần Thị Bình',
};
const SAMPLE = resolve(import.meta.dirname, '../fixtures/respondents-sample.csv');
/** How long a screen may take to change on a busy machine (an upper bound, not a timing test). */
const SLOW = { timeout: 10_000 };

/** What has keyboard focus, and whether it can be seen (a ring of at least 2 px). */
function focusState() {
  const el = document.activeElement as HTMLInputElement | null;
  if (!el || el === document.body) return null;
  const ring = (e: Element | null) => {
    if (!e) return false;
    const s = getComputedStyle(e);
    return s.outlineStyle !== 'none' && Number.parseFloat(s.outlineWidth) >= 2;
  };
  const name = el.getAttribute('name') ?? '';
  return {
    tag: el.tagName.toLowerCase(),
    type: el.getAttribute('type') ?? '',
    id: el.id,
    name,
    text: (el.textContent ?? '').replace(/\s+/g, ' ').trim(),
    label: (el.closest('label')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
    value: el.value ?? '',
    checked: el.checked === true,
    /** A radio whose group already has an answer. */
    answered:
      el.type === 'radio' &&
      document.querySelector(`input[name="${CSS.escape(name)}"]:checked`) !== null,
    visible: el.matches(':focus-visible') && (ring(el) || ring(el.closest('.tile'))),
  };
}

/**
 * Every element that sticks out of the page sideways (outside a container that scrolls on its
 * own, such as a wide table's wrapper), or whose own content is clipped: what a person at 200%
 * zoom could not read without scrolling the whole page left and right.
 */
function reflowProblems() {
  const width = document.documentElement.clientWidth;
  const problems: string[] = [];
  if (document.documentElement.scrollWidth > width)
    problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
  const scrollsOnItsOwn = (e: Element) => {
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll') return true;
    }
    return false;
  };
  const what = (e: Element) =>
    `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className && typeof e.className === 'string' ? `.${e.className.trim().split(/\s+/).join('.')}` : ''} «${(e.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40)}»`;
  for (const e of document.querySelectorAll(
    'main *, header *, footer *, body > h1, body > p, body > form *',
  )) {
    const r = e.getBoundingClientRect();
    if (!r.width || !r.height) continue;
    const s = getComputedStyle(e);
    if (s.visibility === 'hidden' || s.position === 'absolute') continue;
    if ((r.right > width + 1 || r.left < -1) && !scrollsOnItsOwn(e))
      problems.push(
        `${what(e)} sticks out: ${Math.round(r.left)}…${Math.round(r.right)} of ${width}`,
      );
    const clips = ['hidden', 'clip'].includes(s.overflowX) && e.scrollWidth > e.clientWidth + 1;
    // A matrix card's one-line reminder of its question ends in «…» on purpose: it is for the
    // eyes only (aria-hidden), and the question's full text is its group's legend above.
    if (clips && !e.matches('.sr-only, .qref')) problems.push(`${what(e)} is cut off`);
  }
  return problems.slice(0, 20);
}

/**
 * Keyboard and zoom, in real headless Chromium against the real server: a delegate answers
 * Phiếu 01 and Phiếu 05 with the keyboard alone (Tab, Shift+Tab, arrows, Space, Enter), with a
 * visible focus ring on everything focused and the focus on each new screen's heading; the form
 * is completed at 200% browser zoom on a laptop and with text at 200% on a phone, and the main
 * console screens are read at 200% zoom, without the page scrolling sideways or anything cut off.
 */
describe.skipIf(!canRunBrowser)('keyboard only, and 200% zoom', () => {
  let context: BrowserContext | undefined;
  let page: Page;
  let step = 'start';
  const journey = useJourney('keyboard-zoom', () => ({ page, context, step }), [
    { ...ADMIN, role: 'admin' },
  ]);

  const linkOf = (group: string, n: number) => {
    const link = journey.server.links.filter((l) => l.group_code === group)[n];
    if (!link) throw new Error(`no link ${n} in group ${group}`);
    return link;
  };

  it('a delegate completes Phiếu 01 and Phiếu 05 with the keyboard alone', async () => {
    context = await journey.browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'vi-VN',
    });
    page = await context.newPage();
    const focus = () => page.evaluate(focusState);
    const heading = () => screenTitle(page);
    const link = linkOf('HDND_HUYEN', 0);
    await page.goto(link.url);
    await expect.poll(heading, SLOW).toMatch(/Khảo sát/);
    // The welcome comes with the page; «Tiếp tục» leads on once the form has loaded and counted
    // its parts ("Phần 1/22"): before that it asks to wait.
    await expect
      .poll(() => page.locator('.progress label').textContent(), SLOW)
      .toMatch(/^Phần 1\/\d+/);

    step = 'kb-welcome';
    const KNOWN = ['UBND xã An Phú', 'UBND thị trấn Tân Khai'];
    /** Left blank on purpose: the review sends the delegate back to it. */
    const SKIPPED = 'q-P01-q3';
    const used = {
      sameForAll: false,
      shiftTab: false,
      skipped: false,
      warned: false,
      backToReview: false,
    };
    const note = page.locator('p.note');
    let title = await heading();
    for (let screens = 0; !(await page.locator('#receipt').count()); screens++) {
      if (screens > 30) throw new Error('the form never reached the receipt');
      step = `kb-screen-${screens}`;
      /** Where the focus must be once the next screen shows: its heading, or a question. */
      let lands: string | null = null;
      for (let presses = 0; presses < 200 && !lands; presses++) {
        await page.keyboard.press('Tab');
        const f = await focus();
        if (!f) continue;
        expect(f.visible, `focus ring on ${JSON.stringify(f)}`).toBe(true);
        if (
          f.tag === 'button' &&
          /^(Tiếp tục|Xem lại và gửi|Gửi phiếu|Về trang xem lại)$/.test(f.text)
        ) {
          if (f.text === 'Về trang xem lại') used.backToReview = true;
          await page.keyboard.press('Enter');
          await expect
            .poll(
              async () => (await heading()) !== title || Boolean(await note.textContent()),
              SLOW,
            )
            .toBe(true);
          if ((await heading()) === title) {
            // The screen with the question skipped says so once, the focus stays on the
            // button, and Enter again moves on.
            expect(await note.textContent()).toMatch(/^Còn 1 câu chưa trả lời ở phần này/);
            expect((await focus())?.text).toBe('Tiếp tục');
            used.warned = true;
            await page.keyboard.press('Enter');
          }
          lands = 'screen-title';
        } else if (f.tag === 'button' && f.text.startsWith('Phiếu số 01 · ')) {
          // The review's list of questions left: Enter goes to the question, focused.
          await page.keyboard.press('Enter');
          lands = SKIPPED;
        } else if (f.type === 'radio' && !f.answered) {
          if (f.name === SKIPPED && !used.skipped) {
            used.skipped = true;
            continue;
          }
          // A, B, C or D: Space picks the focused (first) option, an arrow the next ones.
          const n = Number(/-q(\d+)/.exec(f.name)?.[1] ?? 0);
          if (n % 4 === 0) await page.keyboard.press('Space');
          else for (let i = 0; i < n % 4; i++) await page.keyboard.press('ArrowDown');
          expect((await focus())?.checked).toBe(true);
          if (!used.shiftTab && n % 4 === 1) {
            // Back to this question with Shift+Tab after leaving it, and change the answer.
            await page.keyboard.press('Tab');
            await page.keyboard.press('Shift+Tab');
            expect((await focus())?.name).toBe(f.name);
            await page.keyboard.press('ArrowUp');
            const back = await focus();
            expect([back?.checked, back?.value]).toEqual([true, 'A']);
            await keepScreenshot(page, 'a11y-keyboard-1-radio', { fullPage: false });
            used.shiftTab = true;
          }
        } else if (f.type === 'checkbox' && KNOWN.includes(f.label) && !f.checked) {
          await page.keyboard.press('Space');
          expect((await focus())?.checked).toBe(true);
        } else if (f.tag === 'textarea') {
          await page.keyboard.type('Đề nghị công khai thủ tục rõ hơn.');
        } else if (f.tag === 'select' && !used.sameForAll) {
          // "Cùng một câu trả lời cho tất cả": arrows step through the answers, each given to
          // every commune at once.
          await page.keyboard.press('ArrowDown');
          await page.keyboard.press('ArrowDown');
          const question = page.locator('fieldset.q', { has: page.locator(`#${f.id}`) });
          const picked = await question
            .locator('fieldset.unit input:checked')
            .evaluateAll((all) => all.map((e) => (e as HTMLInputElement).value));
          expect(picked).toEqual(KNOWN.map(() => 'B'));
          await keepScreenshot(page, 'a11y-keyboard-2-same-for-all', { fullPage: false });
          used.sameForAll = true;
        }
      }
      expect(lands, `no way forward on «${title}» with Tab`).not.toBeNull();
      await expect.poll(heading, SLOW).not.toBe(title);
      title = await heading();
      // "Sending…" lasts as long as the server takes to store the form (longer over a socket to
      // PostgreSQL than in SQLite's memory): the screen to check is the one after it.
      if (title === 'Đang gửi phiếu…') {
        await expect.poll(heading, SLOW).not.toBe(title);
        title = await heading();
      }
      if (await page.locator('#receipt').count()) break;
      // The new screen's heading has the focus (what a screen reader reads first); or the
      // question the review pointed to.
      await expect
        .poll(focus, SLOW)
        .toMatchObject(
          lands === 'screen-title'
            ? { id: lands, text: title, visible: true }
            : { id: lands, visible: true },
        );
      if (screens === 0) await keepScreenshot(page, 'a11y-keyboard-0-heading', { fullPage: false });
      if (lands === SKIPPED)
        await keepScreenshot(page, 'a11y-keyboard-3-back-to-question', { fullPage: false });
    }
    step = 'kb-receipt';
    await expect.poll(focus, SLOW).toMatchObject({ id: 'screen-title', visible: true });
    expect(await heading()).toBe('Cảm ơn Ông/Bà đã tham gia khảo sát!');
    expect(used).toEqual({
      sameForAll: true,
      shiftTab: true,
      skipped: true,
      warned: true,
      backToReview: true,
    });
    const invitation = await journey.server.db
      .selectFrom('invitation')
      .select('status')
      .where('id', '=', link.id)
      .executeTakeFirstOrThrow();
    expect(invitation.status).toBe('submitted');
    expect(await journey.server.db.selectFrom('comment').select('text').execute()).toHaveLength(2);
  }, 60_000);
  /**
   * Answers the whole form by clicking (what the zoom tests are about is the layout), checking
   * on every screen that nothing sticks out sideways; screenshots of a few screens as `name`.
   */
  async function completeForm(name: string, width: number) {
    const heading = () => screenTitle(page);
    /** "Phần 3/22": which screen of the form shows. */
    const part = () => page.locator('.progress label').textContent();
    const shots = new Set(['welcome', 'matrix', 'review', 'receipt']);
    const shot = async (what: string) => {
      if (!shots.delete(what)) return;
      await keepScreenshot(page, `${name}-${what}`, { fullPage: false });
    };
    const fits = async (where: string) => {
      expect(await page.evaluate(reflowProblems), `${name}: ${where}`).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.clientWidth)).toBe(width);
    };
    await expect.poll(heading, SLOW).toMatch(/Khảo sát/);
    for (let screens = 0; !(await page.getByRole('button', { name: 'Gửi phiếu' }).count()); ) {
      if (++screens > 30) throw new Error('the form never reached «Gửi phiếu»');
      const title = await heading();
      step = `${name}: ${title}`;
      await fits(title ?? '');
      if (screens === 1) await shot('welcome');
      if (await page.locator('textarea').count()) {
        await page.locator('textarea').fill('Đề nghị công khai thủ tục rõ hơn.');
      } else if (await page.getByLabel('UBND xã An Phú', { exact: true }).count()) {
        await page.getByLabel('UBND xã An Phú', { exact: true }).check();
        await page.getByLabel('UBND xã Minh Đức', { exact: true }).check();
      } else if (await page.getByRole('group', { name: 'Giới tính' }).count()) {
        await page
          .getByRole('group', { name: 'Giới tính' })
          .getByLabel('Nam', { exact: true })
          .check();
        await fits(`${title}, answered`);
      } else {
        await answerInPage(page);
        if (await page.locator('fieldset.unit').count()) {
          await fits(`${title}, answered`);
          await shot('matrix');
        }
      }
      const before = await part();
      await page.getByRole('button', { name: /^(Tiếp tục|Xem lại và gửi)$/ }).click();
      await expect.poll(part, SLOW).not.toBe(before);
    }
    step = `${name}: review`;
    await fits('review');
    await shot('review');
    await page.getByRole('button', { name: 'Gửi phiếu' }).click();
    await page.locator('#receipt').waitFor();
    await fits('receipt');
    await shot('receipt');
  }

  it('the form at 200% browser zoom on a laptop (1280×800 → 640×400 CSS px)', async () => {
    context = await journey.browser.newContext({
      viewport: { width: 640, height: 400 },
      deviceScaleFactor: 2,
      locale: 'vi-VN',
    });
    page = await context.newPage();
    await page.goto(linkOf('HDND_HUYEN', 1).url);
    await completeForm('a11y-zoom-laptop', 640);
  }, 60_000);

  it('the form on a 360 px phone with text at 200%', async () => {
    context = await journey.browser.newContext({
      viewport: { width: 360, height: 740 },
      hasTouch: true,
      isMobile: true,
      locale: 'vi-VN',
    });
    page = await context.newPage();
    // What a larger default text size in the browser does: the root font size doubled.
    const largeText = async () => {
      await page.addStyleTag({ content: 'html { font-size: 200% }' });
      expect(await page.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('36px');
    };
    step = 'text-200: home';
    await page.goto(journey.server.base);
    await largeText();
    expect(await page.evaluate(reflowProblems)).toEqual([]);
    await keepScreenshot(page, 'a11y-text-200-home', { fullPage: false });
    await page.goto(linkOf('HDND_HUYEN', 2).url);
    await largeText();
    await completeForm('a11y-text-200', 360);
  }, 60_000);

  it('on a link opened elsewhere, the resume code is typed and sent with the keyboard alone, at 200% text', async () => {
    // The delegate opened their link on a phone (here: through the API, which claims it).
    const link = linkOf('HDND_HUYEN', 3);
    const api = `${journey.server.base}/api/s/${link.url.split('/s/')[1]}`;
    const { claim } = (await (await fetch(api)).json()) as { claim: string };
    context = await journey.browser.newContext({
      viewport: { width: 360, height: 740 },
      hasTouch: true,
      isMobile: true,
      locale: 'vi-VN',
    });
    page = await context.newPage();
    const heading = () => screenTitle(page);
    step = 'claimed: 200% text';
    await page.goto(link.url);
    await expect.poll(heading, SLOW).toBe('Đường dẫn này đã được mở trên một thiết bị khác');
    await page.addStyleTag({ content: 'html { font-size: 200% }' });
    expect(await page.evaluate(reflowProblems)).toEqual([]);
    await keepScreenshot(page, 'a11y-text-200-claimed', { fullPage: false });

    step = 'claimed: keyboard';
    const focus = () => page.evaluate(focusState);
    for (let presses = 0; presses < 20 && (await focus())?.id !== 'resume-code'; presses++)
      await page.keyboard.press('Tab');
    const f = await focus();
    expect(f?.id).toBe('resume-code');
    expect(f?.visible, 'focus ring on the code field').toBe(true);
    const { resumeCodeOf } = await import('../../contract/resume-code');
    await page.keyboard.type(resumeCodeOf(claim).toLowerCase());
    await page.keyboard.press('Enter');
    await expect.poll(heading, SLOW).toMatch(/Khảo sát/);
    expect(await page.evaluate(reflowProblems)).toEqual([]);
  }, 60_000);

  it('the console at 200% browser zoom on a laptop', async () => {
    context = await journey.browser.newContext({
      viewport: { width: 640, height: 400 },
      deviceScaleFactor: 2,
      locale: 'vi-VN',
    });
    page = await context.newPage();
    /** No sideways page scroll; a screenshot of the part `at` (a selector) shows, if asked. */
    const fits = async (where: string, shot?: string, at?: string) => {
      step = `console-zoom: ${where}`;
      await page.locator('.loading').waitFor({ state: 'detached' });
      expect(await page.evaluate(reflowProblems), where).toEqual([]);
      if (at) await page.locator(at).first().scrollIntoViewIfNeeded();
      if (shot) await keepScreenshot(page, `a11y-zoom-console-${shot}`, { fullPage: false });
    };
    const tab = async (name: string) => {
      await page
        .getByRole('navigation', { name: 'Các mục của đợt khảo sát' })
        .getByRole('link', { name, exact: true })
        .click();
      await page.locator('.tabs [aria-current="page"]', { hasText: name }).waitFor();
    };
    await page.goto(`${journey.server.base}/console`);
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await fits('sign-in');
    await page.getByLabel('E-mail').fill(ADMIN.email);
    await page.getByLabel('Mật khẩu').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Các đợt khảo sát' }).waitFor();
    await fits('campaigns', 'campaigns');
    await page.getByRole('link', { name: /bản dùng thử/ }).click();
    await page.getByRole('heading', { name: 'Tổng cộng' }).waitFor();
    await fits('tracking', 'tracking', 'table.unit-counts');
    await tab('Lời mời');
    await page.getByRole('row').nth(1).waitFor();
    await fits('invitations', 'invitations', 'main table tbody tr');
    await tab('Nhập danh sách');
    await page.getByLabel('Chọn tệp danh sách').setInputFiles(SAMPLE);
    await page.getByRole('heading', { name: 'Xem trước: respondents-sample.csv' }).waitFor();
    await fits('roster preview', 'roster-preview', 'main table');
    await tab('Phiếu giấy');
    await page.getByRole('heading', { name: 'In phiếu giấy' }).waitFor();
    await fits('paper');
    await page.getByRole('button', { name: 'Nhập phiếu giấy' }).click();
    await page.locator('input[name="sheet-set"]').first().check();
    await page.locator('.answer-grid').first().waitFor();
    await fits('paper entry', 'paper-entry');
    // Typing a paper form in, the officer tabs down the boxes: each focused box is scrolled
    // into view clear of the sticky "Lưu phiếu" bar, never under it.
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const { what, bottom, barTop } = await page.evaluate(() => {
        const e = document.activeElement as HTMLInputElement;
        const bar = document.querySelector('.entry-bar')?.getBoundingClientRect();
        return {
          what: `${e.tagName} ${e.name} ${e.value}`,
          bottom: e.closest('.entry-bar') ? 0 : e.getBoundingClientRect().bottom,
          barTop: bar?.top ?? 0,
        };
      });
      expect(bottom, `${what} under the bar`).toBeLessThanOrEqual(barTop + 1);
    }
    await keepScreenshot(page, 'a11y-zoom-console-paper-entry-tabbed', { fullPage: false });
    await tab('Bộ câu hỏi');
    await page.getByRole('heading', { name: 'Phiếu và câu hỏi' }).waitFor();
    await fits('definition');
    await tab('Theo dõi');
    await page.getByRole('button', { name: 'Đóng đợt khảo sát' }).click();
    await page.getByRole('alertdialog').waitFor();
    await fits('confirm', 'confirm');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Đóng đợt khảo sát' }).click();
    await page.getByRole('button', { name: 'Mở lại đợt khảo sát' }).waitFor();
    await tab('Kết quả');
    await page.getByRole('button', { name: 'Chạy tính điểm' }).click();
    await page.getByRole('heading', { name: 'Chi tiết đơn vị' }).waitFor();
    await fits('results', 'results', '.r-criteria');
    await page.getByRole('link', { name: /^Mở báo cáo để in:/ }).click();
    await page.getByRole('heading', { level: 1, name: /^Báo cáo kết quả khảo sát/ }).waitFor();
    await fits('unit report', 'unit-report', '.r-dist');
    await page.goto(`${journey.server.base}/console/admin/users`);
    await page.getByRole('heading', { name: 'Tài khoản' }).waitFor();
    await fits('accounts', 'accounts');
    await page.goto(`${journey.server.base}/console/admin/audit`);
    await page.locator('main tbody tr').first().waitFor();
    await fits('audit log', 'audit', 'main table tbody tr');
    await page.goto(`${journey.server.base}/api/campaigns/${DEMO_CAMPAIGN_ID}/slips`);
    await page.locator('article.slip').first().waitFor();
    await fits('QR slips', 'slips');
  }, 60_000);
});
