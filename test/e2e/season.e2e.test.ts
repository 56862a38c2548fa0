import { resolve } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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
/** The slip the phone scans: STT 5 of the sample, a commune leader (Phiếu 03 only). */
const PERSON = {
  name: 'Lý Quốc Lộc',
  group: 'Lãnh đạo UBND các xã, thị trấn',
  unit: 'UBND xã Thanh Bình',
};

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
 * QR, decoded from the printed page, opens on a phone, which answers everything by tapping and
 * submits; back in the console the tracking counts that person's group × unit as submitted.
 */
describe.skipIf(!canRunBrowser)('a survey season, from roster to counted submission', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let laptop: BrowserContext | undefined;
  let phone: BrowserContext | undefined;
  let page: Page | undefined;
  let slips: Page | undefined;
  let form: Page | undefined;
  let step = 'start';

  beforeAll(async () => {
    server = await startServer();
    await addUser(server.db, { ...OFFICER, role: 'officer' });
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
    await laptop?.close();
  });

  it('sign in, import the sample roster, print slips, scan one, answer on a phone, see it counted', async () => {
    laptop = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
    const office = await laptop.newPage();
    page = office;

    step = 'sign-in';
    await office.goto(`${server.base}/console/login`);
    await office.getByLabel('E-mail').fill(OFFICER.email);
    await office.getByLabel('Mật khẩu').fill(OFFICER.password);
    await office.getByRole('button', { name: 'Đăng nhập' }).click();
    await office.getByRole('heading', { name: 'Các đợt khảo sát' }).waitFor();
    expect(await office.textContent('header')).toContain('Cán bộ Phòng Nội vụ');
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
    await office.getByText('156 lời mời', { exact: true }).waitFor();
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
    await printout.getByText('156 phiếu mời', { exact: true }).waitFor();
    expect(await printout.locator('article.slip').count()).toBe(156);
    const slip = printout.locator('article.slip', {
      has: printout.locator('.who', { hasText: PERSON.name }),
    });
    expect(await slip.count()).toBe(1);
    expect(await slip.locator('.meta').allTextContents()).toEqual([PERSON.group, PERSON.unit]);
    expect(await slip.locator('.code').textContent()).toMatch(/^Mã: \S+$/);
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
    expect(peers).toBe(2); // STT 5 and STT 116 of the sample
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
    expect(body).toContain('Phiếu số 03');
    expect(body).toContain(`Cần hỗ trợ, xin liên hệ ${CONTACT.name}: ${CONTACT.phone}`);
    // The deadline the officer typed, in Vietnam time.
    const [day, time] = closes.split('T');
    expect(body).toContain(`Hạn trả lời: ${time} ngày ${day?.split('-').reverse().join('/')}.`);
    await keepScreenshot(phonePage, 'season-07-phone-welcome');

    step = 'phone-answers';
    const part = () =>
      phonePage
        .locator('.progress label')
        .textContent()
        .then((t) => /Phần (\d+)\//.exec(t ?? '')?.[1]);
    let answered = 0;
    for (let screens = 0; !(await phonePage.getByRole('button', { name: 'Gửi phiếu' }).count()); ) {
      if (++screens > 30) throw new Error('the form never reached «Gửi phiếu»');
      if (await phonePage.locator('textarea').count()) {
        await phonePage
          .locator('textarea')
          .fill('Đề nghị công khai tiến độ giải quyết hồ sơ trên mạng.');
      } else if (await phonePage.getByRole('group', { name: 'Giới tính' }).count()) {
        await phonePage
          .getByRole('group', { name: 'Giới tính' })
          .getByLabel('Nam', { exact: true })
          .tap();
        await keepScreenshot(phonePage, 'season-08-phone-demographics');
      } else {
        answered += await answerScreen(phonePage, (n) => n % 4);
      }
      const before = await part();
      await nextScreen(phonePage);
      await expect.poll(part, { timeout: 10_000 }).not.toBe(before);
    }
    expect(answered).toBe(22);
    expect(await phonePage.textContent('body')).toContain('Ông/Bà đã trả lời đầy đủ.');
    await keepScreenshot(phonePage, 'season-09-phone-review');

    step = 'phone-submit';
    await phonePage.getByRole('button', { name: 'Gửi phiếu' }).tap();
    const receipt = phonePage.locator('#receipt');
    await receipt.waitFor();
    expect(await receipt.textContent()).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(await heading()).toBe('Cảm ơn Ông/Bà đã tham gia khảo sát!');
    await keepScreenshot(phonePage, 'season-10-phone-receipt');

    step = 'tracking';
    await office.bringToFront();
    await office.getByRole('link', { name: 'Theo dõi', exact: true }).click();
    await total.waitFor();
    expect(await stat(total, 'Đã gửi').textContent()).toBe('1');
    expect(await stat(total, 'Được mời').textContent()).toBe('156');
    expect(await stat(total, 'Chưa mở').textContent()).toBe('155');
    const block = office.locator('.group-block', {
      has: office.getByRole('heading', { name: PERSON.group, exact: true }),
    });
    const row = block.locator('tbody tr', {
      has: office.getByRole('rowheader', { name: PERSON.unit, exact: true }),
    });
    expect(await row.count()).toBe(1);
    const cell = (label: string) => row.locator(`td[data-label="${label}"]`).textContent();
    expect(await cell('Được mời')).toBe(String(peers));
    expect(await cell('Chưa mở')).toBe(String(peers - 1));
    expect(await cell('Đã gửi')).toBe('1');
    expect(await row.locator('.rate-text').textContent()).toBe('50%');
    // Every other group × unit still has nothing submitted.
    const submitted = await office
      .getByRole('region', { name: 'Theo nhóm và đơn vị' })
      .locator('td[data-label="Đã gửi"]')
      .allTextContents();
    expect(submitted.filter((n) => n !== '0')).toEqual(['1']);
    expect(
      await office.getByRole('region', { name: 'Phiếu đã gửi theo ngày' }).textContent(),
    ).toContain('1 phiếu (cộng dồn 1)');
    await row.scrollIntoViewIfNeeded();
    await keepScreenshot(office, 'season-11-tracking');
  }, 120_000);
});
