import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SurveyView } from '../../contract/respondent';
import { addUser } from '../../server/auth/users';
import {
  answerScreen,
  canRunBrowser,
  keepScreenshot,
  launchBrowser,
  nextScreen,
  phoneContext,
  screenTitle,
  startServer,
} from './harness';

const OFFICER = {
  email: 'noivu@honquan.vn',
  password: 'mật-khẩu-phòng-nội-vụ-dài',
  name: 'Nguyễn Văn An',
};
const CAMPAIGN = 'Khảo sát xã hội học Chỉ số CCHC năm 2024';
const CONTACT = { name: 'Phòng Nội vụ huyện Hớn Quản', phone: '0271 3888 456' };
const SAMPLE = resolve(import.meta.dirname, '../fixtures/respondents-sample.csv');
const JSQR = resolve(import.meta.dirname, '../../node_modules/jsqr/dist/jsQR.js');
const ANALYST = {
  email: 'thamdinh@honquan.vn',
  password: 'mật-khẩu-thẩm-định-dài',
  name: 'Lê Văn Thẩm',
};
/** The slip the phone scans: STT 2 of the sample, a district council delegate (Phiếu 01 + 05). */
const PERSON = {
  name: 'Dương Đình Sơn',
  group: 'Đại biểu HĐND huyện',
  unit: 'UBND xã Minh Đức',
};
/** The communes the delegate says they know in Phiếu 05; every other one is "Không biết". */
const KNOWN_COMMUNES = ['UBND xã Minh Đức', 'UBND xã Thanh Bình'] as const;
/** The commune whose own leaders answer too (Phiếu 03), checked in the exported file. */
const RATED_COMMUNE = 'UBND xã Thanh Bình';
const COMMENT = 'Đề nghị công khai tiến độ giải quyết hồ sơ trên mạng.';

/** A datetime-local value in Vietnam time (UTC+7), `days` from now. */
const vnInput = (days: number) =>
  new Date(Date.now() + days * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 16);

/** The number under a label in a `<dl class="stats">`, e.g. "Đã gửi". */
const stat = (scope: Locator, label: string) =>
  scope
    .locator('.stats > div', { has: scope.page().getByText(label, { exact: true }) })
    .locator('dd');

