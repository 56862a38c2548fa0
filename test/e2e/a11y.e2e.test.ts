import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { setCampaignOpen } from '../../server/campaigns/service';
import { DEMO_CAMPAIGN_ID } from '../../server/demo/demo';
import { fullAnswers, submissionId } from '../server/helpers';
import { a11yContext, answerInPage, axeFindings, describeFindings } from './axe';
import { canRunBrowser, keepScreenshot, nextScreen, screenTitle, useJourney } from './harness';

const ADMIN = {
  email: 'quantri@honquan.vn',
  password: 'mật-khẩu-quản-trị-dài',
  name: 'Phạm Văn Quản',
};
const SAMPLE = resolve(import.meta.dirname, '../fixtures/respondents-sample.csv');
const OPTIONS = ['A', 'B', 'C', 'D', 'E'] as const;
/** How long a screen may take to change on a busy machine (an upper bound, not a timing test). */
const SLOW = { timeout: 10_000 };

/**
 * axe-core on every page and screen of both apps, in real headless Chromium against the real
 * server: the respondent's form on a phone (home page and short code, each kind of screen, the
 * review with questions left, receipt, used, closed and unknown links) and the console on a
 * laptop (sign-in, campaigns, every tab of a campaign, results of a closed campaign, a unit's
 * detail and report, accounts, the audit log, the printable QR slips). The bar is no
 * serious or critical violation; the moderate ones axe found (landmarks, heading order) are fixed
 * as well, so no violation of any impact is allowed. Each page's assertion lists the rules
 * broken, their impact, the elements (CSS selectors), why, and axe's help page.
 */
