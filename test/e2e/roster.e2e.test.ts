import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { BrowserContext, Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { canRunBrowser, keepScreenshot, useJourney } from './harness';

const OFFICER = {
  email: 'danh.sach@noivu.gov.vn',
  password: 'mật-khẩu-danh-sách-dài',
  name: 'Cán bộ lập danh sách',
};
const SAMPLE = resolve(import.meta.dirname, '../fixtures/respondents-sample.csv');

/** A download's bytes, as the officer's computer saves them. */
async function bytesOf(download: Download): Promise<Buffer> {
  const path = await download.path();
  return readFileSync(path);
}

/** A figure of the preview's summary, by its label. */
const stat = (page: Page, label: string) =>
  page
    .locator('dl.stats div')
    .filter({ has: page.getByText(label, { exact: true }) })
    .locator('dd');

/**
 * Issue #13.15 in real Chromium: the officer downloads the campaign's roster template, previews
 * the office's list, downloads the rows with problems to fix them and import again, and settles
 * the rest on screen: a namesake declared another person ("Khác người"), a unit and a group
 * picked among the suggestions; then everything is imported.
 */
describe.skipIf(!canRunBrowser)('the roster: template, problem rows, decisions', () => {
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let step = 'start';
  const journey = useJourney('roster', () => ({ page, context, step }), [
    { ...OFFICER, role: 'officer' },
  ]);

  it('from the template to a whole list imported, its problems fixed in a file or on screen', async () => {
    const base = journey.server.base;
    context = await journey.browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'vi-VN',
      acceptDownloads: true,
    });
    const office = await context.newPage();
    page = office;

    step = 'sign-in';
    await office.goto(`${base}/console/login`);
    await office.getByLabel('E-mail').fill(OFFICER.email);
    await office.getByLabel('Mật khẩu').fill(OFFICER.password);
    await office.getByRole('button', { name: 'Đăng nhập' }).click();
    await office.getByRole('heading', { name: 'Các đợt khảo sát' }).waitFor();
    const me = await office.request.get(`${base}/api/auth/me`);
    const { csrfToken } = (await me.json()) as { csrfToken: string };
    const created = await office.request.post(`${base}/api/campaigns`, {
      headers: { 'X-CSRF-Token': csrfToken, 'Content-Type': 'application/json' },
      data: { name: 'Khảo sát 2024', contactName: null, contactPhone: null },
    });
    const { id } = (await created.json()) as { id: string };

    step = 'template';
    await office.goto(`${base}/console/c/${id}/roster`);
    const [template] = await Promise.all([
      office.waitForEvent('download'),
      office.getByRole('link', { name: 'Tải tệp mẫu (.xlsx)' }).click(),
    ]);
    expect(template.suggestedFilename()).toBe(`mau-danh-sach-${id}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await bytesOf(template)) as unknown as ArrayBuffer);
    const list = book.getWorksheet('Danh sách');
    expect(((list?.getRow(1).values ?? []) as unknown[]).slice(1)).toEqual([
      'STT',
      'Họ và tên',
      'Chức vụ',
      'Đơn vị công tác',
      'Nhóm đối tượng',
      'Số điện thoại',
      'Email',
      'Ghi chú',
    ]);
    expect(list?.getCell('E2').value).toBe('Lãnh đạo cơ quan chuyên môn thuộc UBND huyện');
    expect(book.getWorksheet('Nhóm đối tượng')?.rowCount).toBe(5);

    step = 'preview';
    await office.getByLabel('Chọn tệp danh sách').setInputFiles(SAMPLE);
    await office.getByRole('heading', { name: 'Xem trước: respondents-sample.csv' }).waitFor();
    expect(await stat(office, 'Lỗi').textContent()).toBe('3');

    step = 'problem-file';
    const [problems] = await Promise.all([
      office.waitForEvent('download'),
      office.getByRole('link', { name: 'Tải 3 dòng cần sửa (.csv)' }).click(),
    ]);
    expect(problems.suggestedFilename()).toBe('respondents-sample-can-sua.csv');
    const text = (await bytesOf(problems)).toString('utf8');
    expect(text.startsWith('\ufeff')).toBe(true);
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'Dòng trong tệp gốc',
      'STT',
      'Họ và tên',
      'Chức vụ',
      'Đơn vị công tác',
      'Nhóm đối tượng',
      'Số điện thoại',
      'Email',
      'Ghi chú',
      'Vấn đề cần sửa',
    ]);
    expect(rows.map((r) => r['Dòng trong tệp gốc'])).toEqual(['158', '159', '160']);
    expect(rows[1]?.['Vấn đề cần sửa']).toContain('"Phòng Ngoại vụ" không có trong danh sách');
    expect(rows[2]?.['Vấn đề cần sửa']).toMatch(/^Thiếu nhóm đối tượng/);

    step = 'fixed-file';
    // Fixed in the file as an office would (the unit, the missing group), and imported again.
    const fixed = text
      .replace('Phòng Ngoại vụ', 'Phòng Nội vụ')
      .replace('Phòng Tư pháp,,', 'Phòng Tư pháp,Công chức phòng chuyên môn,');
    await office.getByLabel('Chọn tệp danh sách').setInputFiles({
      name: 'respondents-sample-can-sua.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(fixed, 'utf8'),
    });
    await office
      .getByRole('heading', { name: 'Xem trước: respondents-sample-can-sua.csv' })
      .waitFor();
    expect(await stat(office, 'Số dòng có dữ liệu').textContent()).toBe('3');
    expect(await stat(office, 'Lỗi').textContent()).toBe('0');
    expect(await office.getByText('Cách ghép cột (8 cột được dùng)').isVisible()).toBe(true);
    await keepScreenshot(office, 'roster-fixed-file', { fullPage: false });

    step = 'decide';
    await office.getByLabel('Chọn tệp danh sách').setInputFiles(SAMPLE);
    await office.getByRole('heading', { name: 'Xem trước: respondents-sample.csv' }).waitFor();
    const fixes = office.getByRole('region', { name: /^Sửa ngay trên màn hình/ });
    expect(await fixes.getByRole('heading').textContent()).toBe('Sửa ngay trên màn hình (3 dòng)');
    await fixes.getByLabel(/^Khác người: nhập cả dòng này/).check();
    await fixes
      .getByLabel('Chọn đơn vị công tác cho dòng 159 (STT 158)')
      .selectOption('Phòng Nội vụ');
    await fixes
      .getByLabel('Chọn nhóm đối tượng cho dòng 160 (STT 159)')
      .selectOption('Công chức các phòng chuyên môn thuộc UBND huyện');
    await keepScreenshot(office, 'roster-decisions');
    await office
      .getByRole('button', { name: 'Xem trước lại với các lựa chọn đã đánh dấu' })
      .click();
    await office.waitForFunction(
      () =>
        [...document.querySelectorAll('dl.stats div')].find((d) => d.textContent?.startsWith('Lỗi'))
          ?.textContent === 'Lỗi0',
    );
    expect(await stat(office, 'Thêm mới').textContent()).toBe('159');
    // The choices stay shown, to change; no row is left to download.
    expect(await fixes.getByLabel(/^Khác người/).isChecked()).toBe(true);
    expect(await office.getByRole('link', { name: /dòng cần sửa/ }).count()).toBe(0);

    step = 'import';
    await office.getByRole('button', { name: 'Nhập tất cả' }).click();
    await office.getByRole('heading', { name: 'Đã nhập danh sách' }).waitFor();
    expect(await office.getByRole('region', { name: 'Đã nhập danh sách' }).textContent()).toMatch(
      /Đã nhập 159 người mới/,
    );
    const people = await journey.server.db
      .selectFrom('respondent')
      .select(['name', 'unitCode', 'groupCode'])
      .where('campaignId', '=', id)
      .execute();
    expect(people).toHaveLength(159);
    expect(people.filter((p) => p.name === 'Phan Hoàng Trung')).toHaveLength(2);
    expect(people.find((p) => p.name === 'Huỳnh Hoàng Việt')?.groupCode).toBe('CC_CQCM_HUYEN');
  }, 90_000);
});