/** Draws a slip's inline SVG QR on a canvas at `size` px and reads it with jsQR (as a camera would). */
function decodeQr(svg: SVGSVGElement, size: number): Promise<string | null> {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('width', String(size));
  copy.setAttribute('height', String(size));
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(copy))}`;
  return img.decode().then(() => {
    const margin = Math.round(size / 10);
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = size + 2 * margin;
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(img, margin, margin, size, size);
    const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const read = (
      window as unknown as {
        jsQR: (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null;
      }
    ).jsQR;
    return read(data, width, height)?.data ?? null;
  });
}

/**
 * The season in one journey, in real headless Chromium against the real server, as the issue
 * asks: an officer signs in on a laptop, creates a campaign, imports the sample roster (its three
 * bad rows shown by row number, skipped), opens the campaign and prints the QR slips; one slip's
 * QR, decoded from the printed page, opens on a phone: a council delegate answers Phiếu 01 and
 * the Phiếu 05 matrix by tapping, loses the network half-way, goes on, and the form submits when
 * the network is back. Others answer too; the tracking counts them. An analyst sees counts and no
 * score while the campaign is open; the officer closes it; the analyst runs the scoring, sees the
 * scores (checked by hand: every answer was B) and downloads the .xlsx, which is read back.
 */

/** A person answering on their own phone through the public respondent API, as the form does. */
async function answerByApi(link: string, option: 'A' | 'B'): Promise<number> {
  const token = new URL(link).pathname.split('/').pop() ?? '';
  const api = `${new URL(link).origin}/api/s/${token}`;
  // The first open claims the link; the submit carries the claim, as the form does.
  const view = (await (await fetch(api)).json()) as SurveyView;
  if (!view.questionnaires || !view.claim) return (await fetch(api)).status;
  const answers = view.questionnaires.flatMap((q) =>
    q.questions.flatMap((question) =>
      q.units.map((u) => ({
        questionnaireId: q.id,
        questionId: question.id,
        unitCode: u.code,
        option,
      })),
    ),
  );
  const demographics = Object.fromEntries(
    view.demographics.map((d) => [d.key, d.options[0] ?? '']),
  );
  const res = await fetch(`${api}/submit`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Claim': view.claim },
    body: JSON.stringify({ submissionId: randomUUID(), answers, demographics }),
  });
  return res.status;
}

/** The console's CSRF token for the signed-in page, as the console itself reads it. */
async function csrfOf(page: Page): Promise<string> {
  const me = await page.context().request.get(new URL('/api/auth/me', page.url()).href);
  return ((await me.json()) as { csrfToken: string }).csrfToken;
}
describe.skipIf(!canRunBrowser)('a survey season, from roster to exported scores', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let laptop: BrowserContext | undefined;
  let phone: BrowserContext | undefined;
  let page: Page | undefined;
  let slips: Page | undefined;
  let form: Page | undefined;
  let desk: BrowserContext | undefined;
  let step = 'start';

  beforeAll(async () => {
    server = await startServer();
    await addUser(server.db, { ...OFFICER, role: 'officer' });
    await addUser(server.db, { ...ANALYST, role: 'analyst' });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  afterEach(async (t) => {
    if (t.task.result?.state === 'fail') {
      if (page) await keepScreenshot(page, `season-failed-at-${step}-console`);
      if (slips) await keepScreenshot(slips, `season-failed-at-${step}-slips`, { fullPage: false });
      if (form) await keepScreenshot(form, `season-failed-at-${step}-phone`);
    }
    await phone?.close();
    await desk?.close();
    await laptop?.close();
  });

  it('roster, slips, a QR answered on a phone through a network loss, counted, closed, scored, exported', async () => {
    // bypassCSP: the test injects jsQR into the printed slips to read a QR as a phone would; the
    // pages' Content-Security-Policy rightly refuses injected scripts (csp.e2e.test.ts checks it).
    laptop = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'vi-VN',
      bypassCSP: true,
    });
    const office = await laptop.newPage();
    page = office;

    step = 'sign-in';
    await office.goto(`${server.base}/console/login`);
    await office.getByLabel('E-mail').fill(OFFICER.email);
    await office.getByLabel('Mật khẩu').fill(OFFICER.password);
    await office.getByRole('button', { name: 'Đăng nhập' }).click();
    await office.getByRole('heading', { name: 'Các đợt khảo sát' }).waitFor();
    expect(await office.textContent('header')).toContain('Cán bộ nội vụ');
    await keepScreenshot(office, 'season-01-signed-in');

    step = 'create-campaign';
    await office.getByRole('button', { name: 'Tạo đợt khảo sát' }).click();
    const create = office.getByRole('form', { name: 'Tạo đợt khảo sát' });
    await create.getByLabel('Tên đợt khảo sát').fill(CAMPAIGN);
    const closes = vnInput(30);
    await create.getByLabel('Kết thúc', { exact: true }).fill(closes);
    await create.getByLabel('Người hoặc bộ phận liên hệ').fill(CONTACT.name);
    await create.getByLabel('Số điện thoại').fill(CONTACT.phone);
    await create.getByLabel('Chỉ tiêu tỷ lệ trả lời (%)').fill('70');
    await keepScreenshot(office, 'season-02-create');
    await create.getByRole('button', { name: 'Tạo đợt khảo sát' }).click();
    // A new campaign opens on its roster tab.
    await office.getByRole('heading', { name: 'Nhập danh sách người được khảo sát' }).waitFor();
    expect(await office.getByRole('heading', { level: 1 }).textContent()).toBe(CAMPAIGN);
    expect(await office.locator('.meta .phase').textContent()).toBe('Chưa mở');
    const campaignId = decodeURIComponent(
      /\/console\/c\/([^/]+)\/roster$/.exec(new URL(office.url()).pathname)?.[1] ?? '',
    );
    expect(campaignId).not.toBe('');

    step = 'roster-preview';
    await office.getByLabel('Chọn tệp danh sách').setInputFiles(SAMPLE);
    await office.getByRole('heading', { name: 'Xem trước: respondents-sample.csv' }).waitFor();
    const preview = office.getByRole('region', { name: /^Xem trước/ });
    expect(await stat(preview, 'Số dòng có dữ liệu').textContent()).toBe('159');
    expect(await stat(preview, 'Thêm mới').textContent()).toBe('156');
    expect(await stat(preview, 'Lỗi').textContent()).toBe('3');
    const errors = await office
      .getByRole('region', { name: 'Lỗi' })
      .getByRole('listitem')
      .allTextContents();
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/^Dòng 158 \(STT 157\): Trùng người với dòng 2 \(STT 1\)/);
    expect(errors[1]).toMatch(/^Dòng 159 \(STT 158\): .*"Phòng Ngoại vụ"/);
    expect(errors[2]).toMatch(/^Dòng 160 \(STT 159\): Thiếu nhóm đối tượng/);
    expect(await office.getByRole('button', { name: 'Nhập tất cả' }).isDisabled()).toBe(true);
    await keepScreenshot(office, 'season-03-roster-preview');

    step = 'roster-import';
    await office.getByRole('button', { name: 'Chỉ nhập các dòng hợp lệ' }).click();
    await office.getByRole('heading', { name: 'Đã nhập danh sách' }).waitFor();
    expect(await office.getByRole('region', { name: 'Đã nhập danh sách' }).textContent()).toMatch(
      /Đã nhập 156 người mới, cập nhật 0 người, 0 người không đổi\. Chưa nhập 3 dòng/,
    );
    await keepScreenshot(office, 'season-04-roster-imported');

    step = 'open-campaign';
    await office.getByRole('link', { name: 'Theo dõi', exact: true }).click();
    const total = office.getByRole('region', { name: 'Tổng cộng' });
    await total.waitFor();
    expect(await stat(total, 'Được mời').textContent()).toBe('156');
    expect(await stat(total, 'Đã gửi').textContent()).toBe('0');
    await office.getByRole('button', { name: 'Mở đợt khảo sát' }).click();
    await office.getByRole('alertdialog').getByRole('button', { name: 'Mở đợt khảo sát' }).click();
    await office.getByRole('button', { name: 'Đóng đợt khảo sát' }).waitFor();
    expect(await office.locator('.meta .phase').textContent()).toBe('Đang mở');

    step = 'invitations';
    await office.getByRole('link', { name: 'Lời mời', exact: true }).click();
    // One page of 50 at a time, and how many there are in all (a province has thousands).
    await office.getByText('Dòng 1–50 trong 156', { exact: true }).first().waitFor();
    await keepScreenshot(office, 'season-05-invitations', { fullPage: false });

    step = 'slips';
    // The console opens the printable slips in a new tab.
    const [printout] = await Promise.all([
      laptop.waitForEvent('page'),
      office.getByRole('link', { name: 'In phiếu mời (QR)' }).click(),
    ]);
    slips = printout;
    await printout.waitForLoadState();
    expect(new URL(printout.url()).pathname).toBe(
      `/api/campaigns/${encodeURIComponent(campaignId)}/slips`,
    );
    // The sheets it makes, said before printing: unit after unit, 8 slips a sheet, every sheet
    // full but the last (156 slips: 20 sheets, not one sheet or more per unit).
    await printout.getByText('156 phiếu mời, 20 trang A4', { exact: true }).waitFor();
    expect(await printout.locator('article.slip').count()).toBe(156);
    const slip = printout.locator('article.slip', {
      has: printout.locator('.who', { hasText: PERSON.name }),
    });
    expect(await slip.count()).toBe(1);
    expect(await slip.locator('.meta').allTextContents()).toEqual([PERSON.group, PERSON.unit]);
    expect(await slip.locator('.code').textContent()).toMatch(/^Mã: \S+$/);
    // Eight to a page, the QR code and the short code carry the link; four to a page print it
    // as text too: the same person's slip there gives the link the QR code must hold.
    expect(await slip.locator('.link').count()).toBe(0);
    await printout.getByRole('link', { name: '4', exact: true }).click();
    await printout.getByText('156 phiếu mời, 39 trang A4', { exact: true }).waitFor();
    const printed = (await slip.locator('.link').textContent())?.trim() ?? '';
    expect(printed.startsWith(`${server.base}/s/`)).toBe(true);
    // Everyone printed for the same group and unit: the tracking row's "Được mời".
    const peers = await printout.locator('article.slip').evaluateAll(
      (all, p) =>
        all.filter((s) => {
          const meta = [...s.querySelectorAll('.meta')].map((m) => m.textContent);
          return meta[0] === p.group && meta[1] === p.unit;
        }).length,
      PERSON,
    );
    expect(peers).toBe(3); // STT 2, 70 and 100 of the sample
    await slip.scrollIntoViewIfNeeded();
    await keepScreenshot(printout, 'season-06-slips', { fullPage: false });

    step = 'decode-qr';
    await printout.addScriptTag({ path: JSQR });
    const decoded = await slip.locator('svg.qr').evaluate(decodeQr, 400);
    expect(decoded).toBe(printed);

    step = 'phone-welcome';
    phone = await phoneContext(browser);
    const phonePage = await phone.newPage();
    form = phonePage;
    const heading = () => screenTitle(phonePage);
    await phonePage.goto(String(decoded));
    await expect.poll(heading, { timeout: 10_000 }).toBe(CAMPAIGN);
    const body = await phonePage.textContent('body');
    expect(body).toContain(`Kính gửi: ${PERSON.group}`);
    expect(body).toContain('Phiếu số 01');
    expect(body).toContain('Phiếu số 05');
    expect(body).toContain(`Cần hỗ trợ, xin liên hệ ${CONTACT.name}: ${CONTACT.phone}`);
    // The deadline the officer typed, in Vietnam time.
    const [day, time] = closes.split('T');
    expect(body).toContain(`Hạn trả lời: ${time} ngày ${day?.split('-').reverse().join('/')}.`);
    await keepScreenshot(phonePage, 'season-07-phone-welcome');

    step = 'phone-answers';
    // Every answer is B ("Tốt", coefficient 0.60 on the YB4 scale): the scores can then be
    // checked by hand, 60 % of every maximum. The network drops after the third screen; the
    // delegate goes on answering, and submits before it is back.
    const part = () =>
      phonePage
        .locator('.progress label')
        .textContent()
        .then((t) => /Phần (\d+)\//.exec(t ?? '')?.[1]);
    let singleQuestions = 0;
    let matrixQuestions = 0;
    let screens = 0;
    let matrixAnswered = 0;
    while (!(await phonePage.getByRole('button', { name: 'Gửi phiếu' }).count())) {
      if (++screens > 40) throw new Error('the form never reached «Gửi phiếu»');
      if (screens === 4) {
        await phone.setOffline(true);
        step = 'phone-answers-offline';
      }
      if (await phonePage.getByLabel(KNOWN_COMMUNES[0], { exact: true }).count()) {
        // Phiếu 05 asks first which communes the delegate knows; the rest are "Không biết".
        for (const name of KNOWN_COMMUNES) await phonePage.getByLabel(name, { exact: true }).tap();
        await keepScreenshot(phonePage, 'season-08-phone-communes');
      } else if (await phonePage.locator('textarea').count()) {
        await phonePage.locator('textarea').fill(COMMENT);
      } else if (await phonePage.getByRole('group', { name: 'Giới tính' }).count()) {
        await phonePage
          .getByRole('group', { name: 'Giới tính' })
          .getByLabel('Nam', { exact: true })
          .tap();
      } else {
        const matrix = await phonePage.locator('fieldset.unit').count();
        const n = await answerScreen(phonePage, () => 1);
        if (matrix > 0) matrixQuestions += n;
        else singleQuestions += n;
        if (matrix > 0 && matrixAnswered++ === 0) {
          // Each question asked of each commune the delegate knows, and only of those.
          expect(
            await phonePage
              .getByRole('group', { name: /^Câu \d+\./ })
              .first()
              .locator('fieldset.unit legend')
              .allTextContents(),
          ).toEqual(KNOWN_COMMUNES);
          await keepScreenshot(phonePage, 'season-09-phone-matrix-offline');
        }
      }
      // A phone-width page: nothing to scroll sideways, even in the matrix.
      expect(await phonePage.evaluate(() => document.documentElement.scrollWidth)).toBe(360);
      const before = await part();
      await nextScreen(phonePage);
      await expect.poll(part, { timeout: 10_000 }).not.toBe(before);
    }
    expect(matrixAnswered).toBeGreaterThan(0);
    expect(singleQuestions).toBeGreaterThan(10);
    expect(await phonePage.textContent('body')).toContain('Ông/Bà đã trả lời đầy đủ.');
    await keepScreenshot(phonePage, 'season-10-phone-review');

    step = 'phone-submit-offline';
    await phonePage.getByRole('button', { name: 'Gửi phiếu' }).tap();
    await phonePage.getByText('Chưa gửi được vì mất kết nối').waitFor();
    await keepScreenshot(phonePage, 'season-11-phone-offline');
    expect(await server.db.selectFrom('submission').select('id').execute()).toHaveLength(0);

    step = 'phone-back-online';
    await phone.setOffline(false);
    const receipt = phonePage.locator('#receipt');
    await receipt.waitFor({ timeout: 20_000 });
    expect(await receipt.textContent()).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(await heading()).toBe('Cảm ơn Ông/Bà đã tham gia khảo sát!');
    await keepScreenshot(phonePage, 'season-12-phone-receipt');
    // Every answer typed offline arrived: one form, the known communes rated, the rest "Không biết".
    // The link is the phone's now: the API answers only with the claim the phone keeps.
    const phoneToken = new URL(String(decoded)).pathname.split('/').pop() ?? '';
    const phoneClaim = JSON.parse(
      await phonePage.evaluate(
        (t) => localStorage.getItem(`cchc:claim:${t}`) ?? 'null',
        phoneToken,
      ),
    ) as string;
    const phoneApi = `${server.base}/api/s/${phoneToken}`;
    expect((await fetch(phoneApi)).status).toBe(403);
    const communes =
      (
        (await (await fetch(phoneApi, { headers: { 'X-Claim': phoneClaim } })).json()) as SurveyView
      ).questionnaires.find((q) => q.mode === 'matrix')?.units.length ?? 0;
    expect(communes).toBe(13); // the 12 communes and the town of Hớn Quản
    const stored = await server.db
      .selectFrom('answer')
      .select(({ fn }) => ['option', fn.countAll<number>().as('n')])
      .groupBy('option')
      .execute();
    expect(Object.fromEntries(stored.map((r) => [r.option, Number(r.n)]))).toEqual({
      B: singleQuestions + matrixQuestions * KNOWN_COMMUNES.length,
      E: matrixQuestions * (communes - KNOWN_COMMUNES.length),
    });

    step = 'others-answer';
    // The rest of the sample answers on their own phones (here through the public respondent
    // API, as the form does): enough people for the district and Thanh Bình to be scored, and
    // one group (two civil servants) below the small-group rule's 3 forms.
    const everyone = await printout.locator('article.slip').evaluateAll((all) =>
      all.map((s) => ({
        name: s.querySelector('.who')?.textContent?.trim() ?? '',
        group: s.querySelector('.meta')?.textContent ?? '',
        unit: s.querySelectorAll('.meta')[1]?.textContent ?? '',
        link: s.querySelector('.link')?.textContent?.trim() ?? '',
      })),
    );
    const pickOf = (group: string, n: number, unit?: string) => {
      const found = everyone.filter(
        (p) => p.group === group && p.name !== PERSON.name && (!unit || p.unit === unit),
      );
      expect(found.length).toBeGreaterThanOrEqual(n);
      return found.slice(0, n);
    };
    const others = [
      ...pickOf(PERSON.group, 3),
      ...pickOf('Lãnh đạo cơ quan chuyên môn thuộc UBND huyện', 3),
      ...pickOf('Lãnh đạo UBND các xã, thị trấn', 2, RATED_COMMUNE),
      ...pickOf('Công chức các phòng chuyên môn thuộc UBND huyện', 2),
    ];
    for (const p of others) expect(await answerByApi(p.link, 'B')).toBe(201);
    const forms = 1 + others.length;

    step = 'tracking';
    await office.bringToFront();
    await office.getByRole('link', { name: 'Theo dõi', exact: true }).click();
    await total.waitFor();
    await expect.poll(() => stat(total, 'Đã gửi').textContent()).toBe(String(forms));
    expect(await stat(total, 'Được mời').textContent()).toBe('156');
    // The group's rows, by the table's group filter; its last row adds them up.
    const units = office.getByRole('region', { name: 'Theo nhóm và đơn vị' });
    await units.getByLabel('Nhóm đối tượng').selectOption({ label: PERSON.group });
    const groupSubmitted = await units.locator('tbody td[data-label="Đã gửi"]').allTextContents();
    expect(groupSubmitted.reduce((sum, n) => sum + Number(n), 0)).toBe(4);
    expect(await units.locator('tfoot td[data-label="Đã gửi"]').textContent()).toBe('4');
    await keepScreenshot(office, 'season-13-tracking');
    await units.getByRole('button', { name: 'Bỏ lọc' }).click();

    step = 'analyst-while-open';
    // The analyst, on another laptop, while the campaign is open: counts, never a score.
    desk = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
    const analyst = await desk.newPage();
    page = analyst;
    await analyst.goto(`${server.base}/console/login`);
    await analyst.getByLabel('E-mail').fill(ANALYST.email);
    await analyst.getByLabel('Mật khẩu').fill(ANALYST.password);
    await analyst.getByRole('button', { name: 'Đăng nhập' }).click();
    await analyst.getByRole('heading', { name: 'Các đợt khảo sát' }).waitFor();
    await analyst.getByRole('link', { name: CAMPAIGN }).click();
    await analyst.getByRole('link', { name: 'Kết quả', exact: true }).click();
    await analyst.getByText('Đợt khảo sát đang mở: chưa có điểm; chỉ xem được số phiếu.').waitFor();
    const counts = analyst.getByRole('region', { name: 'Số phiếu đã nhận' });
    expect(await stat(counts, 'Đã gửi').textContent()).toBe(String(forms));
    expect(await analyst.getByRole('button', { name: 'Chạy tính điểm' }).count()).toBe(0);
    expect(await analyst.getByText('Điểm khảo sát').count()).toBe(0);
    const refused = await desk.request.post(
      `${server.base}/api/campaigns/${encodeURIComponent(campaignId)}/runs`,
      { headers: { 'X-CSRF-Token': await csrfOf(analyst) } },
    );
    expect(refused.status()).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
      'campaign_open',
    );
    await keepScreenshot(analyst, 'season-14-analyst-while-open');

    step = 'close';
    page = office;
    await office.bringToFront();
    await office.getByRole('button', { name: 'Đóng đợt khảo sát' }).click();
    await office
      .getByRole('alertdialog')
      .getByRole('button', { name: 'Đóng đợt khảo sát' })
      .click();
    await office.getByRole('button', { name: 'Mở lại đợt khảo sát' }).waitFor();
    expect(await office.locator('.meta .phase').textContent()).toBe('Đã đóng');
    // A link opened after closing says so, and takes nothing.
    expect(await answerByApi(pickOf(PERSON.group, 4)[3]?.link ?? '', 'A')).toBe(410);

    step = 'analyst-scores';
    page = analyst;
    await analyst.bringToFront();
    await analyst.reload();
    await analyst.getByRole('button', { name: 'Chạy tính điểm' }).click();
    const district = analyst.getByRole('region', { name: /^UBND huyện Hớn Quản/ });
    await district.waitFor();
    // B everywhere, coefficient 0.60: 60 % of the district's 30 points.
    expect(await stat(district, 'Điểm khảo sát').textContent()).toBe('18,00');
    expect(await stat(district, 'Điểm tối đa').textContent()).toBe('30,00');
    expect(await stat(district, 'Tỷ lệ').textContent()).toBe('60,00%');
    await keepScreenshot(analyst, 'season-15-analyst-scores');
    const fingerprint = (await analyst.locator('.r-fingerprint').first().textContent())?.trim();
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);

    step = 'analyst-export';
    const [download] = await Promise.all([
      analyst.waitForEvent('download'),
      analyst
        .getByRole('link', { name: /\.xlsx/ })
        .first()
        .click(),
    ]);
    const file = await download.path();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        'Kết quả – UBND huyện',
        'Kết quả – UBND xã, thị trấn',
        'Tiêu chí – UBND huyện',
        'Theo nhóm',
        'Phương pháp',
      ]),
    );
    const rowOf = (sheet: string, name: string) => {
      const s = book.getWorksheet(sheet);
      if (!s) throw new Error(`no sheet «${sheet}» in the .xlsx`);
      // The official table: a title block, its header row is the 7th.
      const cols = (s.getRow(7).values as unknown[]).map((v) => String(v ?? ''));
      const row = s.getRows(8, s.rowCount - 7)?.find((r) => r.getCell(3).text === name);
      return (header: string) => row?.getCell(cols.indexOf(header)).value;
    };
    const huyen = rowOf('Kết quả – UBND huyện', 'UBND huyện Hớn Quản');
    expect([huyen('Điểm khảo sát'), huyen('Tối đa'), huyen('Tỷ lệ %')]).toEqual([18, 30, 60]);
    const commune = rowOf('Kết quả – UBND xã, thị trấn', RATED_COMMUNE);
    expect([commune('Điểm khảo sát'), commune('Tối đa'), commune('Tỷ lệ %')]).toEqual([12, 20, 60]);
    const method = book.getWorksheet('Phương pháp');
    const methodText = (method?.getSheetValues() ?? []).flat().join('\n');
    expect(methodText).toContain(fingerprint);
    expect(methodText).toContain('YB4');
    expect(methodText).toContain(CAMPAIGN);
    // Two civil servants: their group's row is hidden, never shown as a ratio of two people.
    const groups = (book.getWorksheet('Theo nhóm')?.getSheetValues() ?? []).map((r) =>
      (Array.isArray(r) ? r : []).map((v) => String(v ?? '')).join(' | '),
    );
    const civil = groups.filter((r) => r.includes('Công chức các phòng chuyên môn'));
    expect(civil.length).toBeGreaterThan(0);
    for (const r of civil) expect(r).toContain('ẩn (dưới 3 phiếu)');
  }, 180_000);
});