describe.skipIf(!canRunBrowser)('accessibility (axe-core) of every page', () => {
  let context: BrowserContext | undefined;
  let page: Page;
  let step = 'start';
  const journey = useJourney('a11y', () => ({ page, context, step }), [
    { ...ADMIN, role: 'admin' },
  ]);
  // Three forms per group, so that the results show breakdowns, charts and distributions.
  beforeAll(async () => {
    const { server } = journey;
    for (const group of new Set(server.links.map((l) => l.group_code))) {
      const links = server.links.filter((l) => l.group_code === group).slice(-3);
      const answers = await fullAnswers(server.db, group, (i) => OPTIONS[i % 5] ?? 'E');
      for (const l of links) {
        // Opened first, as the form does: that GET claims the link, and the submit carries it.
        const api = `${server.base}/api/s/${l.url.split('/s/')[1]}`;
        const { claim } = (await (await fetch(api)).json()) as { claim: string };
        const res = await fetch(`${api}/submit`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Claim': claim },
          body: JSON.stringify({ submissionId: submissionId(), answers }),
        });
        if (res.status !== 201 && res.status !== 200)
          throw new Error(`seed submit ${res.status}: ${await res.text()}`);
      }
    }
  }, 60_000);

  /** Runs axe now; a soft assertion, so that one page's problems do not hide the next page's. */
  async function check(where: string) {
    step = where;
    const findings = await axeFindings(page);
    expect.soft(findings, describeFindings(where, findings)).toEqual([]);
  }

  it('the respondent form, every kind of screen, on a phone', async () => {
    context = await a11yContext(journey.browser, 'phone');
    page = await context.newPage();
    const heading = () => screenTitle(page);

    await page.goto(journey.server.base);
    await check('home');
    await page.getByLabel(/nhập mã in trên phiếu mời/).fill('ZZZZ-ZZZZ');
    await page.getByRole('button', { name: 'Mở phiếu' }).tap();
    await page.getByText('Mã không đúng.').waitFor();
    await check('home, wrong code');

    await page.goto(`${journey.server.base}/s/khong-co-duong-dan-nay`);
    await expect.poll(heading, SLOW).toBe('Không mở được phiếu');
    await check('unknown link');

    // A delegate (Phiếu 01 + Phiếu 05) who has not answered yet.
    const link = journey.server.links.find((l) => l.group_code === 'HDND_HUYEN');
    if (!link) throw new Error('no delegate in the demo roster');
    await page.goto(link.url);
    await expect.poll(heading, SLOW).toMatch(/Khảo sát/);
    await check('welcome');
    await nextScreen(page);

    // The first screen of Phiếu 01 is left unanswered: the review lists its questions.
    await page.getByRole('group', { name: /^Câu 1\./ }).waitFor();
    await check('single questionnaire screen');
    // The first press says how many questions are left there; the second moves on.
    await nextScreen(page);
    await page.getByText(/^Còn \d+ câu chưa trả lời ở phần này/).waitFor();
    await check('screen left unanswered, with its note');
    await nextScreen(page);
    /** "Phần 3/22": which screen of the form shows. */
    const part = () => page.locator('.progress label').textContent();
    const seen = new Set<string>();
    const once = async (kind: string) => {
      if (seen.has(kind)) return;
      seen.add(kind);
      await check(kind);
    };
    for (let screens = 0; (await heading()) !== 'Xem lại trước khi gửi'; screens++) {
      if (screens > 30) throw new Error('the form never reached the review');
      if (await page.locator('textarea').count()) {
        await once('comment screen');
        await page.locator('textarea').fill('Cần công khai thủ tục rõ hơn.');
      } else if (await page.getByLabel('UBND xã An Phú', { exact: true }).count()) {
        await once('communes screen');
        for (const name of ['UBND xã An Phú', 'UBND thị trấn Tân Khai'])
          await page.getByLabel(name, { exact: true }).tap();
        await once('communes screen, two ticked');
      } else if (await page.getByRole('group', { name: 'Giới tính' }).count()) {
        await once('demographics screen');
        await page
          .getByRole('group', { name: 'Giới tính' })
          .getByLabel('Nữ', { exact: true })
          .tap();
        await once('demographics screen, one answered');
      } else if (await page.locator('fieldset.unit').count()) {
        await once('Phiếu 05 matrix screen');
        await answerInPage(page);
        await once('Phiếu 05 matrix screen, answered');
      } else {
        await answerInPage(page);
      }
      const before = await part();
      await nextScreen(page);
      await expect.poll(part, SLOW).not.toBe(before);
    }
    await check('review, questions left');

    // Each question left is a link to it; answer them, then straight back to the review.
    await page.locator('.missing button').first().tap();
    await page.getByRole('button', { name: 'Về trang xem lại' }).waitFor();
    await check('screen reached from the review');
    await answerInPage(page);
    await page.locator('.nav').scrollIntoViewIfNeeded();
    await keepScreenshot(page, 'a11y-phone-back-to-review', { fullPage: false });
    await page.getByRole('button', { name: 'Về trang xem lại' }).tap();
    await page.getByRole('button', { name: 'Gửi phiếu' }).waitFor();
    await check('review, complete');
    // Sent without a network: the form says so, and sends it when the network is back.
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Gửi phiếu' }).tap();
    await expect.poll(heading, SLOW).toBe('Chưa gửi được phiếu');
    await check('submit waiting for the network');
    await context.setOffline(false);
    await page.locator('#receipt').waitFor();
    await check('receipt');
    await page.reload();
    await expect.poll(heading, SLOW).toBe('Phiếu của Ông/Bà đã được gửi');
    await check('already submitted');

    // A link someone else opened first: the screen that asks for the resume code.
    const taken = journey.server.links.filter((l) => l.group_code === 'HDND_HUYEN')[1];
    if (!taken) throw new Error('no second delegate in the demo roster');
    await fetch(`${journey.server.base}/api/s/${taken.url.split('/s/')[1]}`);
    await page.goto(taken.url);
    await expect.poll(heading, SLOW).toBe('Đường dẫn này đã được mở trên một thiết bị khác');
    await check('link opened on another device');
    await page.getByLabel('Mã tiếp tục').fill('ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    await page.getByRole('button', { name: 'Tiếp tục trả lời' }).tap();
    await page.getByText('Mã tiếp tục chưa đúng.', { exact: false }).waitFor();
    await check('link opened on another device, wrong code');
  }, 60_000);

  it('the console, every screen, on a laptop', async () => {
    context = await a11yContext(journey.browser, 'laptop');
    page = await context.newPage();
    const h1 = (name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();
    const h2 = (name: string | RegExp) => page.getByRole('heading', { name }).first().waitFor();
    const idle = () => page.locator('.loading').waitFor({ state: 'detached' });
    const tab = async (name: string) => {
      await page
        .getByRole('navigation', { name: 'Các mục của đợt khảo sát' })
        .getByRole('link', { name, exact: true })
        .click();
      await page.locator('.tabs [aria-current="page"]', { hasText: name }).waitFor();
      await idle();
    };

    await page.goto(`${journey.server.base}/console`);
    await h1('Đăng nhập');
    await check('console: sign-in');
    await page.getByLabel('E-mail').fill(ADMIN.email);
    await page.getByLabel('Mật khẩu').fill('sai-mật-khẩu');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('alert').waitFor();
    await check('console: sign-in, wrong password');
    await page.getByLabel('Mật khẩu').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await h1('Các đợt khảo sát');
    await idle();
    await check('console: campaigns');

    await page.getByRole('button', { name: 'Tạo đợt khảo sát' }).click();
    const create = page.getByRole('form', { name: 'Tạo đợt khảo sát' });
    await create.waitFor();
    await check('console: create campaign');
    await create.getByLabel('Tên đợt khảo sát').fill('Khảo sát thử khả năng tiếp cận');
    await create.getByRole('button', { name: 'Tạo đợt khảo sát' }).click();
    await h2('Nhập danh sách người được khảo sát');
    await check('console: roster (new campaign)');
    await page.getByLabel('Chọn tệp danh sách').setInputFiles(SAMPLE);
    await h2('Xem trước: respondents-sample.csv');
    await check('console: roster preview with errors');
    await page.getByRole('button', { name: 'Chỉ nhập các dòng hợp lệ' }).click();
    await h2('Đã nhập danh sách');
    await check('console: roster imported');
    await tab('Bộ câu hỏi');
    await h2('Phiếu và câu hỏi');
    await page.locator('details.questionnaire summary').first().click();
    await check('console: definition editor (editable)');
    await tab('Cài đặt');
    await h2('Cài đặt đợt khảo sát');
    await check('console: settings');

    await page.goto(`${journey.server.base}/console/c/${DEMO_CAMPAIGN_ID}`);
    await h2('Tổng cộng');
    await idle();
    await check('console: tracking');
    await tab('Lời mời');
    await page.getByRole('row').nth(1).waitFor();
    await check('console: invitations');
    await tab('Phiếu giấy');
    await h2('In phiếu giấy');
    await idle();
    await check('console: paper, print');
    await page.getByRole('button', { name: 'Nhận cuống phiếu' }).click();
    await h2('Nhận cuống phiếu');
    await idle();
    await check('console: paper, stubs');
    await page.getByRole('button', { name: 'Nhập phiếu giấy' }).click();
    await idle();
    await page.locator('input[name="sheet-set"]').first().check();
    await page.locator('.answer-grid').first().waitFor();
    await check('console: paper, entry');
    await tab('Bộ câu hỏi');
    await h2('Phiếu và câu hỏi');
    await check('console: definition (fixed)');
    await tab('Kết quả');
    await h2('Số phiếu đã nhận');
    await idle();
    await check('console: results while open');
    await tab('Theo dõi');
    await page.getByRole('button', { name: 'Đóng đợt khảo sát' }).click();
    await page.getByRole('alertdialog').waitFor();
    await check('console: confirm dialog');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Đóng đợt khảo sát' }).click();
    await page.getByRole('button', { name: 'Mở lại đợt khảo sát' }).waitFor();

    await tab('Kết quả');
    await h2('Các lần tính điểm');
    await idle();
    await check('console: results, no run yet');
    await page.getByRole('button', { name: 'Chạy tính điểm' }).click();
    await h2('Chi tiết đơn vị');
    await idle();
    await check('console: results of a run, unit detail');
    await page.getByRole('link', { name: /^Mở báo cáo để in:/ }).click();
    await h1(/^Báo cáo kết quả khảo sát/);
    await idle();
    await check('console: unit report (print)');
    await page.goto(`${journey.server.base}/console/c/${DEMO_CAMPAIGN_ID}/comments`);
    await h2('Duyệt ý kiến góp ý');
    await idle();
    await check('console: comments');

    await page.goto(`${journey.server.base}/console/admin/users`);
    await h2('Tài khoản');
    await idle();
    await check('console: admin, accounts');
    await page.getByRole('button', { name: 'Thêm tài khoản' }).click();
    await check('console: admin, add account');
    await page.goto(`${journey.server.base}/console/admin/audit`);
    await h2('Nhật ký hoạt động');
    await page.locator('main tbody tr').first().waitFor();
    await check('console: admin, audit log');
    await page.goto(`${journey.server.base}/console/account`);
    await h2('Đổi mật khẩu');
    await check('console: own account');
    await page.goto(`${journey.server.base}/console/khong-co`);
    await h1('Không tìm thấy trang này');
    await check('console: not found');

    await page.goto(`${journey.server.base}/api/campaigns/${DEMO_CAMPAIGN_ID}/slips`);
    await page.locator('article.slip').first().waitFor();
    await check('QR slips (printable)');
  }, 90_000);

  it('the form of a closed campaign', async () => {
    // Closed by the officer above already; closed here too, should that test have stopped early.
    await setCampaignOpen(journey.server.db, DEMO_CAMPAIGN_ID, false);
    context = await a11yContext(journey.browser, 'phone');
    page = await context.newPage();
    // A commune leader who never answered (the forms seeded above are each group's last three).
    const link = journey.server.links.find((l) => l.group_code === 'LD_UBND_XA');
    await page.goto(link?.url ?? '');
    await expect.poll(() => screenTitle(page), SLOW).toBe('Đợt khảo sát đã kết thúc.');
    await check('closed campaign');
  }, 30_000);
});
